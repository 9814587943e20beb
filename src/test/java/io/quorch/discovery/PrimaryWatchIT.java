package io.quorch.discovery;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quorch.config.MySqlAccessConfig;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.NodeIdentity;
import io.quorch.mysql.MySqlConnector;
import io.quorch.mysql.WatchConnection;
import io.quorch.testing.Await;
import io.quorch.testing.Sandbox;
import io.restassured.path.json.JsonPath;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The primaries' watch against a real 1+3 MariaDB topology polled only every 30 seconds: what
 * happens within a few seconds here happens because of the watch, not the poll.
 */
@QuarkusTest
@TestProfile(PrimaryWatchTestProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrimaryWatchIT {

    private static Sandbox sandbox;
    private static int primary;
    private static List<Integer> replicas;
    private static boolean discovered;

    @Inject
    NodeIdentity node;

    @BeforeAll
    static void up() {
        sandbox = Sandbox.up("watch", 3, false);
        primary = sandbox.primaryPort();
        replicas = sandbox.replicaPorts();
    }

    /** The topology discovered and fully known (once: the application is not up yet in @BeforeAll). */
    static void discovered() {
        if (discovered) {
            return;
        }
        discovered = true;
        given().get("/api/discover/127.0.0.1/" + primary).then().statusCode(200);
        Await.until("all instances known and valid", Duration.ofSeconds(20), () -> sandbox.ports().stream()
                .allMatch(p -> given().get("/api/instance/127.0.0.1/" + p).then().extract().statusCode() == 200
                        && given().get("/api/instance/127.0.0.1/" + p).then().extract().jsonPath()
                                .getBoolean("IsLastCheckValid")));
    }

    @AfterAll
    static void down() {
        // the last test forgot every server; the application is already down here
        if (sandbox != null) {
            sandbox.close();
        }
    }

    /** quorch's connections to the server, as the server lists them. */
    static int quorchConnections(int port) {
        return Integer.parseInt(sandbox.sql(port,
                "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER = 'quorch'"));
    }

    static void awaitConnections(int port, int count) {
        Await.until(count + " quorch connections on " + port, Duration.ofSeconds(10),
                () -> quorchConnections(port) == count);
    }

    static JsonPath metrics() {
        return given().get("/api/discovery-metrics").then().statusCode(200).extract().jsonPath();
    }

    /** When the server was last checked, to the second (as the instance JSON says it). */
    static Instant lastChecked(int port) {
        return Instant.parse(given().get("/api/instance/127.0.0.1/" + port).then().statusCode(200).extract()
                .jsonPath().getString("LastCheckedTimestamp"));
    }

    /** The start of the next second, once it has come: checks stamped from then on came after this call. */
    static Instant nextSecond() {
        Instant next = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(1);
        return Await.until("the next second", Duration.ofSeconds(2), () -> Instant.now().isAfter(next) ? next : null);
    }

    static Optional<Map<String, Object>> recoveryOf(int failedPort) {
        List<Map<String, Object>> all = given().get("/api/audit-recovery").then().statusCode(200).extract()
                .jsonPath().getList("$");
        return all.stream().filter(r -> ((Map<?, ?>) r.get("FailedKey")).get("Port").equals(failedPort)).findFirst();
    }

    static long analysisPasses() {
        return given().get("/api/recovery-metrics").then().statusCode(200).extract().jsonPath()
                .getLong("AnalysisPasses");
    }

    /** Recoveries are armed once this node has been up two poll intervals. */
    void awaitArmed() {
        discovered();
        Instant armed = node.startedAt().plusSeconds(2L * PrimaryWatchTestProfile.POLL_SECONDS + 1);
        Await.until("recoveries armed", Duration.ofSeconds(2L * PrimaryWatchTestProfile.POLL_SECONDS + 5),
                () -> Instant.now().isAfter(armed));
    }

    static void moveUnder(int replica, int master) {
        sandbox.sql(replica, "STOP SLAVE; CHANGE MASTER TO MASTER_PORT = " + master + "; START SLAVE");
        // a 30 s poll would see it late: look now
        given().get("/api/refresh/127.0.0.1/" + replica).then().statusCode(200);
    }

    @Test
    @Order(1)
    void theWatchIsOneExtraConnectionPerPrimaryAndADemotedIntermediatePrimaryLosesIt() {
        discovered();
        // the primary: the probe's connection and the watch; each replica: the probe's only
        awaitConnections(primary, 2);
        replicas.forEach(r -> awaitConnections(r, 1));
        assertEquals(1, metrics().getInt("WatchedPrimaries"));

        int intermediate = replicas.get(0);
        int below = replicas.get(1);
        moveUnder(below, intermediate);
        awaitConnections(intermediate, 2);
        Await.until("two primaries watched", Duration.ofSeconds(5), () -> metrics().getInt("WatchedPrimaries") == 2);

        moveUnder(below, primary);
        awaitConnections(intermediate, 1);
        assertEquals(1, metrics().getInt("WatchedPrimaries"));
        assertEquals(1, metrics().getInt("WatchConnectionsOpen"));
        // the watch's only queries are its pings, two a second at a 500 ms check; measured over a window
        // with one primary watched (the minute-long rate the API gives still counts the intermediate's)
        long pingsBefore = metrics().getLong("WatchPingsTotal");
        long from = System.nanoTime();
        Await.until("4 s of pings", Duration.ofSeconds(6), () -> System.nanoTime() - from >= 4_000_000_000L);
        long pings = metrics().getLong("WatchPingsTotal") - pingsBefore;
        double seconds = (System.nanoTime() - from) / 1e9;
        assertTrue(pings >= 4 && pings / seconds <= 2.5, pings + " pings in " + seconds + " s");
        assertEquals(1, metrics().getInt("WatchConnectionsOpen"));
    }

    @Test
    @Order(2)
    void aPrimaryThatClosesTheWatchButStillAnswersIsReprobedNotFailedOver() {
        awaitArmed();
        long evidence = metrics().getLong("WatchEvidenceTotal");
        long failed = metrics().getLong("FailedProbesTotal");
        Instant before = nextSecond();
        // what the watch sees of a process that ends, from a process that does not: its connections cut
        String ids = sandbox.sql(primary, "SELECT ID FROM information_schema.PROCESSLIST WHERE USER = 'quorch'");
        StringBuilder kill = new StringBuilder();
        ids.lines().map(String::trim).filter(l -> !l.isEmpty()).forEach(id -> kill.append("KILL CONNECTION ").append(id).append(";"));
        assertEquals(2, ids.lines().count(), ids);
        sandbox.sql(primary, kill.toString());
        Await.until("evidence from the watch", Duration.ofSeconds(5),
                () -> metrics().getLong("WatchEvidenceTotal") > evidence);
        // the primary and its replicas are probed at once, not at their next 30 s tick
        Await.until("primary and replicas re-probed", Duration.ofSeconds(5), () -> !lastChecked(primary).isBefore(before)
                && replicas.stream().allMatch(r -> !lastChecked(r).isBefore(before)));
        // the probes' own kept connection was cut too: that is no failed probe, the probe is made on a new one
        assertEquals(failed, metrics().getLong("FailedProbesTotal"), "a cut probe connection counted as a failed probe");
        awaitConnections(primary, 2);
        assertTrue(recoveryOf(primary).isEmpty(), "no failover of a primary that answers");
        assertEquals("0", sandbox.sql(primary, "SELECT @@global.read_only"));
    }

    @Test
    @Order(3)
    void aKilledReplicaCausesNoPrimaryLevelReaction() {
        awaitArmed();
        int replica = replicas.get(2);
        long evidence = metrics().getLong("WatchEvidenceTotal");
        sandbox.kill(replica);
        try {
            // its failure is recorded (asked for now: the poll would take up to 30 s)...
            given().get("/api/refresh/127.0.0.1/" + replica);
            Await.until("the replica's failure recorded", Duration.ofSeconds(5), () -> !given()
                    .get("/api/instance/127.0.0.1/" + replica).then().extract().jsonPath()
                    .getBoolean("IsLastCheckValid"));
            // ...and a failed probe of it is analyzed at once: one pass that knows it is dead
            long passes = analysisPasses();
            given().get("/api/refresh/127.0.0.1/" + replica);
            Await.until("an analysis pass", Duration.ofSeconds(10), () -> analysisPasses() > passes);
            assertEquals(evidence, metrics().getLong("WatchEvidenceTotal"), "the primary's watch saw nothing");
            assertEquals(2, quorchConnections(primary));
            assertTrue(recoveryOf(primary).isEmpty());
            assertTrue(recoveryOf(replica).isEmpty());
        } finally {
            sandbox.start(replica);
        }
        Await.until("the replica valid again", Duration.ofSeconds(10), () -> given()
                .get("/api/refresh/127.0.0.1/" + replica).then().extract().statusCode() == 200
                && given().get("/api/instance/127.0.0.1/" + replica).then().extract().jsonPath()
                        .getBoolean("IsLastCheckValid"));
    }

    @Test
    @Order(4)
    void aPrimaryKilledAtA30SecondPollIsFailedOverWithinSeconds() {
        awaitArmed();
        sandbox.kill(primary);
        long killed = System.nanoTime();
        Map<String, Object> recovery = Await.until("a finished recovery of " + primary, Duration.ofSeconds(6),
                () -> recoveryOf(primary).filter(r -> Boolean.FALSE.equals(r.get("IsActive"))).orElse(null));
        Duration took = Duration.ofNanos(System.nanoTime() - killed);
        assertEquals(true, recovery.get("IsSuccessful"), recovery.toString());
        assertEquals("DeadMaster", recovery.get("Analysis"));
        assertTrue(took.compareTo(Duration.ofSeconds(6)) < 0, "failed over in " + took);
        int successor = (Integer) ((Map<?, ?>) recovery.get("SuccessorKey")).get("Port");
        // the new primary is watched, the dead one no longer
        awaitConnections(successor, 2);
        Await.until("one primary watched", Duration.ofSeconds(5), () -> metrics().getInt("WatchedPrimaries") == 1);
    }

    @Test
    @Order(5)
    void forgottenServersKeepNoConnection() {
        discovered();
        List<Integer> alive = replicas;
        alive.forEach(p -> given().get("/api/forget/127.0.0.1/" + p).then().statusCode(200));
        given().get("/api/forget/127.0.0.1/" + primary).then().statusCode(200);
        alive.forEach(p -> awaitConnections(p, 0));
        Await.until("no primary watched", Duration.ofSeconds(5), () -> metrics().getInt("WatchedPrimaries") == 0
                && metrics().getInt("WatchConnectionsOpen") == 0);
    }

    @Test
    @Order(6)
    void overVerifiedTlsTheWatchPingsAnIdleConnectionAndSeesAKilledServerCloseIt() throws Exception {
        try (Sandbox tls = Sandbox.upWithTls("watch-tls", 0)) {
            // require_secure_transport is on in a --tls sandbox: a login that succeeds is over TLS
            MySqlAccessConfig config = new SmallRyeConfigBuilder().withMapping(MySqlAccessConfig.class)
                    .withSources(new PropertiesConfigSource(Map.of("quorch.mysql.user", "quorch",
                            "quorch.mysql.password", "quorch", "quorch.mysql.use-mutual-tls", "true",
                            "quorch.mysql.ssl-ca-file", tls.tlsDir().resolve("ca.pem").toString()), "test", 100))
                    .build().getConfigMapping(MySqlAccessConfig.class);
            MySqlConnector connector = new MySqlConnector(config);
            InstanceKey key = new InstanceKey("127.0.0.1", tls.primaryPort());
            try (WatchConnection w = WatchConnection.open(connector, key, 500)) {
                assertEquals(1, Integer.parseInt(tls.sql(tls.primaryPort(),
                        "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER = 'quorch'")));
                assertFalse(w.awaitEnd(300), "an idle connection stays open");
                assertTrue(w.ping(), "a TLS connection stays usable after a read timed out");
                assertFalse(w.awaitEnd(300));
                assertTrue(w.ping());
                tls.kill(tls.primaryPort());
                long start = System.nanoTime();
                assertTrue(w.awaitEnd(10_000), "the close is seen");
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, "seen in " + took);
                assertFalse(w.ping());
            }
        }
    }
}
