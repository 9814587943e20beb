package io.quorch.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.app.StartupFailure;
import io.quorch.testing.Await;
import io.quorch.testing.RaftCluster;

/**
 * A real 3-node group in which one follower's backend refuses a write on purpose: that node stops
 * applying (no snapshot past the entry it could not apply) and exits; the others go on; once its
 * backend works again it restarts and catches up, with nothing lost or skipped.
 */
class ApplyFailureIT {

    private static final Duration START = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private void sql(int node, String statement) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("node" + node + "/quorch.db"))) {
            c.createStatement().execute("PRAGMA busy_timeout = 10000");
            c.createStatement().execute(statement);
        }
    }

    private int candidates(int node) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("node" + node + "/quorch.db"));
                var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM candidate_database_instance")) {
            rs.next();
            return rs.getInt(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends an intent until it is applied: a leader on a busy machine may lose its lease for a
     * moment and answer 503 (nothing applied), which is not what this test is about.
     */
    private static void submit(RaftCluster c, int node, String path) {
        Await.until(path + " applied", Duration.ofSeconds(20), () -> {
            var r = c.get(node, path);
            if (r.statusCode() != 200 && r.statusCode() != 503) {
                throw new AssertionError(r.statusCode() + " " + r.body());
            }
            return r.statusCode() == 200;
        });
    }

    /** Log indexes of the snapshots a node has taken. */
    private List<Long> snapshots(int node) throws Exception {
        try (var files = Files.walk(dir.resolve("node" + node + "/raft"))) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.matches("snapshot\\.\\d+_\\d+"))
                    .map(f -> Long.parseLong(f.substring(f.indexOf('_') + 1))).toList();
        }
    }

    @Test
    void aNodeThatCannotApplyAnEntryStopsThereAndCatchesUpOnceItsBackendWorks() throws Exception {
        try (RaftCluster c = RaftCluster.start(dir, 3, "")) {
            int leader = c.awaitSingleLeader(START);
            int victim = (leader + 1) % 3;
            int other = 3 - leader - victim;
            for (int i = 0; i < 3; i++) {
                int n = i;
                Await.until("raft-health on node " + n, Duration.ofSeconds(20),
                        () -> c.local(n, "/api/raft-health").statusCode() == 200);
            }
            submit(c, victim, "/api/register-candidate/db-a.example/3306/prefer");
            Await.until("the first rule on the victim", Duration.ofSeconds(10), () -> candidates(victim) == 1);

            // the victim's backend now refuses one row: a real failure, not a transient one
            sql(victim, "CREATE TRIGGER refuse BEFORE INSERT ON candidate_database_instance"
                    + " WHEN NEW.hostname = 'poisoned.example' BEGIN SELECT RAISE(ABORT, 'refused on purpose'); END");
            submit(c, leader, "/api/register-candidate/poisoned.example/3306/prefer");
            var snapshot = c.local(leader, "/api/raft-snapshot");
            assertEquals(200, snapshot.statusCode(), snapshot.body());
            long leaderIndex = Long.parseLong(snapshot.body().replaceAll(".*\"Details\":(\\d+).*", "$1"));

            assertEquals(StartupFailure.EXIT_RAFT, c.node(victim).awaitExit(Duration.ofSeconds(30)));
            String out = c.output(victim);
            assertTrue(out.contains("cannot apply raft log entry") && out.contains("refused on purpose"), out);
            assertEquals(1, candidates(victim), "the victim applied nothing past the failed entry");
            for (long index : snapshots(victim)) {
                assertTrue(index < leaderIndex, "snapshot at " + index + " on the victim, the failed entry is at or"
                        + " before " + leaderIndex);
            }

            // the group goes on without it
            submit(c, other, "/api/register-candidate/db-c.example/3306/prefer");
            for (int n : List.of(leader, other)) {
                Await.until("three rules on node " + n, Duration.ofSeconds(10), () -> candidates(n) == 3);
                assertEquals(200, c.local(n, "/api/raft-health").statusCode());
            }

            // its backend works again: it restarts, applies the entry it stopped at and everything after
            sql(victim, "DROP TRIGGER refuse");
            c.start(victim);
            Await.until("the victim catches up", START, () -> candidates(victim) == 3);
            Await.until("the victim is healthy", Duration.ofSeconds(30),
                    () -> c.local(victim, "/api/raft-health").statusCode() == 200);
        }
    }
}
