package io.quorch.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.testing.Await;
import io.quorch.testing.RaftCluster;
import io.quorch.testing.Sandbox;

/**
 * A node cut off from the other two by a real network partition (each node in its own network
 * namespace, scripts/lib/netns): it stops leading, the majority goes on, and it rejoins.
 */
class PartitionIT {

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

    /** A test that failed while a node was cut off leaves the next one a whole network. */
    @AfterEach
    void healAll() throws Exception {
        for (int i = 0; i < 3; i++) {
            netns("heal", Integer.toString(i));
        }
    }

    @AfterAll
    static void down() throws Exception {
        netns("down");
    }

    @Test
    void anIsolatedLeaderStopsLeadingTheMajorityGoesOnAndItRejoins() throws Exception {
        try (RaftCluster c = RaftCluster.startInNamespaces(dir, 3, "")) {
            int isolated = c.awaitSingleLeader(Duration.ofSeconds(90));
            netns("cut", Integer.toString(isolated));
            long cut = System.nanoTime();
            Await.until("the isolated leader stops answering 200", Duration.ofSeconds(10),
                    () -> c.statusFromInside(isolated, "/api/leader-check") == 404);
            long stepDownMillis = (System.nanoTime() - cut) / 1_000_000;
            assertTrue(stepDownMillis < 3000, "isolated leader still led after " + stepDownMillis + " ms");

            int majority = Await.until("a leader among the other two", Duration.ofSeconds(15), () -> {
                List<Integer> l = c.leaders();
                return l.size() == 1 && l.get(0) != isolated ? l.get(0) : null;
            });
            assertNotEquals(isolated, majority);
            int other = 3 - isolated - majority;
            var changed = c.get(other, "/api/disable-global-recoveries");
            assertEquals(200, changed.statusCode(), changed.body());

            long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < until) {
                assertNotEquals(200, c.statusFromInside(isolated, "/api/leader-check"), "isolated node leads");
                Thread.sleep(200);
            }
            assertEquals(500, c.statusFromInside(isolated, "/api/raft-health"));
            assertTrue(c.bodyFromInside(isolated, "/api/check-global-recoveries").contains("\"enabled\""),
                    "nothing reached the isolated node");
            // it waits for a leader first, as any node that hears none does (an election may be under way)
            long asked = System.nanoTime();
            assertEquals(503, c.statusFromInside(isolated, "/api/enable-global-recoveries", 15),
                    "the isolated node refuses changes");
            long refusedAfter = (System.nanoTime() - asked) / 1_000_000;
            assertTrue(refusedAfter < 6000, "the isolated node refused a change only after " + refusedAfter + " ms");

            netns("heal", Integer.toString(isolated));
            Await.until("the healed node catches up", Duration.ofSeconds(30),
                    () -> c.local(isolated, "/api/check-global-recoveries").body().contains("\"disabled\""));
            Await.until("one leader", Duration.ofSeconds(10), () -> c.leaders().size() == 1);
            assertEquals(200, c.local(isolated, "/api/raft-health").statusCode());
        }
    }

    @Test
    void theMajorityRecoversAPrimaryKilledDuringThePartitionAndTheIsolatedNodeLearnsOfItAfterwards()
            throws Exception {
        try (Sandbox sandbox = Sandbox.up("partition-recovery", 2, false, "10.231.0.254");
                RaftCluster c = RaftCluster.startInNamespaces(dir, 3, "\"InstancePollSeconds\": 0.5,"
                        + " \"RecoverMasterClusterFilters\": [\"*\"], \"MySQLConnectTimeoutSeconds\": 0.5,"
                        + " \"MySQLReadTimeoutSeconds\": 1")) {
            int isolated = c.awaitSingleLeader(Duration.ofSeconds(90));
            int primary = sandbox.primaryPort();
            var discovered = c.get(isolated, "/api/discover/10.231.0.254/" + primary);
            assertEquals(200, discovered.statusCode(), discovered.body());
            c.awaitEveryNodeKnows("10.231.0.254:" + primary, 3, Duration.ofSeconds(20));
            netns("cut", Integer.toString(isolated));
            int majority = Await.until("a leader among the other two", Duration.ofSeconds(15), () -> {
                List<Integer> l = c.leaders();
                return l.size() == 1 && l.get(0) != isolated ? l.get(0) : null;
            });
            sandbox.kill(primary);
            Await.until("the majority recovered the primary", Duration.ofSeconds(30), () -> {
                String audit = c.local(majority, "/api/audit-recovery").body();
                return audit.contains("\"IsSuccessful\":true") && audit.contains("\"IsActive\":false");
            });
            assertEquals("[]", c.bodyFromInside(isolated, "/api/audit-recovery").trim(),
                    "the isolated node ran no recovery and heard of none");

            netns("heal", Integer.toString(isolated));
            Await.until("the healed node audits the recovery", Duration.ofSeconds(30),
                    () -> c.local(isolated, "/api/audit-recovery").body().contains("\"IsSuccessful\":true"));
            String uid = io.restassured.path.json.JsonPath.from(c.local(majority, "/api/audit-recovery").body())
                    .getString("[0].UID");
            assertTrue(c.local(isolated, "/api/audit-recovery").body().contains(uid));
        }
    }
}
