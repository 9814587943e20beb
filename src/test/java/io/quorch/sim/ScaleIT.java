package io.quorch.sim;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quorch.testing.Await;
import io.restassured.path.json.JsonPath;

/**
 * quorch over 500 simulated servers (100 clusters of 1 + 4, every tenth with a chained replica):
 * every server is found and polled within two intervals, and a killed primary is replaced. Sized
 * for CI; scripts/bench-scale measures the same at thousands of servers.
 */
@QuarkusTest
@TestProfile(ScaleTestProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleIT {

    private static final int SERVERS = 500;
    private static final long POLL_MILLIS = (long) (ScaleTestProfile.POLL_SECONDS * 1000);

    private static Simulator sim;

    @BeforeAll
    static void fleet() throws Exception {
        sim = Simulator.start(SERVERS, 0, 4, 10);
    }

    @AfterAll
    static void down() {
        if (sim != null) {
            sim.close();
        }
    }

    private static JsonPath metrics() {
        return given().get("/api/discovery-metrics").then().statusCode(200).extract().jsonPath();
    }

    @Test
    @Order(1)
    void everyServerIsFoundAndPolledWithinTwoIntervals() {
        for (SimServer p : sim.fleet().primaries()) {
            given().get("/api/discover/" + p.host + "/" + p.port).then().statusCode(200);
        }
        Await.until("all " + SERVERS + " servers known", Duration.ofSeconds(120),
                () -> metrics().getInt("Instances") == SERVERS);
        // two intervals after the last was found, then over two more: nothing older than two intervals
        long end = System.nanoTime() + Duration.ofMillis(4 * POLL_MILLIS).toNanos();
        long worst = 0;
        int samples = 0;
        sleep(2 * POLL_MILLIS);
        while (System.nanoTime() < end) {
            worst = Math.max(worst, metrics().getLong("CheckAgeMaxMillis"));
            samples++;
            sleep(POLL_MILLIS / 4);
        }
        assertTrue(samples >= 4, "sampled " + samples + " times");
        assertTrue(worst < 2 * POLL_MILLIS, "the stalest server was last probed " + worst + " ms ago");
        List<Map<String, Object>> all = given().get("/api/all-instances").then().statusCode(200).extract()
                .jsonPath().getList("$");
        assertEquals(SERVERS, all.size());
        assertTrue(all.stream().allMatch(i -> Boolean.TRUE.equals(i.get("IsLastCheckValid"))),
                "every server answered its last probe");
        assertEquals(SERVERS / 5, given().get("/api/clusters").then().statusCode(200).extract().jsonPath()
                .getList("$").size());
        assertEquals(List.of(), sim.log().unknownStatements(), "quorch sent statements the simulator does not know");
    }

    @Test
    @Order(2)
    void aKilledPrimaryIsReplacedByOneOfItsReplicas() {
        SimServer dead = sim.fleet().primaries().get(17);
        Set<String> replicas = sim.fleet().replicasOf(dead.host).stream().map(s -> s.host).collect(Collectors.toSet());
        assertEquals(4, replicas.size());
        sim.fleet().kill(dead.host);

        Map<String, Object> recovery = Await.until("the failover of " + dead, Duration.ofSeconds(30), () -> {
            List<Map<String, Object>> all = given().get("/api/audit-recovery").then().statusCode(200).extract()
                    .jsonPath().getList("$");
            return all.stream().filter(r -> dead.host.equals(((Map<?, ?>) r.get("FailedKey")).get("Hostname")))
                    .filter(r -> r.get("RecoveryEndTimestamp") != null && !"".equals(r.get("RecoveryEndTimestamp")))
                    .findFirst().orElse(null);
        });
        assertEquals(Boolean.TRUE, recovery.get("IsSuccessful"), recovery.toString());
        String successor = (String) ((Map<?, ?>) recovery.get("SuccessorKey")).get("Hostname");
        assertTrue(replicas.contains(successor), successor + " was one of " + replicas);

        SimServer promoted = sim.fleet().server(successor);
        assertFalse(promoted.isReplica(), "the successor replicates from nothing");
        assertFalse(promoted.readOnly(), "the successor is writable");
        replicas.remove(successor);
        Set<String> under = sim.fleet().replicasOf(successor).stream().map(s -> s.host).collect(Collectors.toSet());
        assertEquals(replicas, under, "the other replicas replicate from the successor");
        for (String r : replicas) {
            Await.until(r + " seen under " + successor, Duration.ofSeconds(10), () -> successor.equals(given()
                    .get("/api/instance/" + r + "/" + promoted.port).then().statusCode(200).extract().jsonPath()
                    .getString("MasterKey.Hostname")));
        }
        assertEquals(List.of(), sim.log().unknownStatements(), "quorch sent statements the simulator does not know");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
