package io.quorch.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** scripts/sandbox gives real, replicating MariaDB topologies and cleans them up. */
class SandboxIT {

    @Test
    void primaryAndThreeReplicasReplicateAWriteOverGtidAndSurviveAKill() {
        try (Sandbox s = Sandbox.up("sandbox-it", 3, false)) {
            s.sql(s.primaryPort(), "CREATE DATABASE IF NOT EXISTS quorch_test");
            s.sql(s.primaryPort(), "CREATE TABLE quorch_test.t (id INT PRIMARY KEY)");
            s.sql(s.primaryPort(), "INSERT INTO quorch_test.t VALUES (1), (2)");
            for (int replica : s.replicaPorts()) {
                awaitRows(s, replica, "2");
                assertTrue(s.sql(replica, "SHOW SLAVE STATUS\\G").contains("Using_Gtid: Slave_Pos"));
                assertEquals("1", s.sql(replica, "SELECT @@global.read_only"));
            }
            int victim = s.replicaPorts().get(0);
            long pid = s.pid(victim);
            s.kill(victim);
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                    && ProcessHandle.of(pid).flatMap(h -> h.info().command()).isPresent(), "killed");
            s.sql(s.primaryPort(), "INSERT INTO quorch_test.t VALUES (3)");
            s.start(victim);
            awaitRows(s, victim, "3");
        }
    }

    @Test
    void chainPutsAnIntermediateMasterBetween() {
        try (Sandbox s = Sandbox.up("sandbox-chain", 3, true)) {
            int intermediate = s.primaryPort() + 1;
            assertTrue(s.sql(intermediate, "SHOW SLAVE STATUS\\G").contains("Master_Port: " + s.primaryPort()));
            assertTrue(s.sql(s.primaryPort() + 2, "SHOW SLAVE STATUS\\G").contains("Master_Port: " + intermediate));
            assertTrue(s.sql(s.primaryPort() + 3, "SHOW SLAVE STATUS\\G").contains("Master_Port: " + intermediate));
        }
    }

    @Test
    void downRemovesEverything() {
        Sandbox s = Sandbox.up("sandbox-down", 1, false);
        long pid = s.pid(s.primaryPort());
        s.close();
        assertFalse(Files.exists(s.dir()));
        assertFalse(ProcessHandle.of(pid).flatMap(h -> h.info().command()).isPresent(), "mariadbd gone");
    }

    /** Waits until the replica has applied the writes; fails naming the count it last had. */
    static void awaitRows(Sandbox s, int port, String count) {
        Await.until("port " + port + " to have " + count + " rows", Duration.ofSeconds(10), () -> {
            String rows = s.sql(port, "SELECT COUNT(*) FROM quorch_test.t");
            if (!rows.equals(count)) {
                throw new AssertionError("it has " + rows);
            }
            return true;
        });
    }
}
