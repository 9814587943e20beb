package io.quorch.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.restassured.path.json.JsonPath;
import io.quorch.testing.Await;
import io.quorch.testing.RaftCluster;
import io.quorch.testing.Sandbox;

/**
 * A real 3-node group and a real MariaDB primary with two replicas. The leader dies right after it
 * promoted a replica and recorded it, before moving the other replica (the test-only failpoint halts
 * it there). The next leader must not promote a second replica: it finishes the same recovery, so
 * there is exactly one writable primary, the other replica follows it, and every node's audit agrees.
 */
class LeaderDiesAfterPromotionIT {

    private static final Duration START = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    static List<Map<String, Object>> audit(RaftCluster c, int i) {
        return JsonPath.from(c.local(i, "/api/audit-recovery").body()).getList("$");
    }

    @Test
    void theNextLeaderFinishesTheFailoverUnderTheReplicaAlreadyPromoted() throws Exception {
        try (Sandbox sandbox = Sandbox.up("raft-failpoint", 2, false);
                RaftCluster c = RaftCluster.start(dir, 3, "\"InstancePollSeconds\": 0.5,"
                        + " \"RecoverMasterClusterFilters\": [\"*\"], \"MySQLConnectTimeoutSeconds\": 0.5,"
                        + " \"MySQLReadTimeoutSeconds\": 1, \"RecoveryPeriodBlockSeconds\": 3600",
                        Map.of("QUORCH_TEST_FAILPOINT", RecoveryFailpoint.AFTER_PROMOTION))) {
            int leader = c.awaitSingleLeader(START);
            int primary = sandbox.primaryPort();
            assertEquals(200, c.get(leader, "/api/discover/127.0.0.1/" + primary).statusCode());
            c.awaitEveryNodeKnows("127.0.0.1:" + primary, 3, Duration.ofSeconds(20));
            sandbox.kill(primary);

            int exit = c.node(leader).awaitExit(Duration.ofSeconds(60));
            assertEquals(137, exit, c.output(leader));
            assertTrue(c.output(leader).contains("test failpoint after-promotion reached"), c.output(leader));
            int second = c.awaitSingleLeader(Duration.ofSeconds(30));

            Set<Integer> successors = new HashSet<>();
            for (int i : IntStream.range(0, 3).filter(i -> i != leader).toArray()) {
                var r = Await.until("node " + i + " audits the finished recovery", Duration.ofSeconds(40), () -> {
                    var all = audit(c, i);
                    return all.size() == 1 && Boolean.FALSE.equals(all.get(0).get("IsActive")) ? all.get(0) : null;
                });
                assertEquals(true, r.get("IsSuccessful"), r.toString());
                successors.add((Integer) ((Map<?, ?>) r.get("SuccessorKey")).get("Port"));
                List<String> steps = JsonPath.from(c.local(i, "/api/audit-recovery-steps/" + r.get("UID")).body())
                        .getList("Message");
                assertEquals(1, steps.stream().filter(s -> s.startsWith("@PROMOTING ")).count(), steps.toString());
                assertTrue(steps.stream().anyMatch(s -> s.startsWith("taken over by ")), steps.toString());
            }
            assertEquals(1, successors.size(), "every node names the same successor: " + successors);
            int successor = successors.iterator().next();
            assertTrue(sandbox.replicaPorts().contains(successor));

            List<Integer> writable = sandbox.replicaPorts().stream()
                    .filter(p -> sandbox.sql(p, "SELECT @@global.read_only").equals("0")).toList();
            assertEquals(List.of(successor), writable, "exactly one writable primary");
            assertEquals("", sandbox.sql(successor, "SHOW SLAVE STATUS"), "the successor replicates from nobody");
            for (int other : sandbox.replicaPorts()) {
                if (other != successor) {
                    Await.until(other + " replicating from " + successor, Duration.ofSeconds(20), () -> {
                        String status = sandbox.sql(other, "SHOW SLAVE STATUS\\G");
                        return status.contains("Master_Port: " + successor) && status.contains("Slave_IO_Running: Yes")
                                && status.contains("Slave_SQL_Running: Yes");
                    });
                }
            }
            assertTrue(c.leaders().equals(List.of(second)), "the same leader finished it: " + c.leaders());
        }
    }
}
