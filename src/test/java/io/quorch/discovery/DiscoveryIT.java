package io.quorch.discovery;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quorch.testing.Await;
import io.quorch.testing.Ports;
import io.quorch.testing.Sandbox;
import io.restassured.path.json.JsonPath;

/** Discovery against a real 1+3 MariaDB topology, polled every half second. */
@QuarkusTest
@TestProfile(DiscoveryTestProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DiscoveryIT {

    private static final Duration POLL = Duration.ofMillis((long) (DiscoveryTestProfile.POLL_SECONDS * 1000));

    private static Sandbox sandbox;
    private static String cluster;

    @BeforeAll
    static void up() {
        sandbox = Sandbox.up("discovery", 3, false);
        cluster = "127.0.0.1:" + sandbox.primaryPort();
    }

    @AfterAll
    static void down() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    static JsonPath instance(int port) {
        return given().get("/api/instance/127.0.0.1/" + port).then().statusCode(200).extract().jsonPath();
    }

    static List<Map<String, Object>> clusterMembers() {
        return given().get("/api/cluster/" + cluster).then().statusCode(200).extract().jsonPath().getList("$");
    }

    @Test
    @Order(1)
    void discoversTheWholeTopologyFromOneReplica() {
        int seed = sandbox.replicaPorts().get(1);
        given().get("/api/discover/127.0.0.1/" + seed).then().statusCode(200)
                .body("Code", equalTo("OK"))
                .body("Details.Key.Port", equalTo(seed))
                .body("Details.MasterKey.Port", equalTo(sandbox.primaryPort()));
        Await.until("all four instances", Duration.ofSeconds(10), () -> clusterMembers().size() == 4);

        JsonPath primary = instance(sandbox.primaryPort());
        assertEquals("", primary.getString("MasterKey.Hostname"));
        assertEquals(0, primary.getInt("ReplicationDepth"));
        assertFalse(primary.getBoolean("ReadOnly"));
        assertEquals("MariaDB", primary.getString("FlavorName"));
        assertEquals(3, primary.getList("Replicas").size());
        assertEquals(cluster, primary.getString("ClusterName"));
        for (int port : sandbox.replicaPorts()) {
            JsonPath r = instance(port);
            assertEquals(sandbox.primaryPort(), r.getInt("MasterKey.Port"));
            assertEquals(1, r.getInt("ReplicationDepth"));
            assertEquals(cluster, r.getString("ClusterName"));
            assertTrue(r.getBoolean("UsingMariaDBGTID"));
            assertTrue(r.getBoolean("ReplicationIOThreadRuning"));
            assertTrue(r.getBoolean("ReplicationSQLThreadRuning"));
            assertTrue(r.getBoolean("ReadOnly"));
            assertTrue(r.getBoolean("IsLastCheckValid"));
            assertEquals(port, r.getLong("ServerID"));
            assertTrue(r.getBoolean("SecondsBehindMaster.Valid"));
        }
        given().get("/api/instance-replicas/127.0.0.1/" + sandbox.primaryPort()).then().statusCode(200)
                .body("size()", equalTo(3));
        given().get("/api/clusters").then().body("$", org.hamcrest.Matchers.hasItem(cluster));
        given().get("/api/cluster-info/" + cluster).then().statusCode(200)
                .body("CountInstances", equalTo(4))
                .body("ClusterAlias", equalTo("sandbox-" + sandbox.primaryPort()));
        given().get("/api/cluster/alias/sandbox-" + sandbox.primaryPort()).then().statusCode(200)
                .body("size()", equalTo(4));
        given().get("/api/master/sandbox-" + sandbox.primaryPort()).then().statusCode(200)
                .body("Key.Port", equalTo(sandbox.primaryPort()));
        String topology = given().get("/api/topology/" + cluster).then().statusCode(200).extract().jsonPath()
                .getString("Details");
        List<String> lines = topology.lines().toList();
        assertEquals(4, lines.size(), topology);
        assertTrue(lines.get(0).startsWith(cluster + " "), topology);
        assertTrue(lines.get(0).contains("[0s,ok,10."), topology);
        assertTrue(lines.get(0).contains(",rw,ROW,>>"), topology);
        for (int i = 1; i < 4; i++) {
            assertTrue(lines.get(i).startsWith("+ 127.0.0.1:" + sandbox.replicaPorts().get(i - 1)), topology);
            assertTrue(lines.get(i).contains(",ro,ROW,>>,GTID]"), topology);
        }
        given().get("/api/search/" + sandbox.primaryPort()).then().statusCode(200)
                .body("Key.Port", org.hamcrest.Matchers.hasItem(sandbox.primaryPort()));
    }

    @Test
    @Order(2)
    void aKilledReplicaIsMarkedUnreachableWhileTheOthersStayFreshThenRecovers() {
        int victim = sandbox.replicaPorts().get(0);
        sandbox.kill(victim);
        long killed = System.nanoTime();
        Await.until("killed replica marked invalid", POLL.multipliedBy(2).plusSeconds(2),
                () -> !instance(victim).getBoolean("IsLastCheckValid"));
        long tookMillis = (System.nanoTime() - killed) / 1_000_000;
        assertTrue(tookMillis <= POLL.multipliedBy(2).toMillis() + 1000, "marked after " + tookMillis + " ms");
        JsonPath dead = instance(victim);
        assertTrue(dead.getInt("ConsecutiveFailedChecks") >= 1);
        assertFalse(dead.getString("LastCheckError").isEmpty());
        for (int port : List.of(sandbox.primaryPort(), sandbox.replicaPorts().get(1), sandbox.replicaPorts().get(2))) {
            JsonPath alive = instance(port);
            assertTrue(alive.getBoolean("IsLastCheckValid"), "port " + port);
            assertTrue(alive.getBoolean("IsUpToDate"), "port " + port);
        }
        assertEquals(4, clusterMembers().size(), "the dead replica stays known");

        sandbox.start(victim);
        Await.until("restarted replica valid again", Duration.ofSeconds(10),
                () -> instance(victim).getBoolean("IsLastCheckValid")
                        && instance(victim).getBoolean("ReplicationIOThreadRuning"));
    }

    @Test
    @Order(3)
    void aBrokenReplicaShowsItsThreadStateAndError() {
        int broken = sandbox.replicaPorts().get(2);
        sandbox.sql(sandbox.primaryPort(), "CREATE DATABASE IF NOT EXISTS quorch_test");
        sandbox.sql(sandbox.primaryPort(), "CREATE TABLE IF NOT EXISTS quorch_test.dup (id INT PRIMARY KEY)");
        Await.until("table on the replica", Duration.ofSeconds(10),
                () -> sandbox.sql(broken, "SHOW TABLES IN quorch_test").contains("dup"));
        sandbox.sql(broken, "SET sql_log_bin = 0; INSERT INTO quorch_test.dup VALUES (42)");
        sandbox.sql(sandbox.primaryPort(), "INSERT INTO quorch_test.dup VALUES (42)");
        JsonPath r = Await.until("SQL thread stopped with an error", Duration.ofSeconds(10), () -> {
            JsonPath j = instance(broken);
            return !j.getBoolean("ReplicationSQLThreadRuning") ? j : null;
        });
        assertTrue(r.getString("LastSQLError").contains("Duplicate entry"), r.getString("LastSQLError"));
        assertTrue(r.getBoolean("ReplicationIOThreadRuning"));
        assertEquals(0, r.getInt("ReplicationSQLThreadState"));
        assertTrue(r.getList("Problems").contains("not_replicating"));
        String topology = given().get("/api/topology/" + cluster).then().extract().jsonPath().getString("Details");
        assertTrue(topology.lines().anyMatch(l -> l.contains(":" + broken) && l.contains("[null,nonreplicating,")),
                topology);
        // repair: skip the conflicting event
        sandbox.sql(broken, "SET sql_log_bin = 0; DELETE FROM quorch_test.dup WHERE id = 42");
        sandbox.sql(broken, "START SLAVE SQL_THREAD");
        Await.until("replicating again", Duration.ofSeconds(10),
                () -> instance(broken).getBoolean("ReplicationSQLThreadRuning"));
    }

    @Test
    @Order(4)
    void aNewReplicaIsFoundWithoutAskingAndAMovedOneShowsItsNewPrimary() {
        int added = sandbox.addReplica(sandbox.primaryPort());
        Await.until("new replica discovered", Duration.ofSeconds(10),
                () -> clusterMembers().stream().anyMatch(i -> ((Map<?, ?>) i.get("Key")).get("Port").equals(added)));
        assertEquals(sandbox.primaryPort(), instance(added).getInt("MasterKey.Port"));

        int moved = sandbox.replicaPorts().get(1);
        int newMaster = sandbox.replicaPorts().get(0);
        sandbox.sql(moved, "STOP SLAVE; CHANGE MASTER TO master_port=" + newMaster + "; START SLAVE");
        Await.until("moved replica under its new primary", Duration.ofSeconds(10),
                () -> instance(moved).getInt("MasterKey.Port") == newMaster && instance(moved).getInt("ReplicationDepth") == 2);
    }

    @Test
    @Order(5)
    void forgetRemovesAnInstance() {
        int added = sandbox.ports().get(sandbox.ports().size() - 1);
        sandbox.sql(added, "STOP SLAVE");
        given().get("/api/forget/127.0.0.1/" + added).then().statusCode(200).body("Code", equalTo("OK"));
        given().get("/api/instance/127.0.0.1/" + added).then().statusCode(404).body("Code", equalTo("ERROR"));
    }

    @Test
    @Order(6)
    void badArgumentsAnswerErrorsAndWriteNothing() {
        given().get("/api/instance/127.0.0.1/notaport").then().statusCode(400)
                .body("Code", equalTo("ERROR")).body("Message", containsString("port must be a number"));
        given().get("/api/discover/no-such-host.invalid/3306").then().statusCode(400)
                .body("Message", containsString("cannot resolve host no-such-host.invalid"));
        given().get("/api/cluster/no-such-cluster").then().statusCode(404)
                .body("Message", containsString("unable to determine cluster name for no-such-cluster"));
        int closed = Ports.free();
        given().get("/api/discover/127.0.0.1/" + closed).then().statusCode(500)
                .body("Code", equalTo("ERROR")).body("Message", containsString("cannot probe 127.0.0.1:" + closed));
        given().get("/api/instance/127.0.0.1/" + closed).then().statusCode(404);
        given().get("/api/set-cluster-alias/" + cluster).then().statusCode(400);
    }

    @Test
    @Order(7)
    void manualAliasWinsAndForgetClusterForgetsAll() {
        given().get("/api/set-cluster-alias/" + cluster + "?alias=prod-main").then().statusCode(200);
        Await.until("manual alias kept over the detected one", Duration.ofSeconds(3),
                () -> "prod-main".equals(given().get("/api/cluster-info/" + cluster).then().extract().jsonPath()
                        .getString("ClusterAlias")));
        given().get("/api/forget-cluster/prod-main").then().statusCode(200);
        given().get("/api/cluster/" + cluster).then().statusCode(404);
    }
}
