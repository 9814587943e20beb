package io.quorch.refactor;

import static io.quorch.refactor.RefactorFixture.call;
import static io.quorch.refactor.RefactorFixture.field;
import static io.quorch.refactor.RefactorFixture.ok;
import static io.quorch.refactor.RefactorFixture.refused;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
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

/** Topology moves by GTID on real MariaDB: each leaves every server where asked, replicating, and writes flowing. */
@QuarkusTest
@TestProfile(RefactorTestProfile.class)
class RefactorGtidIT {

    private RefactorFixture t;

    @AfterEach
    void tearDown() {
        if (t != null) {
            t.close();
            t = null;
        }
    }

    @Test
    void movesOnAPrimaryWithThreeReplicasKeepCredentialsAndTls() {
        t = new RefactorFixture(Sandbox.up("refactor-gtid-flat", 3, false));
        int p = t.sandbox.primaryPort();
        int r1 = p + 1;
        int r2 = p + 2;
        int r3 = p + 3;
        // a replica with TLS settings (not enforced) that a move must keep
        t.sandbox.sql(r3, "STOP SLAVE; CHANGE MASTER TO MASTER_SSL = 0, MASTER_SSL_CIPHER = 'AES256-SHA',"
                + " MASTER_SSL_CA = '/etc/quorch-test-ca.pem'; START SLAVE");
        t.assertReplicatesFrom(r3, p, true);

        assertEquals("true", ok("can-replicate-from", r3, r1).getString("Message"));
        assertEquals("true", ok("can-replicate-from-gtid", r3, r1).getString("Message"));

        JsonPath moved = ok("relocate", r3, r1);
        assertEquals("Instance 127.0.0.1:" + r3 + " relocated below 127.0.0.1:" + r1, moved.getString("Message"));
        assertEquals(r3, moved.getInt("Details.Key.Port"));
        assertEquals(r1, moved.getInt("Details.MasterKey.Port"), "the answer is the moved server's fresh state");
        t.assertReplicatesFrom(r3, r1, true);
        String status = t.sandbox.sql(r3, "SHOW SLAVE STATUS\\G");
        assertEquals("AES256-SHA", field(status, "Master_SSL_Cipher"));
        assertEquals("/etc/quorch-test-ca.pem", field(status, "Master_SSL_CA_File"));
        t.rowReachesEveryServer();

        JsonPath took = ok("take-siblings", r1, null);
        assertEquals("Took 1 siblings of 127.0.0.1:" + r1, took.getString("Message"));
        t.assertReplicatesFrom(r2, r1, true);
        t.rowReachesEveryServer();

        JsonPath up = ok("move-up-replicas", r1, null);
        assertEquals(2, up.getList("Details").size());
        t.assertReplicatesFrom(r2, p, true);
        t.assertReplicatesFrom(r3, p, true);

        ok("move-below-gtid", r2, r3);
        t.assertReplicatesFrom(r2, r3, true);
        ok("repoint", r2, null);
        t.assertReplicatesFrom(r2, r3, true);
        // every change is also accepted as POST, and so is can-replicate-from
        given().post("/api/repoint/127.0.0.1/" + r2).then().statusCode(200);
        given().post("/api/can-replicate-from/127.0.0.1/" + r2 + "/127.0.0.1/" + r3).then().statusCode(200);
        t.assertReplicatesFrom(r2, r3, true);
        t.rowReachesEveryServer();

        JsonPath regrouped = ok("regroup-replicas-gtid", p, null);
        int promoted = regrouped.getInt("Details.Key.Port");
        for (int r : List.of(r1, r3)) {
            if (r != promoted) {
                t.assertReplicatesFrom(r, promoted, true);
            }
        }
        t.rowReachesEveryServer();

        List<Map<String, Object>> audit = given().get("/api/audit").then().statusCode(200).extract().jsonPath()
                .getList("$");
        assertTrue(audit.stream().anyMatch(a -> "relocate".equals(a.get("type"))
                && String.valueOf(a.get("message")).contains("before: 127.0.0.1:" + r3 + "<127.0.0.1:" + p)
                && String.valueOf(a.get("message")).contains("after: 127.0.0.1:" + r3 + "<127.0.0.1:" + r1)), audit
                .toString());
    }

    @Test
    void movesOnAChain() {
        t = new RefactorFixture(Sandbox.up("refactor-gtid-chain", 3, true));
        int p = t.sandbox.primaryPort();
        int r1 = p + 1;
        int r2 = p + 2;
        int r3 = p + 3;

        JsonPath took = ok("take-master", r2, null);
        assertEquals(p, took.getInt("Details.MasterKey.Port"));
        t.assertReplicatesFrom(r2, p, true);
        t.assertReplicatesFrom(r1, r2, true);
        t.assertReplicatesFrom(r3, r1, true);
        t.rowReachesEveryServer();

        ok("move-up", r3, null);
        t.assertReplicatesFrom(r3, r2, true);

        JsonPath relocated = ok("relocate-replicas", r2, p);
        assertEquals(2, relocated.getList("Details").size(), relocated.prettify());
        t.assertReplicatesFrom(r1, p, true);
        t.assertReplicatesFrom(r3, p, true);
        t.rowReachesEveryServer();
    }

    @Test
    void refusedMovesLeaveTheTopologyUntouched() throws Exception {
        t = new RefactorFixture(Sandbox.up("refactor-gtid-refusals", 2, true));
        int p = t.sandbox.primaryPort();
        int r1 = p + 1;
        int r2 = p + 2;
        Map<Integer, Integer> before = t.masters();

        assertEquals("relocate: 127.0.0.1:" + r2 + " is a descendant of 127.0.0.1:" + p, refused("relocate", p, r2));
        assertEquals("relocate: 127.0.0.1:" + r2 + " is a descendant of 127.0.0.1:" + r1, refused("relocate", r1, r2));
        assertEquals(404, call("relocate", r2, p + 50).statusCode());

        // a server in maintenance is not moved; once the mark ends, it may be
        given().get("/api/begin-maintenance/127.0.0.1/" + r2 + "/ops/upgrade").then().statusCode(200);
        assertEquals("Cannot begin maintenance on 127.0.0.1:" + r2 + ": it is in maintenance",
                refused("relocate", r2, r1));
        given().get("/api/end-maintenance/127.0.0.1/" + r2).then().statusCode(200);
        assertEquals(before, t.masters(), "a refused move in maintenance changed nothing");

        t.sandbox.sql(r2, "SET GLOBAL binlog_format = 'STATEMENT'");
        assertEquals("127.0.0.1:" + r2 + " cannot replicate from 127.0.0.1:" + p + ". Reason: Cannot replicate from ROW"
                + " binlog format on 127.0.0.1:" + p + " to STATEMENT on 127.0.0.1:" + r2, refused("relocate", r2, p));
        t.sandbox.sql(r2, "SET GLOBAL binlog_format = 'ROW'");

        // r2 lags: a global read lock holds its SQL thread on a row written on the primary
        try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + r2 + "/?user=root&password=");
                Statement st = c.createStatement()) {
            st.execute("FLUSH TABLES WITH READ LOCK");
            t.sandbox.sql(p, "INSERT INTO quorch_test.t VALUES (1000)");
            Await.until("lag on " + r2 + " seen", Duration.ofSeconds(15), () -> {
                JsonPath i = RefactorFixture.instance(r2);
                return i.getBoolean("SecondsBehindMaster.Valid")
                        && i.getLong("SecondsBehindMaster.Int64") > RefactorTestProfile.MAX_LAG_SECONDS + 1;
            });
            assertEquals("127.0.0.1:" + r2 + ": lags too much", refused("move-up", r2, null));
            st.execute("UNLOCK TABLES");
        }
        assertEquals(before, t.masters(), "refusals changed nothing");
        for (int r : List.of(r1, r2)) {
            t.assertReplicatesFrom(r, before.get(r), true);
        }
        t.sandbox.sql(p, "DELETE FROM quorch_test.t WHERE id = 1000");
        t.rowReachesEveryServer();
    }
}
