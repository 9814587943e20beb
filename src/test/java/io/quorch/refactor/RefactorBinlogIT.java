package io.quorch.refactor;

import static io.quorch.refactor.RefactorFixture.ok;
import static io.quorch.refactor.RefactorFixture.refused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quorch.testing.Sandbox;
import io.restassured.path.json.JsonPath;

/**
 * Moves without GTID (replication by binlog file and position) on real MariaDB, as orchestrator makes them
 * without Pseudo-GTID: move-up by START SLAVE UNTIL, move-below a sibling, repoint to the same source,
 * take-siblings, take-master, make-co-master.
 */
@QuarkusTest
@TestProfile(RefactorTestProfile.class)
class RefactorBinlogIT {

    private RefactorFixture t;

    @AfterEach
    void tearDown() {
        if (t != null) {
            t.close();
            t = null;
        }
    }

    @Test
    void movesByBinlogCoordinatesOnAChain() {
        t = new RefactorFixture(Sandbox.upWithoutGtid("refactor-binlog-chain", 3, true));
        int p = t.sandbox.primaryPort();
        int r1 = p + 1;
        int r2 = p + 2;
        int r3 = p + 3;

        JsonPath up = ok("move-up", r3, null);
        assertEquals("Instance 127.0.0.1:" + r3 + " moved up", up.getString("Message"));
        assertEquals(p, up.getInt("Details.MasterKey.Port"));
        t.assertReplicatesFrom(r3, p, false);
        t.rowReachesEveryServer();

        ok("move-below", r3, r1);
        t.assertReplicatesFrom(r3, r1, false);
        t.rowReachesEveryServer();

        ok("relocate", r2, p);
        t.assertReplicatesFrom(r2, p, false);
        ok("relocate", r2, r1);
        t.assertReplicatesFrom(r2, r1, false);
        t.rowReachesEveryServer();

        assertEquals("Took 1 siblings of 127.0.0.1:" + r2, ok("take-siblings", r2, null).getString("Message"));
        t.assertReplicatesFrom(r3, r2, false);
        ok("repoint", r3, null);
        t.assertReplicatesFrom(r3, r2, false);
        t.rowReachesEveryServer();

        JsonPath took = ok("take-master", r3, null);
        assertEquals(r1, took.getInt("Details.MasterKey.Port"));
        t.assertReplicatesFrom(r3, r1, false);
        t.assertReplicatesFrom(r2, r3, false);
        t.rowReachesEveryServer();

        Map<Integer, Integer> before = t.masters();
        assertTrue(refused("repoint", r2, p).startsWith("repoint: 127.0.0.1:" + r2 + " does not replicate by GTID"));
        assertEquals("Relocating 127.0.0.1:" + r2 + " below 127.0.0.1:" + p
                + " turns to be too complex; please do it manually", refused("relocate", r2, p));
        assertEquals("relocate: 127.0.0.1:" + r2 + " is a descendant of 127.0.0.1:" + r1, refused("relocate", r1, r2));
        assertEquals(before, t.masters(), "refusals changed nothing");
        t.rowReachesEveryServer();
    }

    @Test
    void makeCoMasterAndMoveUpReplicas() {
        t = new RefactorFixture(Sandbox.upWithoutGtid("refactor-binlog-flat", 2, false));
        int p = t.sandbox.primaryPort();
        int r1 = p + 1;
        int r2 = p + 2;

        ok("move-below", r2, r1);
        t.assertReplicatesFrom(r2, r1, false);
        JsonPath moved = ok("move-up-replicas", r1, null);
        assertEquals("Moved up 1 replicas of 127.0.0.1:" + r1, moved.getString("Message"));
        t.assertReplicatesFrom(r2, p, false);
        t.rowReachesEveryServer();

        assertEquals("Instance made co-master: 127.0.0.1:" + r1, ok("make-co-master", r1, null).getString("Message"));
        t.assertReplicatesFrom(p, r1, false);
        t.assertReplicatesFrom(r1, p, false);
        t.rowReachesEveryServer();
    }
}
