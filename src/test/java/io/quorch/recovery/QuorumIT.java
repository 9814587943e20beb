package io.quorch.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.restassured.path.json.JsonPath;
import io.quorch.testing.Await;
import io.quorch.testing.RaftCluster;
import io.quorch.testing.Sandbox;

/**
 * FailureDetectionQuorum on a real group of three, each node in its own network namespace
 * (scripts/lib/netns), over a real MariaDB primary with two replicas. A node whose view is wrong
 * has a routing rule in its namespace that makes the primary alone unreachable; the replicas
 * are made to stop replicating, so that node's analysis says DeadMaster while the others see the
 * primary alive.
 */
class QuorumIT {

    private static final String CONFIG = "\"InstancePollSeconds\": 0.5, \"RecoverMasterClusterFilters\": [\"*\"],"
            + " \"MySQLConnectTimeoutSeconds\": 0.5, \"MySQLReadTimeoutSeconds\": 1";

    @TempDir
    Path dir;

    static void netns(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of("scripts/lib/netns").toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("scripts/lib/netns " + String.join(" ", args) + " failed");
        }
    }

    @BeforeAll
    static void up() throws Exception {
        netns("down");
        netns("up", "3");
    }

    @AfterAll
    static void down() throws Exception {
        netns("down");
    }

    /** A group that knows the sandbox's three servers on every node; returns the leader. */
    private static int discovered(RaftCluster c, Sandbox sandbox) {
        int leader = c.awaitSingleLeader(Duration.ofSeconds(90));
        var discovered = c.get(leader, "/api/discover/10.231.0.254/" + sandbox.primaryPort());
        assertEquals(200, discovered.statusCode(), discovered.body());
        c.awaitEveryNodeKnows("10.231.0.254:" + sandbox.primaryPort(), 3, Duration.ofSeconds(30));
        return leader;
    }

    /** The replicas stop fetching from the primary: whoever cannot reach the primary now calls it dead. */
    private static void replication(Sandbox sandbox, boolean on) {
        for (int r : sandbox.replicaPorts()) {
            sandbox.sql(r, on ? "START SLAVE IO_THREAD" : "STOP SLAVE IO_THREAD");
        }
    }

    private static String analysis(RaftCluster c, int node) {
        return c.local(node, "/api/replication-analysis").body();
    }

    private static String audit(RaftCluster c, int node) {
        return c.local(node, "/api/audit").body();
    }

    private static String recoveries(RaftCluster c, int node) {
        return c.local(node, "/api/audit-recovery").body().trim();
    }

    private static HttpResponse<String> post(RaftCluster c, int node, String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(c.url(node) + path))
                .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aMajorityMustSeeThePrimaryDeadBeforeTheLeaderFailsItOver() throws Exception {
        try (Sandbox sandbox = Sandbox.up("quorum-majority", 2, false, "10.231.0.254");
                RaftCluster c = RaftCluster.startInNamespaces(dir, 3, CONFIG)) {
            int leader = discovered(c, sandbox);
            int follower = (leader + 1) % 3;
            int primary = sandbox.primaryPort();

            // a verdict from outside the group, or a malformed one, is refused with a reason
            var stranger = post(c, leader, "/api/failure-verdict", "{\"Node\": \"10.9.9.9:10008\", \"Hostname\":"
                    + " \"10.231.0.254\", \"Port\": " + primary + ", \"Analysis\": \"DeadMaster\"}");
            assertEquals(400, stranger.statusCode(), stranger.body());
            assertTrue(stranger.body().contains("not another member of the raft group"), stranger.body());
            var junk = post(c, leader, "/api/failure-verdict", "{\"Node\": \"" + c.raftAddress(follower)
                    + "\", \"Hostname\": \"10.231.0.254\", \"Port\": " + primary + ", \"Analysis\": \"Dead\"}");
            assertEquals(400, junk.statusCode(), junk.body());
            assertTrue(junk.body().contains("\"Code\":\"ERROR\"") && junk.body().contains("unknown code"), junk.body());

            // 1. a follower alone sees the primary dead: it says so, the leader audits the disagreement and
            // fails nothing over
            replication(sandbox, false);
            netns("block", Integer.toString(follower), Integer.toString(primary));
            Await.until("the follower sees the primary dead", Duration.ofSeconds(20),
                    () -> analysis(c, follower).contains("\"Analysis\":\"DeadMaster\""));
            Await.until("the leader audits the follower's disagreeing verdict", Duration.ofSeconds(20),
                    () -> audit(c, leader).contains(c.raftAddress(follower) + " reports DeadMaster"));
            assertTrue(audit(c, leader).contains("failure-verdict-disagreement"), audit(c, leader));
            assertTrue(!analysis(c, leader).contains("DeadMaster"), analysis(c, leader));
            assertEquals("[]", recoveries(c, leader), "the leader failed over a primary only one follower saw dead");
            netns("unblock", Integer.toString(follower), Integer.toString(primary));
            Await.until("the follower sees the primary again", Duration.ofSeconds(20),
                    () -> !analysis(c, follower).contains("DeadMaster"));
            // its DeadMaster verdict is withdrawn at its next probe, and would age out after two poll intervals
            // (1 s) anyway: past that, it cannot count towards what the leader sees next
            Thread.sleep(1500);

            // 2. the leader alone sees it dead: it does not recover, and says who did not agree
            netns("block", Integer.toString(leader), Integer.toString(primary));
            Await.until("the leader audits that too few nodes agree", Duration.ofSeconds(20),
                    () -> audit(c, leader).contains("DeadMaster seen only by " + c.raftAddress(leader)
                            + " (FailureDetectionQuorum 2 of 3)"));
            String seen = analysis(c, leader);
            assertTrue(seen.contains("\"FailureDetectionQuorum\":{\"Quorum\":2,\"Members\":3,\"Agreed\":false,"
                    + "\"AgreeingNodes\":[\"" + c.raftAddress(leader) + "\"]"), seen);
            assertEquals("[]", recoveries(c, leader), "the leader failed over a primary only it saw dead");
            assertTrue(c.local(leader, "/api/audit-failure-detection").body().trim().equals("[]"),
                    "a failure too few nodes see is not detected");
            netns("unblock", Integer.toString(leader), Integer.toString(primary));
            replication(sandbox, true);
            for (int i = 0; i < 3; i++) {
                int n = i;
                Await.until("node " + n + " sees the primary healthy", Duration.ofSeconds(20),
                        () -> JsonPath.from(analysis(c, n)).getList("Details.Analysis").stream()
                                .allMatch("NoProblem"::equals));
            }
            assertEquals("[]", recoveries(c, leader));

            // 3. the primary really dies: every node sees it, the failover goes on and names who agreed
            sandbox.kill(primary);
            Await.until("the primary failed over", Duration.ofSeconds(30), () -> {
                String r = recoveries(c, leader);
                return r.contains("\"IsSuccessful\":true") && r.contains("\"IsActive\":false");
            });
            JsonPath recovery = JsonPath.from(recoveries(c, leader));
            assertEquals(primary, recovery.getInt("[0].AnalysisEntry.AnalyzedInstanceKey.Port"));
            List<String> agreeing = recovery.getList("[0].AnalysisEntry.FailureDetectionQuorum.AgreeingNodes");
            assertTrue(agreeing.size() >= 2 && agreeing.get(0).equals(c.raftAddress(leader)), agreeing.toString());
            String steps = c.local(leader, "/api/audit-recovery-steps/" + recovery.getString("[0].UID")).body();
            assertTrue(steps.contains("failure detection quorum: DeadMaster agreed by " + c.raftAddress(leader) + ", "),
                    steps);
        }
    }

    @Test
    void withAQuorumOfOneTheLeadersOwnViewDecidesAsBefore() throws Exception {
        try (Sandbox sandbox = Sandbox.up("quorum-one", 2, false, "10.231.0.254");
                RaftCluster c = RaftCluster.startInNamespaces(dir, 3, CONFIG + ", \"FailureDetectionQuorum\": 1")) {
            int leader = discovered(c, sandbox);
            int primary = sandbox.primaryPort();
            replication(sandbox, false);
            netns("block", Integer.toString(leader), Integer.toString(primary));
            Await.until("the leader alone recovers the primary it cannot reach", Duration.ofSeconds(30),
                    () -> recoveries(c, leader).contains("\"Port\":" + primary));
            String r = recoveries(c, leader);
            assertTrue(r.contains("\"Analysis\":\"DeadMaster\"") && !r.contains("FailureDetectionQuorum"), r);
            assertTrue(!audit(c, leader).contains("failure-verdict"), "no verdicts travel with a quorum of 1");
        }
    }

    @Test
    void aQuorumNoGroupCouldReachStopsTheStartNamingTheKey() throws Exception {
        for (String bad : List.of("0", "2", "\"most\"")) {
            Path config = java.nio.file.Files.writeString(dir.resolve("bad.json"), "{\"ListenAddress\": \":"
                    + io.quorch.testing.Ports.free() + "\", \"SQLite3DataFile\": \"" + dir.resolve("bad.db")
                    + "\", \"FailureDetectionQuorum\": " + bad + "}");
            try (var q = io.quorch.testing.QuorchProcess.start(config, dir.resolve("bad"), java.util.Map.of())) {
                assertEquals(io.quorch.app.StartupFailure.EXIT_CONFIG, q.awaitExit(Duration.ofSeconds(60)), q.output());
                assertTrue(q.output().contains("FailureDetectionQuorum: "), q.output());
            }
        }
    }
}
