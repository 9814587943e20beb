package io.quorch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quorch.app.StartupFailure;
import io.quorch.testing.Await;
import io.quorch.testing.Ports;
import io.quorch.testing.QuorchProcess;
import io.quorch.testing.Sandbox;
import io.restassured.path.json.JsonPath;

/**
 * orchestrator's sample configuration (the keys that concern discovery and analysis, in
 * src/test/resources/config; its backend is SQLite here rather than a MySQL server on 3306, and
 * ApplyMySQLPromotionAfterMasterFailover is true so that a takeover leaves a clean new primary)
 * against a real 1+2 MariaDB topology and the built jar: each honoured
 * key changes what quorch does, a reload changes it without a restart, and the keys quorch cannot
 * follow stop the start naming themselves.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConfigKeysIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static Sandbox sandbox;
    private static Path dir;
    private static Path config;
    private static String sample;
    private static QuorchProcess quorch;
    private static String api;
    private static int httpPort;
    private static int primary;
    private static int replica1;
    private static int replica2;

    @BeforeAll
    static void up() throws Exception {
        sandbox = Sandbox.up("config-keys", 2, false);
        primary = sandbox.primaryPort();
        replica1 = sandbox.replicaPorts().get(0);
        replica2 = sandbox.replicaPorts().get(1);
        dir = Files.createTempDirectory("quorch-config-keys");
        httpPort = Ports.free();
        api = "http://127.0.0.1:" + httpPort + "/api/";
        sample = Files.readString(Path.of("src/test/resources/config/orchestrator-sample-keys.conf.json"))
                .replace("@HTTP_PORT@", Integer.toString(httpPort))
                .replace("@SQLITE_FILE@", dir.resolve("data/quorch.db").toString())
                // the seed is "127.0.0.1" without a port: DefaultInstancePort gives it
                .replace("@DEFAULT_PORT@", Integer.toString(replica1))
                .replace("@REPLICA1@", Integer.toString(replica1))
                .replace("@REPLICA2@", Integer.toString(replica2));
        config = Files.writeString(dir.resolve("orchestrator.conf.json"), sample);
        quorch = QuorchProcess.start(config, dir, Map.of());
        quorch.awaitHttp(api + "health", 200, Duration.ofSeconds(60));
    }

    @AfterAll
    static void down() {
        if (quorch != null) {
            quorch.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (java.io.IOException e) {
                // a temporary directory left behind
            }
        }
    }

    static HttpResponse<String> get(String path) {
        try {
            return QuorchProcess.get(api + path);
        } catch (Exception e) {
            throw new IllegalStateException(path + ": " + e, e);
        }
    }

    static JsonPath json(String path, int status) {
        HttpResponse<String> r = get(path);
        assertEquals(status, r.statusCode(), path + ": " + r.body());
        return JsonPath.from(r.body());
    }

    /** The instance as quorch knows it, or null while it does not. */
    static JsonPath instance(int port) {
        HttpResponse<String> r = get("instance/127.0.0.1/" + port);
        return r.statusCode() == 200 ? JsonPath.from(r.body()) : null;
    }

    /** The configuration for another process: its own port and SQLite file. */
    static String another(String json, String name) {
        return json.replace("\"ListenAddress\": \":" + httpPort + "\"", "\"ListenAddress\": \":" + Ports.free() + "\"")
                .replace(dir.resolve("data/quorch.db").toString(), dir.resolve(name + "/quorch.db").toString());
    }

    static String reload(String file) {
        return "reload-configuration" + (file == null ? "" : "?config=" + URLEncoder.encode(file, StandardCharsets.UTF_8));
    }

    @Test
    @Order(1)
    void discoverySeedsWithDefaultInstancePortFindTheTopologyAndAReplicaFilterKeepsOneOut() {
        // no /api/discover call: the seed "127.0.0.1" is probed at start on DefaultInstancePort
        Await.until("the seed and its primary", WAIT, () -> instance(replica1) != null && instance(primary) != null);
        JsonPath p = instance(primary);
        assertTrue(p.getList("Replicas.Port").contains(replica2), "the primary lists replica2: " + p.prettify());
        // the primary is probed every second; two more probes of it did not bring replica2 in
        String seen = p.getString("LastSeenTimestamp");
        Await.until("two more probes of the primary", WAIT, () -> {
            String now = instance(primary).getString("LastSeenTimestamp");
            return !now.equals(seen) ? now : null;
        });
        String later = instance(primary).getString("LastSeenTimestamp");
        Await.until("another probe of the primary", WAIT, () -> !instance(primary).getString("LastSeenTimestamp")
                .equals(later));
        assertEquals(404, get("instance/127.0.0.1/" + replica2).statusCode(),
                "DiscoveryIgnoreReplicaHostnameFilters keeps replica2 out");
    }

    @Test
    @Order(2)
    void theOperatorsQueriesAreShownOnlyWhenTheirAnswersAreOfTheRightKind() {
        JsonPath r1 = Await.until("replica1 with its lag from ReplicationLagQuery", WAIT, () -> {
            JsonPath j = instance(replica1);
            return j != null && j.getInt("ReplicationLagSeconds.Int64") == 42 ? j : null;
        });
        assertEquals("db-" + replica1, r1.getString("InstanceAlias"));
        assertEquals("prefer", r1.getString("PromotionRule"));
        assertTrue(r1.getBoolean("SemiSyncEnforced"));
        // 42 s is above ReasonableReplicationLagSeconds (10)
        assertEquals(List.of("replication_lag"), r1.getList("Problems"));
        JsonPath p = instance(primary);
        assertEquals("db-" + primary, p.getString("InstanceAlias"));
        // "no-such-rule" is not a promotion rule: ignored, with one warning
        assertEquals("neutral", p.getString("PromotionRule"));
        assertTrue(quorch.output().contains("DetectPromotionRuleQuery on 127.0.0.1:" + primary
                + " answered \"no-such-rule\", not a promotion rule"), quorch.output());
        String topology = json("topology/127.0.0.1/" + primary, 200).getString("Details");
        assertTrue(topology.contains("127.0.0.1:" + replica1 + " (db-" + replica1 + ")"), topology);
        assertFalse(topology.endsWith("\n"), "no trailing newline, as orchestrator");
        // a cluster hint without a port is on DefaultInstancePort (replica1's)
        assertEquals("Topology for cluster 127.0.0.1:" + primary, json("topology/127.0.0.1", 200).getString("Message"));
    }

    @Test
    @Order(3)
    void aReloadChangesTheFiltersWithoutARestartOnlyWhenTheFileIsGood() throws Exception {
        Files.writeString(config, sample.replace("\"DiscoveryIgnoreReplicaHostnameFilters\": [\":" + replica2 + "$\"]",
                "\"DiscoveryIgnoreReplicaHostnameFilters\": []").replace("\"InstancePollSeconds\": 1",
                        "\"InstancePollSeconds\": 2"));
        JsonPath answer = json(reload(null), 200);
        assertEquals("OK", answer.getString("Code"));
        assertTrue(answer.getList("Details.Changed").contains("DiscoveryIgnoreReplicaHostnameFilters"),
                answer.prettify());
        assertEquals(List.of("InstancePollSeconds"), answer.getList("Details.ChangedNeedRestart"));
        assertTrue(answer.getList("Details.Reloaded").contains("ReasonableReplicationLagSeconds"));
        JsonPath r2 = Await.until("replica2, no longer filtered", WAIT, () -> {
            JsonPath j = instance(replica2);
            return j != null && j.getInt("ReplicationLagSeconds.Int64") == 42 ? j : null;
        });
        // lagging like replica1, but ProblemIgnoreHostnameFilters hides its problems
        assertEquals(List.of(), r2.getList("Problems"));

        // hostile file names and bad files: a 400 naming the problem, nothing changed
        HttpResponse<String> missing = get(reload(dir.resolve("nope.json").toString()));
        assertEquals(400, missing.statusCode(), missing.body());
        assertTrue(missing.body().contains("no such file"), missing.body());
        HttpResponse<String> directory = get(reload(Files.createDirectories(dir.resolve("dir.json")).toString()));
        assertEquals(400, directory.statusCode(), directory.body());
        assertTrue(directory.body().contains("not a regular file"), directory.body());
        HttpResponse<String> secret = get(reload("/etc/passwd"));
        assertEquals(400, secret.statusCode(), secret.body());
        assertTrue(secret.body().contains("not a .json file") && !secret.body().contains("root:"), secret.body());
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"ProblemIgnoreHostnameFilters\": [\"db[1\"],"
                + " \"ReasonableReplicationLagSeconds\": 100}");
        HttpResponse<String> refused = get(reload(bad.toString()));
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("ProblemIgnoreHostnameFilters: \\\"db[1\\\" is not a valid regular"
                + " expression"), refused.body());
        assertEquals(List.of("replication_lag"), instance(replica1).getList("Problems"), "nothing changed");

        // a good file layered on top: replica1's 42 s is reasonable now
        Path extra = Files.writeString(dir.resolve("extra.json"), "{\"ReasonableReplicationLagSeconds\": 100}");
        assertEquals("OK", json(reload(extra.toString()), 200).getString("Code"));
        assertEquals(List.of(), instance(replica1).getList("Problems"));
    }

    @Test
    @Order(4)
    void anAliasResolvesToTheClusterRebuiltUnderANewPrimary() {
        String alias = sandbox.sql(primary, "SELECT SUBSTRING_INDEX(@@hostname, '.', 1)").strip();
        String before = "127.0.0.1:" + primary;
        Await.until("the detected alias", WAIT, () -> before.equals(json("cluster-info/alias/" + alias, 200)
                .getString("ClusterName")));
        // an operator's alias on the old cluster name outlives the topology (a manual alias wins ordering)
        assertEquals("OK", json("set-cluster-alias/" + before + "?alias=" + alias, 200).getString("Code"));
        // the -auto form starts replication on the demoted primary
        JsonPath takeover = json("graceful-master-takeover-auto/" + before + "/127.0.0.1/" + replica1, 200);
        assertEquals("OK", takeover.getString("Code"), takeover.prettify());
        String after = "127.0.0.1:" + replica1;
        Await.until("the alias on the rebuilt cluster", WAIT, () -> {
            JsonPath info = json("cluster-info/alias/" + alias, 200);
            return after.equals(info.getString("ClusterName")) && info.getInt("CountInstances") == 3;
        });
        assertEquals(3, JsonPath.from(get("cluster/alias/" + alias).body()).getList("$").size());
        // the demoted primary replicates with the credentials ReplicationCredentialsQuery gave (no MySQLReplicaUser)
        Await.until("the old primary replicating from the new one", WAIT, () -> {
            JsonPath old = instance(primary);
            if (old != null && old.getInt("MasterKey.Port") == replica1 && old.getBoolean("ReplicationIOThreadRuning")) {
                return old;
            }
            throw new AssertionError(old == null ? "unknown" : "master " + old.getString("MasterKey.Port") + ", IO "
                    + old.getString("ReplicationIOThreadRuning") + ", " + old.getString("LastIOError"));
        });
        assertFalse(quorch.output().contains("'repl', 'repl'") && quorch.output().contains("PASSWORD = 'repl'"),
                "the replication password never reaches the log");
    }

    @Test
    @Order(5)
    void aServerReachedUnderAnotherNameIsKnownByItsReportHost() {
        // MySQLHostnameResolveMethod "@@report_host": a server declaring report_host=localhost
        int extra = sandbox.addReplica(replica1, "report_host=localhost");
        JsonPath discovered = json("discover/127.0.0.1/" + extra, 200);
        assertEquals("localhost", discovered.getString("Details.Key.Hostname"), discovered.prettify());
        Await.until("the server under its report_host only", WAIT, () -> {
            JsonPath j = json("instance/localhost/" + extra, 200);
            return j.getInt("MasterKey.Port") == replica1 && get("instance/127.0.0.1/" + extra).statusCode() == 404;
        });
        assertEquals(1, json("cluster/127.0.0.1:" + replica1, 200).getList("findAll { it.Key.Port == " + extra + " }")
                .size(), "one row for the server, not one per name");
    }

    @Test
    @Order(6)
    void keysQuorchCannotFollowStopTheStartNamingThemselves() throws Exception {
        for (var c : Map.of(
                "\"MySQLHostnameResolveMethod\": \"@@report_host\"", "MySQLHostnameResolveMethod",
                "\"HostnameResolveMethod\": \"default\"", "HostnameResolveMethod",
                "\"RecoveryIgnoreHostnameFilters\": []", "RecoveryIgnoreHostnameFilters",
                "\"DiscoverySeeds\": [\"127.0.0.1\"]", "DiscoverySeeds").entrySet()) {
            String replacement = switch (c.getValue()) {
                case "MySQLHostnameResolveMethod" -> "\"MySQLHostnameResolveMethod\": \"@@server_uuid\"";
                case "HostnameResolveMethod" -> "\"HostnameResolveMethod\": \"cname\"";
                case "RecoveryIgnoreHostnameFilters" -> "\"RecoveryIgnoreHostnameFilters\": [\"(db\"]";
                default -> "\"DiscoverySeeds\": [\"not a host!\"]";
            };
            String json = another(sample.replace(c.getKey(), replacement), c.getValue());
            Path file = Files.writeString(dir.resolve("refused-" + c.getValue() + ".json"), json);
            try (QuorchProcess q = QuorchProcess.start(file, dir.resolve("refused"), Map.of())) {
                assertEquals(StartupFailure.EXIT_CONFIG, q.awaitExit(Duration.ofSeconds(60)), q.output());
                assertTrue(q.output().lines().anyMatch(l -> l.contains("quorch: invalid configuration: " + c.getValue())),
                        q.output());
            }
        }
    }

    @Test
    @Order(7)
    void aMySqlBackendHostWithoutBackendDbIsAMySqlBackendNeverAQuietSqliteFile() throws Exception {
        int dead = Ports.free();
        String json = sample.replace("\"BackendDB\": \"sqlite\",", "\"MySQLOrchestratorHost\": \"127.0.0.1\","
                + " \"MySQLOrchestratorPort\": " + dead + ", \"BackendStartupTimeoutSeconds\": 1,");
        json = another(json, "mysql-backend");
        Path file = Files.writeString(dir.resolve("mysql-backend.json"), json);
        try (QuorchProcess q = QuorchProcess.start(file, dir.resolve("mysql-backend"), Map.of())) {
            assertEquals(StartupFailure.EXIT_BACKEND, q.awaitExit(Duration.ofSeconds(60)), q.output());
            assertTrue(q.output().contains("quorch: backend mysql 127.0.0.1:" + dead), q.output());
        }
    }

    @Test
    @Order(8)
    void aReloadThroughAFollowerReachesEveryNodeOfARaftGroup() throws Exception {
        Path groupDir = dir.resolve("group");
        try (io.quorch.testing.RaftCluster group = io.quorch.testing.RaftCluster.start(groupDir, 3, "")) {
            int leader = group.awaitSingleLeader(Duration.ofSeconds(60));
            int follower = (leader + 1) % 3;
            for (int i = 0; i < 3; i++) {
                Path file = groupDir.resolve("node" + i).resolve("quorch.conf.json");
                Files.writeString(file, Files.readString(file).replace("\"MySQLTopologyPassword\": \"quorch\"",
                        "\"MySQLTopologyPassword\": \"quorch\", \"ReasonableReplicationLagSeconds\": 30"));
            }
            // a file the leader cannot read: refused, and no node reloads
            HttpResponse<String> refused = group.get(follower, "/api/reload-configuration?config=/nonexistent/x.json");
            assertEquals(400, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("no such file"), refused.body());

            HttpResponse<String> ok = group.get(follower, "/api/reload-configuration");
            assertEquals(200, ok.statusCode(), ok.body());
            assertTrue(JsonPath.from(ok.body()).getList("Details.Changed").contains("ReasonableReplicationLagSeconds"),
                    ok.body());
            for (int i = 0; i < 3; i++) {
                int n = i;
                Await.until("node " + n + " reloaded", WAIT, () -> group.output(n)
                        .contains("changed: ReasonableReplicationLagSeconds"));
                assertFalse(group.output(n).contains("/nonexistent/x.json"), group.output(n));
            }
        }
    }
}
