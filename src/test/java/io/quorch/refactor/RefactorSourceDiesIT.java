package io.quorch.refactor;

import static io.quorch.refactor.RefactorFixture.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.recovery.RecoveryFailpoint;
import io.quorch.testing.Await;
import io.quorch.testing.Ports;
import io.quorch.testing.QuorchProcess;
import io.quorch.testing.Sandbox;
import io.restassured.path.json.JsonPath;

/**
 * A relocate whose new source dies half way, on real MariaDB: the test-only failpoint holds the move
 * after it stopped the replica and before its CHANGE MASTER, the test kills the new source there, and
 * the move must end in a state the answer, the API and the servers agree on.
 */
class RefactorSourceDiesIT {

    private static final String FAILPOINT = RecoveryFailpoint.MOVE_BEFORE_CHANGE_MASTER;

    @TempDir
    Path dir;

    @Test
    void aRelocateWhoseNewSourceDiesFailsWithTheReplicaReplicatingWhereItWas() throws Exception {
        try (Sandbox sandbox = Sandbox.up("refactor-source-dies", 2, false)) {
            int p = sandbox.primaryPort();
            int sibling = p + 1;
            int moved = p + 2;
            int http = Ports.free();
            Path config = dir.resolve("quorch.conf.json");
            Files.writeString(config, """
                    {"ListenAddress": ":%d", "SQLite3DataFile": "%s", "MySQLTopologyUser": "quorch",
                     "MySQLTopologyPassword": "quorch", "InstancePollSeconds": 0.5, "MySQLConnectTimeoutSeconds": 1,
                     "MySQLReadTimeoutSeconds": 2}
                    """.formatted(http, dir.resolve("quorch.db")));
            try (QuorchProcess q = QuorchProcess.start(config, dir, Map.of("QUORCH_TEST_FAILPOINT", FAILPOINT))) {
                String base = "http://127.0.0.1:" + http + "/api/";
                q.awaitHttp(base + "health", 200, Duration.ofSeconds(60));
                assertEquals(200, QuorchProcess.get(base + "discover/127.0.0.1/" + p).statusCode());
                Await.until("all discovered and valid", Duration.ofSeconds(20), () -> sandbox.ports().stream()
                        .allMatch(port -> Boolean.TRUE.equals(instance(base, port).get("IsLastCheckValid"))));
                sandbox.sql(p, "CREATE DATABASE quorch_test; CREATE TABLE quorch_test.t (id INT PRIMARY KEY)");

                HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
                CompletableFuture<HttpResponse<String>> answer = client.sendAsync(HttpRequest.newBuilder(
                        URI.create(base + "relocate/127.0.0.1/" + moved + "/127.0.0.1/" + sibling))
                        .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
                Await.until("the move paused with " + moved + " stopped", Duration.ofSeconds(20),
                        () -> q.output().contains("test failpoint " + FAILPOINT + " reached")
                                && field(sandbox.sql(moved, "SHOW SLAVE STATUS\\G"), "Slave_SQL_Running").equals("No"));
                sandbox.kill(sibling);
                assertFalse(q.output().contains("test failpoint " + FAILPOINT + ": resuming"),
                        "the new source died while the move was paused");

                HttpResponse<String> r = answer.get(60, TimeUnit.SECONDS);
                assertEquals(500, r.statusCode(), r.body());
                JsonPath json = JsonPath.from(r.body());
                assertEquals("ERROR", json.getString("Code"), r.body());
                String message = json.getString("Message");
                assertTrue(message.startsWith("relocate failed: move 127.0.0.1:" + moved + " below 127.0.0.1:" + sibling
                        + " via GTID: the new source 127.0.0.1:" + sibling + " does not answer"), message);
                assertTrue(message.contains("now: 127.0.0.1:" + moved + "<127.0.0.1:" + p + " (replicating)"), message);

                // the server itself, quorch's view of it and the rest of the topology agree
                Await.until(moved + " replicating from " + p, Duration.ofSeconds(15), () -> {
                    String s = sandbox.sql(moved, "SHOW SLAVE STATUS\\G");
                    return field(s, "Master_Port").equals(Integer.toString(p))
                            && field(s, "Slave_IO_Running").equals("Yes") && field(s, "Slave_SQL_Running").equals("Yes")
                            && field(s, "Using_Gtid").equals("Slave_Pos");
                });
                Await.until("/api/instance agrees", Duration.ofSeconds(10), () -> {
                    JsonPath i = instance(base, moved);
                    return Integer.valueOf(p).equals(i.get("MasterKey.Port"))
                            && Boolean.TRUE.equals(i.get("ReplicationSQLThreadRuning"));
                });
                assertEquals("", sandbox.sql(p, "SHOW SLAVE STATUS"), "the primary replicates from nobody");
                sandbox.sql(p, "INSERT INTO quorch_test.t VALUES (1)");
                Await.until("a row written on the primary reaches " + moved, Duration.ofSeconds(15),
                        () -> sandbox.sql(moved, "SELECT COUNT(*) FROM quorch_test.t").equals("1"));

                List<Map<String, Object>> audit = JsonPath.from(QuorchProcess.get(base + "audit").body()).getList("$");
                assertTrue(audit.stream().anyMatch(a -> "relocate".equals(a.get("type"))
                        && String.valueOf(a.get("message")).contains("after: 127.0.0.1:" + moved + "<127.0.0.1:" + p
                                + " (replicating)")
                        && String.valueOf(a.get("message")).contains("errors: move 127.0.0.1:" + moved + " below 127.0.0.1:"
                                + sibling + " via GTID: the new source 127.0.0.1:" + sibling + " does not answer")),
                        audit.toString());
            }
        }
    }

    private static JsonPath instance(String base, int port) {
        try {
            HttpResponse<String> r = QuorchProcess.get(base + "instance/127.0.0.1/" + port);
            return JsonPath.from(r.statusCode() == 200 ? r.body() : "{}");
        } catch (Exception e) {
            return JsonPath.from("{}");
        }
    }
}
