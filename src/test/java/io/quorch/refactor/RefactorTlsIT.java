package io.quorch.refactor;

import static io.quorch.refactor.RefactorFixture.field;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.testing.Await;
import io.quorch.testing.Ports;
import io.quorch.testing.QuorchProcess;
import io.quorch.testing.Sandbox;
import io.restassured.path.json.JsonPath;

/**
 * Moves among servers that refuse plain TCP and replicate over verified TLS: a move that lost the
 * replica's MASTER_SSL* settings would leave it unable to connect, so replication running afterwards
 * with the same settings shows they were kept.
 */
class RefactorTlsIT {

    @TempDir
    Path dir;

    @Test
    void movesKeepVerifiedTlsReplication() throws Exception {
        try (Sandbox sandbox = Sandbox.upWithTls("refactor-tls", 3)) {
            int p = sandbox.primaryPort();
            int r1 = p + 1;
            int r2 = p + 2;
            int r3 = p + 3;
            String ca = sandbox.tlsDir().resolve("ca.pem").toString();
            int http = Ports.free();
            Path config = dir.resolve("quorch.conf.json");
            Files.writeString(config, """
                    {"ListenAddress": ":%d", "SQLite3DataFile": "%s", "MySQLTopologyUser": "quorch",
                     "MySQLTopologyPassword": "quorch", "InstancePollSeconds": 0.5, "MySQLConnectTimeoutSeconds": 2,
                     "MySQLReadTimeoutSeconds": 2, "MySQLTopologyUseMixedTLS": true, "MySQLTopologySSLCAFile": "%s"}
                    """.formatted(http, dir.resolve("quorch.db"), ca));
            String before = tls(sandbox, r3);
            assertEquals("Yes Yes " + ca, before, "the sandbox replicates over verified TLS");
            try (QuorchProcess q = QuorchProcess.start(config, dir, Map.of())) {
                String base = "http://127.0.0.1:" + http + "/api/";
                q.awaitHttp(base + "health", 200, Duration.ofSeconds(60));
                assertEquals(200, QuorchProcess.get(base + "discover/127.0.0.1/" + p).statusCode());
                Await.until("all discovered and valid", Duration.ofSeconds(20), () -> sandbox.ports().stream()
                        .allMatch(port -> {
                            try {
                                var r = QuorchProcess.get(base + "instance/127.0.0.1/" + port);
                                return r.statusCode() == 200 && JsonPath.from(r.body()).getBoolean("IsLastCheckValid");
                            } catch (Exception e) {
                                return false;
                            }
                        }));
                sandbox.sql(p, "CREATE DATABASE quorch_test; CREATE TABLE quorch_test.t (id INT PRIMARY KEY)");

                move(base + "relocate/127.0.0.1/" + r3 + "/127.0.0.1/" + r1);
                replicatesOverTls(sandbox, r3, r1, ca);
                move(base + "take-siblings/127.0.0.1/" + r1);
                replicatesOverTls(sandbox, r2, r1, ca);
                move(base + "move-up-replicas/127.0.0.1/" + r1);
                for (int r : List.of(r1, r2, r3)) {
                    replicatesOverTls(sandbox, r, p, ca);
                }
                sandbox.sql(p, "INSERT INTO quorch_test.t VALUES (1)");
                for (int r : List.of(r1, r2, r3)) {
                    Await.until("the row on " + r, Duration.ofSeconds(15),
                            () -> sandbox.sql(r, "SELECT COUNT(*) FROM quorch_test.t").equals("1"));
                }
            }
        }
    }

    private static void move(String url) throws Exception {
        var r = QuorchProcess.get(url);
        assertEquals(200, r.statusCode(), url + ": " + r.body());
    }

    /** "Master_SSL_Allowed Master_SSL_Verify_Server_Cert Master_SSL_CA_File". */
    private static String tls(Sandbox s, int port) {
        String status = s.sql(port, "SHOW SLAVE STATUS\\G");
        return field(status, "Master_SSL_Allowed") + " " + field(status, "Master_SSL_Verify_Server_Cert") + " "
                + field(status, "Master_SSL_CA_File");
    }

    private static void replicatesOverTls(Sandbox s, int replica, int master, String ca) {
        Await.until(replica + " replicating from " + master + " over verified TLS", Duration.ofSeconds(15), () -> {
            String status = s.sql(replica, "SHOW SLAVE STATUS\\G");
            return field(status, "Master_Port").equals(Integer.toString(master))
                    && field(status, "Slave_IO_Running").equals("Yes") && field(status, "Slave_SQL_Running").equals("Yes")
                    && tls(s, replica).equals("Yes Yes " + ca);
        });
    }
}
