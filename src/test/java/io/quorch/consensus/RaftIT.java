package io.quorch.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.app.StartupFailure;
import io.quorch.testing.Await;
import io.quorch.testing.Ports;
import io.quorch.testing.PrometheusText;
import io.quorch.testing.QuorchProcess;
import io.quorch.testing.RaftCluster;
import io.quorch.testing.Sandbox;

/** Real raft groups of quorch processes on loopback. */
class RaftIT {

    private static final Duration START = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    static String recoveries(RaftCluster c, int i) {
        return c.local(i, "/api/check-global-recoveries").body();
    }

    /** Rows of a node's own SQLite backend, read straight from its file. */
    static int count(RaftCluster c, Path dir, int i, String table) throws Exception {
        try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("node" + i + "/quorch.db"));
                ResultSet rs = conn.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static String scrape(RaftCluster c, int i) {
        var reply = c.get(i, "/q/metrics");
        assertEquals(200, reply.statusCode(), reply.body());
        return reply.body();
    }

    /** The sum of node i's samples of a metric with these labels. */
    static double metric(RaftCluster c, int i, String name, String... labels) {
        Map<String, String> wanted = new java.util.HashMap<>();
        for (int l = 0; l < labels.length; l += 2) {
            wanted.put(labels[l], labels[l + 1]);
        }
        return PrometheusText.sum(scrape(c, i), name, wanted);
    }

    @Test
    void threeNodesElectOneLeaderReplicateIntentsAndSurviveTheLeadersDeath() {
        try (RaftCluster c = RaftCluster.start(dir, 3, "")) {
            int leader = c.awaitSingleLeader(START);
            for (int i = 0; i < 3; i++) {
                int n = i;
                Await.until("raft-health on node " + n, Duration.ofSeconds(20),
                        () -> c.local(n, "/api/raft-health").statusCode() == 200);
            }
            assertTrue(c.output(leader).contains("is plain, unauthenticated gRPC"), "a warning that raft is plain:\n"
                    + c.output(leader));
            int follower = (leader + 1) % 3;
            // each node serves its own metrics (/q/metrics is never forwarded to the leader)
            assertEquals(1.0, metric(c, leader, "quorch_leader"));
            assertEquals(0.0, metric(c, follower, "quorch_leader"));
            assertEquals(1.0, metric(c, follower, "quorch_raft_role", "role", "follower"));
            Await.until("the leader reports both followers' lag", Duration.ofSeconds(10), () -> scrape(c, leader)
                    .lines().filter(l -> l.startsWith("quorch_raft_follower_lag_entries{follower=")).count() == 2);
            assertTrue(scrape(c, follower).lines().noneMatch(l -> l.startsWith("quorch_raft_follower_lag_entries{")),
                    "followers report no lag of their own");
            // Ratis' own metrics beside quorch's: the leader's commit index of each member, the peer as a tag
            Await.until("Ratis' peer commit indexes on the leader", Duration.ofSeconds(15), () -> scrape(c, leader)
                    .lines().filter(l -> l.startsWith("quorch_ratis_server_peer_commit_index{")
                            && l.contains("peer=\"")).count() == 3);
            double changesSeen = metric(c, follower, "quorch_raft_leader_changes_total");
            double term = metric(c, follower, "quorch_raft_term");
            // the built application describes its API, and has no Swagger UI (dev mode only)
            assertTrue(c.local(follower, "/q/openapi").body().contains("/api/leader-check"));
            assertEquals(404, c.local(follower, "/q/swagger-ui/").statusCode());
            // a request the follower forwards is counted there by its route, not by the server it names
            c.get(follower, "/api/instance/db-secret-name.example/3306");
            String followerMetrics = scrape(c, follower);
            assertTrue(followerMetrics.contains("uri=\"/api/instance/*\""), followerMetrics);
            assertFalse(followerMetrics.contains("db-secret-name"), followerMetrics);
            var reply = c.get(follower, "/api/disable-global-recoveries");
            assertEquals(200, reply.statusCode(), reply.body());
            for (int i = 0; i < 3; i++) {
                int n = i;
                Await.until("disabled on node " + n, Duration.ofSeconds(10),
                        () -> recoveries(c, n).contains("\"Details\":\"disabled\""));
            }
            var status = c.local(follower, "/api/status").body();
            assertTrue(status.contains("\"RaftLeaderURI\":\"" + c.url(leader) + "\""), status);

            c.kill(leader);
            int next = c.awaitSingleLeader(Duration.ofSeconds(20));
            assertNotEquals(leader, next);
            Await.until("the leader change counted", Duration.ofSeconds(10),
                    () -> metric(c, follower, "quorch_raft_leader_changes_total") > changesSeen);
            assertTrue(metric(c, follower, "quorch_raft_term") > term, "a new term");
            assertEquals(1.0, metric(c, next, "quorch_leader"));
            assertTrue(recoveries(c, next).contains("disabled"), "state intact on the new leader");
            int other = 3 - leader - next;
            assertEquals(200, c.get(other, "/api/enable-global-recoveries").statusCode());
            Await.until("enabled on the new leader", Duration.ofSeconds(10),
                    () -> recoveries(c, next).contains("\"Details\":\"enabled\""));

            c.start(leader);
            Await.until("the restarted node catches up", START,
                    () -> recoveries(c, leader).contains("\"Details\":\"enabled\""));
            assertEquals(List.of(next), c.leaders());
        }
    }

    @Test
    void aFollowerThatMissedPurgedEntriesCatchesUpFromASnapshot() throws Exception {
        try (RaftCluster c = RaftCluster.start(dir, 3, "\"RaftLogSegmentSizeKiB\": 16, \"RaftSnapshotThreshold\": 40")) {
            int leader = c.awaitSingleLeader(START);
            int away = (leader + 1) % 3;
            c.stop(away);
            for (int n = 0; n < 100; n++) {
                var r = c.get(leader, "/api/register-candidate/db-" + n + ".example/3306/prefer");
                assertEquals(200, r.statusCode(), r.body());
            }
            var snap = c.get(leader, "/api/raft-snapshot");
            assertEquals(200, snap.statusCode(), snap.body());
            assertEquals(100, count(c, dir, leader, "candidate_database_instance"));
            c.start(away);
            Await.until("the returning follower has all 100 rules", START, () -> {
                try {
                    return count(c, dir, away, "candidate_database_instance") == 100;
                } catch (Exception e) {
                    return false;
                }
            });
            assertTrue(c.output(away).contains("restored replicated state from snapshot"), c.output(away));
        }
    }

    @Test
    void aNodeWithoutAQuorumIsUnhealthyAndRefusesChanges() throws Exception {
        try (RaftCluster c = RaftCluster.start(dir, 3, "")) {
            int leader = c.awaitSingleLeader(START);
            int survivor = (leader + 1) % 3;
            for (int i = 0; i < 3; i++) {
                if (i != survivor) {
                    c.stop(i);
                }
            }
            Await.until("survivor unhealthy", Duration.ofSeconds(20),
                    () -> c.local(survivor, "/api/raft-health").statusCode() == 500);
            assertEquals(404, c.local(survivor, "/api/leader-check").statusCode());
            assertEquals(503, c.local(survivor, "/api/leader-check/503").statusCode());
            var refused = c.get(survivor, "/api/disable-global-recoveries");
            assertEquals(503, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("\"Code\":\"ERROR\""), refused.body());
            assertTrue(recoveries(c, survivor).contains("\"Details\":\"enabled\""), "nothing applied locally");
            assertEquals(0, count(c, dir, survivor, "global_recovery_disable"));
        }
    }

    @Test
    void fiveNodesTolerateTwoFailures() {
        try (RaftCluster c = RaftCluster.start(dir, 5, "")) {
            int leader = c.awaitSingleLeader(START);
            c.kill(leader);
            c.kill((leader + 1) % 5);
            int next = c.awaitSingleLeader(Duration.ofSeconds(20));
            List<Integer> alive = IntStream.range(0, 5).filter(c::isAlive).boxed().toList();
            assertEquals(3, alive.size());
            int via = alive.stream().filter(i -> i != next).findFirst().orElseThrow();
            assertEquals(200, c.get(via, "/api/disable-global-recoveries").statusCode());
            for (int i : alive) {
                Await.until("applied on node " + i, Duration.ofSeconds(10),
                        () -> recoveries(c, i).contains("\"Details\":\"disabled\""));
            }
        }
    }

    /**
     * A change sent through a follower the moment the leader dies: the follower still forwards to the dead
     * leader (its port refuses), then hears no leader while the others elect one; the change waits and is taken
     * by the next leader instead of being answered 502 or 503.
     */
    @Test
    void aChangeSentThroughAFollowerJustAfterTheLeaderDiesIsTakenByTheNextLeader() {
        try (RaftCluster c = RaftCluster.start(dir, 3, "")) {
            int leader = c.awaitSingleLeader(START);
            int follower = (leader + 1) % 3;
            Await.until("the follower knows the leader's address", Duration.ofSeconds(10),
                    () -> c.local(follower, "/api/status").body().contains("\"RaftLeaderURI\":\"http"));
            c.kill(leader);
            var taken = c.get(follower, "/api/disable-global-recoveries");
            assertEquals(200, taken.statusCode(), taken.body());
            for (int i = 0; i < 3; i++) {
                if (i != leader) {
                    int n = i;
                    Await.until("applied on node " + n, Duration.ofSeconds(10),
                            () -> recoveries(c, n).contains("\"Details\":\"disabled\""));
                }
            }
        }
    }

    @Test
    void aDeadPrimaryIsRecoveredByTheLeaderAloneAndEveryNodeAuditsIt() {
        try (Sandbox sandbox = Sandbox.up("raft-recovery", 2, false);
                RaftCluster c = RaftCluster.start(dir, 3, "\"InstancePollSeconds\": 0.5,"
                        + " \"RecoverMasterClusterFilters\": [\"*\"], \"MySQLConnectTimeoutSeconds\": 0.5,"
                        + " \"MySQLReadTimeoutSeconds\": 1")) {
            int leader = c.awaitSingleLeader(START);
            int primary = sandbox.primaryPort();
            int follower = (leader + 1) % 3;
            var discovered = c.get(follower, "/api/discover/127.0.0.1/" + primary);
            assertEquals(200, discovered.statusCode(), discovered.body());
            c.awaitEveryNodeKnows("127.0.0.1:" + primary, 3, Duration.ofSeconds(20));
            int replica = sandbox.replicaPorts().get(1);
            var downtime = c.get(follower, "/api/begin-downtime/127.0.0.1/" + replica + "/ops/test/1h");
            assertEquals(200, downtime.statusCode(), downtime.body());
            for (int i = 0; i < 3; i++) {
                int n = i;
                Await.until("downtime on node " + n, Duration.ofSeconds(10),
                        () -> c.local(n, "/api/downtimed").body().contains("\"Port\":" + replica));
            }
            String leaderToken = io.restassured.path.json.JsonPath.from(c.local(leader, "/api/status").body())
                    .getString("Details.Token");
            sandbox.kill(primary);
            for (int i = 0; i < 3; i++) {
                int n = i;
                var audit = Await.until("node " + n + " audits the recovery", Duration.ofSeconds(30), () -> {
                    var json = io.restassured.path.json.JsonPath.from(c.local(n, "/api/audit-recovery").body());
                    List<Map<String, Object>> all = json.getList("$");
                    return all.size() == 1 && Boolean.FALSE.equals(all.get(0).get("IsActive")) ? all.get(0) : null;
                });
                assertEquals(true, audit.get("IsSuccessful"), audit.toString());
                assertEquals(leaderToken, audit.get("ProcessingNodeToken"), "recovered by the leader");
            }
            int successor = (Integer) ((Map<?, ?>) io.restassured.path.json.JsonPath
                    .from(c.local(leader, "/api/audit-recovery").body()).getList("SuccessorKey").get(0)).get("Port");
            assertEquals("0", sandbox.sql(successor, "SELECT @@global.read_only"));
        }
    }

    static List<Map<String, Object>> audit(RaftCluster c, int i) {
        return io.restassured.path.json.JsonPath.from(c.local(i, "/api/audit-recovery").body()).getList("$");
    }

    /**
     * The leader dies in the middle of a failover (its pre-failover hook is still running): the next leader
     * resolves the abandoned recovery instead of waiting on it or being blocked by it, recovers the primary
     * itself, and a later leader does not recover it again.
     */
    @Test
    void aNewLeaderFinishesWhatADeadLeaderAbandonedAndRepeatsNothingDone() throws Exception {
        try (Sandbox sandbox = Sandbox.up("raft-takeover", 2, false);
                RaftCluster c = RaftCluster.start(dir, 3, "\"InstancePollSeconds\": 0.5,"
                        + " \"RecoverMasterClusterFilters\": [\"*\"], \"MySQLConnectTimeoutSeconds\": 0.5,"
                        + " \"MySQLReadTimeoutSeconds\": 1, \"RecoveryPeriodBlockSeconds\": 3600,"
                        + " \"PreFailoverProcesses\": [\"sleep 3\"]")) {
            int leader = c.awaitSingleLeader(START);
            int primary = sandbox.primaryPort();
            assertEquals(200, c.get(leader, "/api/discover/127.0.0.1/" + primary).statusCode());
            c.awaitEveryNodeKnows("127.0.0.1:" + primary, 3, Duration.ofSeconds(20));
            int follower = (leader + 1) % 3;
            sandbox.kill(primary);
            Await.until("a recovery in progress, seen by a follower", Duration.ofSeconds(20),
                    () -> audit(c, follower).stream().anyMatch(r -> Boolean.TRUE.equals(r.get("IsActive"))));
            c.kill(leader);

            int second = c.awaitSingleLeader(Duration.ofSeconds(20));
            String secondToken = io.restassured.path.json.JsonPath.from(c.local(second, "/api/status").body())
                    .getString("Details.Token");
            for (int i : IntStream.range(0, 3).filter(i -> i != leader).toArray()) {
                var all = Await.until("node " + i + " audits the abandoned and the finished recovery",
                        Duration.ofSeconds(40), () -> {
                            var a = audit(c, i);
                            return a.size() == 2 && a.stream().noneMatch(r -> Boolean.TRUE.equals(r.get("IsActive")))
                                    ? a : null;
                        });
                var abandoned = all.stream().filter(r -> Boolean.FALSE.equals(r.get("IsSuccessful"))).toList();
                var done = all.stream().filter(r -> Boolean.TRUE.equals(r.get("IsSuccessful"))).toList();
                assertEquals(1, abandoned.size(), all.toString());
                assertEquals(1, done.size(), all.toString());
                assertEquals(true, abandoned.get(0).get("Acknowledged"), all.toString());
                assertTrue(abandoned.get(0).get("AllErrors").toString().contains("abandoned"), all.toString());
                assertEquals(secondToken, done.get(0).get("ProcessingNodeToken"), all.toString());
            }
            int successor = (Integer) ((Map<?, ?>) audit(c, second).stream()
                    .filter(r -> Boolean.TRUE.equals(r.get("IsSuccessful"))).findFirst().orElseThrow()
                    .get("SuccessorKey")).get("Port");
            assertEquals("0", sandbox.sql(successor, "SELECT @@global.read_only"));

            // leadership moves on to the third node: the recovery it finds in the log is not run again
            int third = IntStream.range(0, 3).filter(i -> i != leader && i != second).findFirst().orElseThrow();
            assertEquals(200, c.local(second, "/api/raft-yield-hint/" + c.raftAddress(third)).statusCode());
            Await.until("node " + third + " leads", Duration.ofSeconds(20), () -> c.leaders().equals(List.of(third)));
            // it has looked at the log and the cluster several times as leader, and recovered nothing again
            Await.until("node " + third + " analyzed as leader", Duration.ofSeconds(20), () -> io.restassured.path.json
                    .JsonPath.from(c.local(third, "/api/recovery-metrics").body()).getLong("AnalysisPasses") >= 3);
            assertEquals(2, audit(c, third).size(), audit(c, third).toString());
            assertEquals(2, audit(c, second).size(), audit(c, second).toString());
        }
    }

    @Test
    void aNodeWhoseRaftStorageIsUnusableExitsWithAClearMessage() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "");
        Path config = dir.resolve("storage.conf.json");
        int raftPort = Ports.free();
        Files.writeString(config, """
                {"ListenAddress": ":%d", "SQLite3DataFile": "%s", "RaftEnabled": true, "RaftDataDir": "%s",
                 "RaftBind": "127.0.0.1:%d", "RaftNodes": ["127.0.0.1:%d", "127.0.0.1:%d", "127.0.0.1:%d"]}
                """.formatted(Ports.free(), dir.resolve("s.db"), file.resolve("raft"), raftPort, raftPort,
                Ports.free(), Ports.free()));
        try (QuorchProcess q = QuorchProcess.start(config, dir, Map.of())) {
            assertEquals(StartupFailure.EXIT_RAFT, q.awaitExit(Duration.ofSeconds(60)), q.output());
            assertTrue(q.output().contains("quorch: raft: cannot start the raft server on 127.0.0.1:"), q.output());
            assertTrue(q.output().contains("Not a directory"), q.output());
        }
    }

    @Test
    void aNodeThatCannotBindItsRaftPortExitsWithAClearMessage() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Path config = dir.resolve("quorch.conf.json");
            Files.writeString(config, """
                    {"ListenAddress": ":%d", "SQLite3DataFile": "%s", "RaftEnabled": true, "RaftDataDir": "%s",
                     "RaftBind": "127.0.0.1:%d", "RaftNodes": ["127.0.0.1:%d", "127.0.0.1:%d", "127.0.0.1:%d"]}
                    """.formatted(Ports.free(), dir.resolve("q.db"), dir.resolve("raft"), port, port, Ports.free(),
                    Ports.free()));
            try (QuorchProcess q = QuorchProcess.start(config, dir, Map.of())) {
                assertEquals(StartupFailure.EXIT_RAFT, q.awaitExit(Duration.ofSeconds(60)), q.output());
                assertTrue(q.output().contains("quorch: raft: cannot start the raft server on 127.0.0.1:" + port),
                        q.output());
            }
        }
    }
}
