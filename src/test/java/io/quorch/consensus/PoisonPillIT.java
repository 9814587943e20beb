package io.quorch.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.testing.Await;
import io.quorch.testing.QuorchProcess;
import io.quorch.testing.RaftCluster;
import io.quorch.testing.Sandbox;

/**
 * A real 3-node group and a real MariaDB server: every input no node could apply answers 400,
 * whichever node it is sent to, and the group stays healthy and keeps applying good commands.
 */
class PoisonPillIT {

    private static final Duration START = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private static void badRequest(HttpResponse<String> r, String expected) {
        assertEquals(400, r.statusCode(), r.uri() + " -> " + r.body());
        assertTrue(r.body().startsWith("{\"Code\":\"ERROR\""), r.body());
        assertTrue(r.body().contains(expected), r.uri() + " -> " + r.body() + " should mention " + expected);
    }

    @Test
    void inputsNoNodeCouldApplyAnswer400AndTheGroupStaysHealthy() throws Exception {
        try (Sandbox sandbox = Sandbox.up("poison", 0, false);
                RaftCluster c = RaftCluster.start(dir, 3, "\"InstancePollSeconds\": 1")) {
            int leader = c.awaitSingleLeader(START);
            int follower = (leader + 1) % 3;
            int port = sandbox.primaryPort();
            String key = "127.0.0.1/" + port;
            Await.until("the server is discovered", Duration.ofSeconds(20),
                    () -> c.get(leader, "/api/discover/" + key).statusCode() == 200);
            for (int i = 0; i < 3; i++) {
                int n = i;
                Await.until("node " + n + " knows the server", Duration.ofSeconds(30),
                        () -> c.local(n, "/api/instance/" + key).statusCode() == 200);
            }
            String cluster = "127.0.0.1:" + port;

            for (int node : List.of(leader, follower)) {
                // the example from the field: an expiry past what epoch milliseconds hold
                badRequest(c.get(node, "/api/begin-downtime/" + key + "/ops/why/10000000000000000"),
                        "longer than 3653 days");
                badRequest(c.get(node, "/api/begin-downtime/" + key + "/ops/why/999999999999999999d"),
                        "invalid duration");
                badRequest(c.get(node, "/api/begin-downtime/" + key + "/ops/why/3700d"), "longer than 3653 days");
                badRequest(c.get(node, "/api/begin-downtime/" + key + "/ops/why/-5"), "invalid duration");
                badRequest(c.get(node, "/api/begin-downtime/" + key + "/ops/why/1e3"), "invalid duration");
                badRequest(c.get(node, "/api/begin-downtime/" + key + "/ops/why/0"), "must be positive");
                badRequest(c.get(node, "/api/begin-downtime/" + key + "/" + "o".repeat(129) + "/why/1h"),
                        "owner longer than 128");
                badRequest(c.get(node, "/api/begin-downtime/" + key + "/ops/a%00b/1h"), "NUL");
                badRequest(c.get(node, "/api/set-cluster-alias/" + cluster + "?alias=" + "a".repeat(256)),
                        "alias longer than 255");
                badRequest(c.get(node, "/api/set-cluster-alias/" + cluster + "?alias=a%00b"), "NUL");
                badRequest(c.get(node, "/api/ack-recovery/-5?comment=x"), "must be positive");
                badRequest(c.get(node, "/api/ack-recovery/99999999999999999999?comment=x"), "must be a number");
                badRequest(c.get(node, "/api/ack-all-recoveries?comment=a%00b"), "NUL");
                badRequest(c.get(node, "/api/register-candidate/db1%3Bx/3306/prefer"), "not a valid host");
                badRequest(c.get(node, "/api/register-candidate/db1/3306/must"), "is not supported");
                badRequest(c.get(node, "/api/register-candidate/db1/99999999999/prefer"), "port");
                badRequest(c.get(node, "/api/end-downtime/" + "h".repeat(254) + "/3306"), "longer than 253");
            }
            badRequest(QuorchProcess.get(c.url(leader) + "/api/ack-all-recoveries?comment=x",
                    Map.of("X-Forwarded-User", "u".repeat(129))), "acknowledging user longer than 128");

            // a good command still applies on every node, and the group is healthy
            // (a leader on a busy machine may lose its lease for a moment: 503, nothing applied, try again)
            Await.until("a good downtime is accepted", Duration.ofSeconds(20), () -> {
                var good = c.get(follower, "/api/begin-downtime/" + key + "/ops/planned/1h");
                if (good.statusCode() != 200 && good.statusCode() != 503) {
                    throw new AssertionError(good.statusCode() + " " + good.body());
                }
                return good.statusCode() == 200;
            });
            for (int i = 0; i < 3; i++) {
                int n = i;
                Await.until("the downtime on node " + n, Duration.ofSeconds(10),
                        () -> c.local(n, "/api/downtimed").body().contains("\"Port\":" + port));
                Await.until("raft-health on node " + n, Duration.ofSeconds(10),
                        () -> c.local(n, "/api/raft-health").statusCode() == 200);
                assertTrue(c.isAlive(n), "node " + n + " is running");
                assertFalse(c.output(n).contains("cannot apply raft log entry"), c.output(n));
            }
            assertEquals(List.of(leader), c.leaders());
        }
    }
}
