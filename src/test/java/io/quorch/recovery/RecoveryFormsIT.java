package io.quorch.recovery;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quorch.testing.Await;
import io.quorch.testing.Sandbox;
import io.restassured.path.json.JsonPath;

/**
 * orchestrator's recovery forms on real MariaDB: recover with a candidate, force-master-takeover, graceful takeover
 * refusals, the lost-in-recovery downtime and a region rule. Servers on the sandbox's base port + 1 are in region
 * "far", all others "near" ({@link RecoveryFormsTestProfile}).
 */
@QuarkusTest
@TestProfile(RecoveryFormsTestProfile.class)
class RecoveryFormsIT {

    private Sandbox sandbox;

    @AfterEach
    void tearDown() {
        if (sandbox != null) {
            for (int port : sandbox.ports()) {
                given().get("/api/end-downtime/127.0.0.1/" + port);
                given().get("/api/forget/127.0.0.1/" + port);
            }
            sandbox.close();
            sandbox = null;
        }
    }

    /** A primary with replicas (plus one under the first replica with nested), discovered, with 10 rows. */
    private void topology(String name, int replicas, boolean nested) {
        sandbox = Sandbox.up(name, replicas, false);
        if (nested) {
            sandbox.addReplica(sandbox.replicaPorts().get(0));
        }
        given().get("/api/discover/127.0.0.1/" + sandbox.primaryPort()).then().statusCode(200);
        Await.until("all instances known, valid and placed", Duration.ofSeconds(20), () -> sandbox.ports().stream()
                .allMatch(p -> given().get("/api/instance/127.0.0.1/" + p).then().extract().statusCode() == 200
                        && instance(p).getBoolean("IsLastCheckValid")
                        && !instance(p).getString("Region").isEmpty()));
        assertEquals("far", instance(far()).getString("Region"));
        assertEquals("near", instance(sandbox.primaryPort()).getString("Region"));
        sandbox.sql(sandbox.primaryPort(), "CREATE DATABASE quorch_test; CREATE TABLE quorch_test.t (id INT PRIMARY KEY);"
                + " INSERT INTO quorch_test.t VALUES (1),(2),(3),(4),(5),(6),(7),(8),(9),(10)");
        sandbox.replicaPorts().forEach(r -> awaitRows(r, 10));
    }

    private int far() {
        return sandbox.primaryPort() + 1;
    }

    private static JsonPath instance(int port) {
        return given().get("/api/instance/127.0.0.1/" + port).then().extract().jsonPath();
    }

    private void awaitRows(int port, int count) {
        Await.until(count + " rows on " + port, Duration.ofSeconds(15),
                () -> sandbox.sql(port, "SELECT COUNT(*) FROM quorch_test.t").equals(Integer.toString(count)));
    }

    private void assertReplicatesFrom(int replica, int master) {
        Await.until(replica + " replicating from " + master, Duration.ofSeconds(15), () -> {
            String status = sandbox.sql(replica, "SHOW SLAVE STATUS\\G");
            return status.contains("Master_Port: " + master) && status.contains("Slave_IO_Running: Yes")
                    && status.contains("Slave_SQL_Running: Yes");
        });
    }

    /** Where every server replicates from now ("" for none), to compare before and after a refusal. */
    private Map<Integer, String> sources() {
        return sandbox.ports().stream().collect(java.util.stream.Collectors.toMap(p -> p, p -> {
            String status = sandbox.sql(p, "SHOW SLAVE STATUS\\G");
            int at = status.indexOf("Master_Port: ");
            return (at < 0 ? "" : status.substring(at, status.indexOf('\n', at))) + " ro="
                    + sandbox.sql(p, "SELECT @@global.read_only");
        }));
    }

    private void awaitDeadMaster(int primary) {
        Await.until("DeadMaster on " + primary, Duration.ofSeconds(20), () -> given()
                .get("/api/replication-analysis/instance/127.0.0.1/" + primary).then().extract().jsonPath()
                .getList("Details.Analysis")
                .contains("DeadMaster"));
    }

    @Test
    void recoverWithACandidatePromotesItAndDowntimesTheDeadPrimaryLostInRecovery() {
        topology("forms-candidate", 3, false);
        int primary = sandbox.primaryPort();
        int candidate = primary + 3;
        sandbox.kill(primary);
        awaitDeadMaster(primary);

        // another region's replica is refused before anything changes
        JsonPath refused = given().get("/api/recover/127.0.0.1/" + primary + "/127.0.0.1/" + far()).then()
                .statusCode(400).extract().jsonPath();
        assertEquals("RecoverDeadMaster: failed 127.0.0.1:" + far() + " promotion; PreventCrossRegionMasterFailover:"
                + " will not promote server in far when failed server in near", refused.getString("Message"));
        assertEquals("ERROR", refused.getString("Code"));

        JsonPath ok = given().get("/api/recover/127.0.0.1/" + primary + "/127.0.0.1/" + candidate).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(candidate, ok.getInt("Details.Port"), ok.prettify());
        assertEquals("0", sandbox.sql(candidate, "SELECT @@global.read_only"));
        sandbox.replicaPorts().stream().filter(r -> r != candidate).forEach(r -> assertReplicatesFrom(r, candidate));
        sandbox.sql(candidate, "INSERT INTO quorch_test.t VALUES (11)");
        sandbox.replicaPorts().forEach(r -> awaitRows(r, 11));

        List<Map<String, Object>> downtimed = given().get("/api/downtimed").then().statusCode(200).extract()
                .jsonPath().getList("$");
        Map<String, Object> dead = downtimed.stream()
                .filter(i -> ((Map<?, ?>) i.get("Key")).get("Port").equals(primary)).findFirst()
                .orElseThrow(() -> new AssertionError("dead primary not downtimed: " + downtimed));
        assertEquals("lost-in-recovery", dead.get("DowntimeReason"), dead.toString());
        assertEquals(true, dead.get("IsDowntimed"));
    }

    @Test
    void gracefulTakeoverRefusalsLeaveTheTopologyUntouchedAndSpeakOrchestratorsWords() {
        topology("forms-graceful", 2, true);
        int primary = sandbox.primaryPort();
        int nested = sandbox.ports().get(3);
        Map<Integer, String> before = sources();

        String noTarget = given().get("/api/graceful-master-takeover/127.0.0.1/" + primary).then().statusCode(400)
                .extract().jsonPath().getString("Message");
        assertEquals("GracefulMasterTakeover: target instance not indicated, auto=false, and master 127.0.0.1:"
                + primary + " has 2 replicas. orchestrator cannot choose where to failover to. Aborting", noTarget);

        String notDirect = given().get("/api/graceful-master-takeover/127.0.0.1/" + primary + "/127.0.0.1/" + nested)
                .then().statusCode(400).extract().jsonPath().getString("Message");
        assertEquals("GracefulMasterTakeover: indicated designated instance 127.0.0.1:" + nested
                + " must be directly replicating from the master 127.0.0.1:" + primary, notDirect);

        String crossRegion = given().get("/api/graceful-master-takeover/127.0.0.1:" + primary + "/127.0.0.1/" + far())
                .then().statusCode(400).extract().jsonPath().getString("Message");
        assertEquals("GracefulMasterTakeover: 127.0.0.1:" + far() + ": PreventCrossRegionMasterFailover: will not"
                + " promote server in far when failed server in near", crossRegion);

        assertEquals(before, sources());
        assertTrue(RecoveryIT.recoveryOf(primary).isEmpty(), "no recovery recorded");
    }

    @Test
    void forceMasterTakeoverPromotesTheDesignatedReplicaOfALivePrimary() {
        topology("forms-force", 2, false);
        int primary = sandbox.primaryPort();
        int designated = primary + 2;
        JsonPath ok = given().get("/api/force-master-takeover/127.0.0.1/" + primary + "/127.0.0.1/" + designated)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(designated, ok.getInt("Details.SuccessorKey.Port"), ok.prettify());
        assertEquals("0", sandbox.sql(designated, "SELECT @@global.read_only"));
        assertEquals("1", sandbox.sql(primary, "SELECT @@global.read_only"), "the old primary is fenced");
        assertReplicatesFrom(far(), designated);
        sandbox.sql(designated, "INSERT INTO quorch_test.t VALUES (11)");
        awaitRows(far(), 11);
    }
}
