package io.quorch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quorch.testing.Ports;
import io.quorch.testing.QuorchProcess;

/** The built jar, started as a user starts it, with good and bad orchestrator-style configurations. */
class QuorchJarIT {

    @TempDir
    Path dir;

    @Test
    void answersHealthOnItsListenAddressWithEmbeddedSqlite() throws Exception {
        int port = Ports.free();
        Path db = dir.resolve("data/quorch.db");
        Path config = write("{\"BackendDB\": \"sqlite\", \"ListenAddress\": \":" + port + "\", \"SQLite3DataFile\": \""
                + db + "\", \"SomeOrchestratorOnlyKey\": 1}");
        try (QuorchProcess q = QuorchProcess.start(config, dir, Map.of())) {
            var health = q.awaitHttp("http://127.0.0.1:" + port + "/api/health", 200, Duration.ofSeconds(60));
            assertTrue(health.body().contains("\"Healthy\":true"), health.body());
            assertTrue(Files.exists(db), "SQLite file created at SQLite3DataFile");
            assertTrue(q.output().contains("unknown configuration key SomeOrchestratorOnlyKey (ignored)"), q.output());
            var status = QuorchProcess.get("http://127.0.0.1:" + port + "/api/status");
            assertEquals(200, status.statusCode());
            assertTrue(status.body().contains("\"Backend\":\"sqlite\""), status.body());
            assertTrue(q.output().contains(" INFO  [") && !q.output().contains("\"timestamp\"")
                    && !q.output().contains("deprecated"), "plain log lines by default:\n" + q.output());
        }
    }

    @Test
    void enableJsonLogsOrQuarkusOwnVariableMakesEveryLogLineAJsonObject() throws Exception {
        int port = Ports.free();
        Path config = write("{\"EnableJSONLogs\": true, \"ListenAddress\": \":" + port + "\", \"SQLite3DataFile\": \""
                + dir.resolve("json/quorch.db") + "\"}");
        try (QuorchProcess q = QuorchProcess.start(config, dir, Map.of())) {
            q.awaitHttp("http://127.0.0.1:" + port + "/api/health", 200, Duration.ofSeconds(60));
            assertJsonLines(q.output());
            assertFalse(q.output().contains("deprecated"), q.output());
        }
        Path plain = write("{\"ListenAddress\": \":" + port + "\", \"SQLite3DataFile\": \""
                + dir.resolve("json/quorch.db") + "\"}");
        try (QuorchProcess q = QuorchProcess.start(plain, dir, Map.of("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true"))) {
            q.awaitHttp("http://127.0.0.1:" + port + "/api/health", 200, Duration.ofSeconds(60));
            assertJsonLines(q.output());
        }
    }

    private static void assertJsonLines(String output) {
        // (the JVM's own warnings, if any, are not log lines)
        assertTrue(output.lines().noneMatch(l -> l.matches("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} .*")),
                "no plain log line:\n" + output);
        assertTrue(output.lines().anyMatch(l -> l.startsWith("{\"timestamp\":") && l.endsWith("}")
                && l.contains("\"loggerName\":\"io.quorch.")), output);
    }

    @Test
    void anEnvironmentVariableOverridesTheListenAddressOfTheFile() throws Exception {
        int filePort = Ports.free();
        int envPort = Ports.free();
        Path config = write("{\"ListenAddress\": \":" + filePort + "\", \"SQLite3DataFile\": \""
                + dir.resolve("env/quorch.db") + "\"}");
        try (QuorchProcess q = QuorchProcess.start(config, dir, Map.of("QUORCH_API_LISTEN_ADDRESS",
                "127.0.0.1:" + envPort))) {
            q.awaitHttp("http://127.0.0.1:" + envPort + "/api/health", 200, Duration.ofSeconds(60));
            assertTrue(q.output().contains("Listening on: http://127.0.0.1:" + envPort), q.output());
        }
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                Arguments.of("{\"RaftEnabled\": true, \"RaftDataDir\": \"/tmp/r\"}",
                        "quorch: invalid configuration: RaftNodes: required when RaftEnabled is true"),
                Arguments.of("{\"RaftEnabled\": true, \"RaftDataDir\": \"/tmp/r\", \"RaftNodes\": [\"a\", \"b\"],"
                        + " \"RaftBind\": \"c\"}",
                        "quorch: invalid configuration: RaftBind: \"c\" is not among RaftNodes [a, b]"),
                Arguments.of("{\"InstancePollSeconds\": 0}",
                        "quorch: invalid configuration: InstancePollSeconds (quorch.discovery.instance-poll-seconds):"
                                + " must be greater than 0, got 0.0"),
                Arguments.of("{\"InstancePollSeconds\": \"often\"}",
                        "quorch: invalid configuration: InstancePollSeconds: expected a number, got \"often\""),
                Arguments.of("{\"BackendDB\": \"postgres\"}",
                        "quorch: invalid configuration: BackendDB (quorch.backend.db): must be \"sqlite\" or \"mysql\","
                                + " got \"postgres\""),
                Arguments.of("{\"BackendDB\": \"mysql\"}",
                        "quorch: invalid configuration: MySQLOrchestratorHost: required when BackendDB is \"mysql\""),
                Arguments.of("{\"DefaultRaftPort\": 70000}",
                        "quorch: invalid configuration: DefaultRaftPort (quorch.raft.default-port): must be from 1 to"
                                + " 65535, got 70000"),
                Arguments.of("{\"ListenAddress\": \"3000\"}",
                        "quorch: invalid configuration: ListenAddress: must be \"host:port\" or \":port\", got \"3000\""),
                Arguments.of("{\"UseSSL\": true, \"SSLCertFile\": \"/nonexistent/orc.pem\", \"SSLSkipVerify\": false}",
                        "quorch: invalid configuration: SSLCertFile: /nonexistent/orc.pem: no such file"),
                Arguments.of("{\"UseMutualTLS\": true}", "quorch: invalid configuration: UseMutualTLS: needs UseSSL"),
                Arguments.of("{\"AgentsUseSSL\": true}", "quorch: invalid configuration: AgentsUseSSL: quorch has no agents"),
                Arguments.of("{\"AuthenticationMethod\": \"basic\", \"HTTPAuthPassword\": \"x\"}",
                        "quorch: invalid configuration: AuthenticationMethod \"basic\" needs HTTPAuthUser"),
                Arguments.of("{\"AuthenticationMethod\": \"token\"}",
                        "quorch: invalid configuration: AuthenticationMethod must be \"\", \"basic\", \"multi\" or"),
                Arguments.of("{\"SharedProbeCopies\": -1}",
                        "quorch: invalid configuration: SharedProbeCopies (quorch.discovery.shared-probe-copies): must be"
                                + " 0 (every node probes everything), 1 or 2, got -1"),
                Arguments.of("{\"SharedProbeCopies\": 3}",
                        "quorch: invalid configuration: SharedProbeCopies (quorch.discovery.shared-probe-copies): must be"
                                + " 0 (every node probes everything), 1 or 2, got 3"),
                Arguments.of("{\"SharedProbeCopies\": \"two\"}",
                        "quorch: invalid configuration: SharedProbeCopies: expected an integer, got \"two\""),
                Arguments.of("{\"SharedProbeCopies\": 1.5}",
                        "quorch: invalid configuration: SharedProbeCopies: expected an integer, got 1.5"),
                Arguments.of("{\"NodeDataCenter\": \"dc1\\nInjected: line\"}",
                        "quorch: invalid configuration: NodeDataCenter: must be 1 to 64 letters, digits, '_', '.' or"
                                + " '-', got \"dc1?Injected: line\""),
                Arguments.of("{\"BackendDB\": \"sqlite\",}",
                        "is not valid JSON (line 1, column"));
    }

    @ParameterizedTest
    @MethodSource("badConfigs")
    void badConfigurationExitsNonZeroWithOneLineNamingTheKey(String json, String expectedLine) throws Exception {
        Path config = write(json);
        try (QuorchProcess q = QuorchProcess.start(config, dir, Map.of())) {
            assertEquals(StartupFailure.EXIT_CONFIG, q.awaitExit(Duration.ofSeconds(60)), q.output());
            String out = q.output();
            assertTrue(out.lines().anyMatch(l -> l.contains(expectedLine)), out);
            assertFalse(out.contains("\tat "), "no stack trace:\n" + out);
        }
    }

    @Test
    void missingConfigFileIsNamed() throws Exception {
        try (QuorchProcess q = QuorchProcess.start(dir.resolve("nope.json"), dir, Map.of())) {
            assertEquals(StartupFailure.EXIT_CONFIG, q.awaitExit(Duration.ofSeconds(60)), q.output());
            assertTrue(q.output().contains("nope.json cannot be read: no such file"), q.output());
        }
    }

    @Test
    void unreachableMysqlBackendIsRetriedThenExitsWithAClearMessage() throws Exception {
        int deadPort = Ports.free();
        Path config = write("{\"BackendDB\": \"mysql\", \"MySQLOrchestratorHost\": \"127.0.0.1\","
                + " \"MySQLOrchestratorPort\": " + deadPort + ", \"BackendStartupTimeoutSeconds\": 2,"
                + " \"ListenAddress\": \":" + Ports.free() + "\"}");
        try (QuorchProcess q = QuorchProcess.start(config, dir, Map.of())) {
            assertEquals(StartupFailure.EXIT_BACKEND, q.awaitExit(Duration.ofSeconds(60)), q.output());
            assertTrue(q.output().contains("quorch: backend mysql 127.0.0.1:" + deadPort
                    + "/quorch unreachable for 2 s (BackendStartupTimeoutSeconds)"), q.output());
        }
    }

    private Path write(String json) throws Exception {
        Path file = dir.resolve("orchestrator-" + System.nanoTime() + ".conf.json");
        Files.writeString(file, json);
        return file;
    }
}
