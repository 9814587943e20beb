package io.quorch.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.app.StartupFailure;
import io.quorch.security.MySqlTls;
import io.quorch.store.sql.MySqlDialect;
import io.quorch.testing.Await;
import io.quorch.testing.Ports;
import io.quorch.testing.QuorchProcess;
import io.quorch.testing.Sandbox;
import io.quorch.testing.TestBackend;
import io.restassured.path.json.JsonPath;

/**
 * quorch over TLS to real MariaDB servers that refuse plain TCP (require_secure_transport): the
 * backend, discovery and a dead-primary failover with the CA verified and a client certificate,
 * a server certified by another CA refused, and TLS files that cannot be used refused at startup.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MySqlTlsIT {

    private static Sandbox sandbox;
    /** A server with a CA of its own: its certificate is not signed by the one quorch trusts. */
    private static Sandbox other;

    @TempDir
    Path dir;

    @BeforeAll
    static void up() {
        sandbox = Sandbox.upWithTls("mysql-tls", 2);
        other = Sandbox.upWithTls("mysql-tls-other", 0);
    }

    @AfterAll
    static void down() {
        for (Sandbox s : new Sandbox[] { sandbox, other }) {
            if (s != null) {
                s.close();
            }
        }
    }

    static String ca(Sandbox s) {
        return s.tlsDir().resolve("ca.pem").toString();
    }

    static MySqlTls tls(String prefix, String ca, boolean clientCertificate) {
        Path t = sandbox.tlsDir();
        return MySqlTls.of(new MySqlTls.Settings(prefix, Optional.of(ca),
                Optional.ofNullable(clientCertificate ? t.resolve("client.pem").toString() : null),
                Optional.ofNullable(clientCertificate ? t.resolve("client.key").toString() : null), false, false), true);
    }

    @Test
    @Order(1)
    void theBackendIsUsedOverVerifiedTlsAndRefusedUnderAnotherCa() {
        MySqlDialect dialect = new MySqlDialect("127.0.0.1", sandbox.primaryPort(), "quorch_backend");
        MySqlTls good = tls("MySQLOrchestrator", ca(sandbox), false);
        try (TestBackend backend = TestBackend.open(dialect, "quorch", "quorch", good.properties(true, false))) {
            assertTrue(backend.migrate() > 0);
            String version = backend.jdbc().queryOne("SHOW SESSION STATUS LIKE 'Ssl_version'", r -> r.getString(2))
                    .orElse("");
            assertTrue(version.startsWith("TLSv1."), "backend session over TLS: " + version);
        } finally {
            good.close();
        }
        MySqlTls wrong = tls("MySQLOrchestrator", ca(other), false);
        try (TestBackend backend = TestBackend.open(dialect, "quorch", "quorch", wrong.properties(true, false))) {
            RuntimeException e = assertThrows(RuntimeException.class, backend::migrate);
            assertTrue(hasCause(e, SSLHandshakeException.class), "refused in the TLS handshake: " + e);
        } finally {
            wrong.close();
        }
    }

    @Test
    @Order(2)
    void mixedTlsUsesVerifiedTlsWhereRequiredAndRefusesAServerCertifiedByAnotherCa() throws Exception {
        int http = Ports.free();
        Path config = config(http, """
                "MySQLTopologyUseMixedTLS": true, "MySQLTopologySSLCAFile": "%s"
                """.formatted(ca(sandbox)));
        try (QuorchProcess q = QuorchProcess.start(config, dir, Map.of())) {
            String base = "http://127.0.0.1:" + http;
            q.awaitHttp(base + "/api/health", 200, Duration.ofSeconds(60));
            // every server refuses plain TCP: being discovered at all means TLS, verified against the CA
            assertEquals(200, QuorchProcess.get(base + "/api/discover/127.0.0.1/" + sandbox.primaryPort()).statusCode());
            awaitAllValid(base, sandbox.ports());

            var refused = QuorchProcess.get(base + "/api/discover/127.0.0.1/" + other.primaryPort());
            assertNotEquals(200, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("TLS with 127.0.0.1:" + other.primaryPort() + " failed: the server's "
                    + "certificate is not trusted (not signed by MySQLTopologySSLCAFile)"), refused.body());
            assertEquals(404, QuorchProcess.get(base + "/api/instance/127.0.0.1/" + other.primaryPort()).statusCode(),
                    "not discovered");
        }
    }

    @Test
    @Order(3)
    void discoveryAndFailoverOverVerifiedTlsWithAClientCertificate() throws Exception {
        int primary = sandbox.primaryPort();
        sandbox.sql(primary, "ALTER USER 'quorch'@'%' REQUIRE X509; ALTER USER 'quorch'@'127.0.0.1' REQUIRE X509;"
                + " ALTER USER 'quorch'@'localhost' REQUIRE X509");
        for (int port : sandbox.replicaPorts()) {
            Await.until("the user change replicated to " + port, Duration.ofSeconds(10),
                    () -> sandbox.sql(port, "SHOW CREATE USER 'quorch'@'127.0.0.1'").contains("REQUIRE X509"));
        }
        // the servers want the client certificate: without it TLS alone is not enough
        SQLException denied = assertThrows(SQLException.class, () -> connect(primary, tls("MySQLTopology",
                ca(sandbox), false)));
        assertEquals(1045, denied.getErrorCode(), denied.getMessage());
        try (Connection c = connect(primary, tls("MySQLTopology", ca(sandbox), true))) {
            assertTrue(c.isValid(2));
        }

        int http = Ports.free();
        Path t = sandbox.tlsDir();
        Path config = config(http, """
                "MySQLTopologyUseMutualTLS": true, "MySQLTopologySSLCAFile": "%s",
                "MySQLTopologySSLCertFile": "%s", "MySQLTopologySSLPrivateKeyFile": "%s",
                "MySQLReplicaUser": "repl", "MySQLReplicaPassword": "repl", "RecoverMasterClusterFilters": ["*"]
                """.formatted(ca(sandbox), t.resolve("client.pem"), t.resolve("client.key")));
        try (QuorchProcess q = QuorchProcess.start(config, dir, Map.of())) {
            String base = "http://127.0.0.1:" + http;
            q.awaitHttp(base + "/api/health", 200, Duration.ofSeconds(60));
            assertEquals(200, QuorchProcess.get(base + "/api/discover/127.0.0.1/" + primary).statusCode());
            awaitAllValid(base, sandbox.ports());

            sandbox.kill(primary);
            Map<String, Object> recovery = Await.until("a finished recovery of " + primary, Duration.ofSeconds(30),
                    () -> recoveryOf(base, primary));
            assertEquals(true, recovery.get("IsSuccessful"), recovery.toString());
            assertEquals("DeadMaster", recovery.get("Analysis"));
            int successor = (Integer) ((Map<?, ?>) recovery.get("SuccessorKey")).get("Port");
            assertTrue(sandbox.replicaPorts().contains(successor), recovery.toString());
            assertEquals("0", sandbox.sql(successor, "SELECT @@global.read_only"));
            int moved = sandbox.replicaPorts().stream().filter(p -> p != successor).findFirst().orElseThrow();
            // the repointed replica keeps replicating over its verified TLS (MASTER_SSL survives CHANGE MASTER)
            Await.until(moved + " replicating from " + successor, Duration.ofSeconds(15), () -> {
                String status = sandbox.sql(moved, "SHOW SLAVE STATUS\\G");
                return status.contains("Master_Port: " + successor) && status.contains("Slave_IO_Running: Yes")
                        && status.contains("Master_SSL_Allowed: Yes");
            });
            assertFalse(q.output().contains("BEGIN PRIVATE KEY"), "no key in the log");
        }
    }

    @Test
    @Order(4)
    void tlsFilesThatCannotBeUsedStopStartupNamingTheFile() throws Exception {
        Path notAKey = Files.writeString(dir.resolve("bad.key"), "-----BEGIN CERTIFICATE-----\nAAAA\n");
        Path config = config(Ports.free(), """
                "MySQLTopologyUseMutualTLS": true, "MySQLTopologySSLCAFile": "%s/nonexistent-ca.pem"
                """.formatted(dir));
        try (QuorchProcess q = QuorchProcess.start(config, dir, Map.of())) {
            assertEquals(StartupFailure.EXIT_CONFIG, q.awaitExit(Duration.ofSeconds(60)), q.output());
            assertTrue(q.output().contains("quorch: invalid configuration: MySQLTopologySSLCAFile: " + dir
                    + "/nonexistent-ca.pem: no such file"), q.output());
            assertFalse(q.output().contains("\tat io.quorch"), "no stack trace: " + q.output());
        }
        Path backend = dir.resolve("backend.conf.json");
        Files.writeString(backend, """
                {"BackendDB": "mysql", "MySQLOrchestratorHost": "127.0.0.1", "MySQLOrchestratorPort": %d,
                 "MySQLOrchestratorUseMutualTLS": true, "MySQLOrchestratorSSLCertFile": "%s",
                 "MySQLOrchestratorSSLPrivateKeyFile": "%s", "ListenAddress": ":%d"}
                """.formatted(sandbox.replicaPorts().get(0), sandbox.tlsDir().resolve("client.pem"), notAKey,
                Ports.free()));
        try (QuorchProcess q = QuorchProcess.start(backend, dir, Map.of())) {
            assertEquals(StartupFailure.EXIT_CONFIG, q.awaitExit(Duration.ofSeconds(60)), q.output());
            assertTrue(q.output().contains("quorch: invalid configuration: MySQLOrchestratorSSLCertFile/"
                    + "MySQLOrchestratorSSLPrivateKeyFile: " + notAKey + " is not an unencrypted PEM private key"),
                    q.output());
            assertFalse(q.output().contains("\tat io.quorch"), "no stack trace: " + q.output());
        }
    }

    private Path config(int http, String tls) throws Exception {
        Path config = dir.resolve("quorch-" + http + ".conf.json");
        Files.writeString(config, """
                {"ListenAddress": ":%d", "SQLite3DataFile": "%s", "MySQLTopologyUser": "quorch",
                 "MySQLTopologyPassword": "quorch", "InstancePollSeconds": 0.5, "MySQLConnectTimeoutSeconds": 2,
                 "MySQLReadTimeoutSeconds": 2, %s}
                """.formatted(http, dir.resolve("quorch-" + http + ".db"), tls.strip()));
        return config;
    }

    private static Connection connect(int port, MySqlTls tls) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "quorch");
        p.setProperty("password", "quorch");
        p.setProperty("connectTimeout", "5000");
        tls.properties(true, false).forEach(p::setProperty);
        return new com.mysql.cj.jdbc.Driver().connect("jdbc:mysql://127.0.0.1:" + port + "/", p);
    }

    private static void awaitAllValid(String base, List<Integer> ports) {
        Await.until("all of " + ports + " discovered and valid", Duration.ofSeconds(20), () -> ports.stream()
                .allMatch(p -> {
                    try {
                        var r = QuorchProcess.get(base + "/api/instance/127.0.0.1/" + p);
                        return r.statusCode() == 200 && JsonPath.from(r.body()).getBoolean("IsLastCheckValid");
                    } catch (Exception e) {
                        return false;
                    }
                }));
    }

    private static Map<String, Object> recoveryOf(String base, int failedPort) {
        try {
            List<Map<String, Object>> all = JsonPath.from(QuorchProcess.get(base + "/api/audit-recovery").body())
                    .getList("$");
            return all.stream().filter(r -> ((Map<?, ?>) r.get("FailedKey")).get("Port").equals(failedPort))
                    .filter(r -> Boolean.FALSE.equals(r.get("IsActive"))).findFirst().orElse(null);
        } catch (Exception e) {
            return null;
        }
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
