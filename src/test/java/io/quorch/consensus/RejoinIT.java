package io.quorch.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.testing.Await;
import io.quorch.testing.RaftCluster;

/**
 * A member lost for good is replaced under the same name with empty raft storage and an empty
 * backend: it must get everything committed before it came, from the leader's log or, once the
 * leader purged it, from the leader's snapshot.
 */
class RejoinIT {

    private static final Duration START = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void aMemberReplacedWithEmptyStorageReceivesTheEarlierLog() throws Exception {
        replaceAFollower(false);
    }

    @Test
    void aMemberReplacedWithEmptyStorageReceivesTheLeadersSnapshot() throws Exception {
        replaceAFollower(true);
    }

    private void replaceAFollower(boolean purged) throws Exception {
        // small segments and threshold so that a snapshot lets the leader purge the log the new member needs
        String extra = purged ? "\"RaftLogSegmentSizeKiB\": 16, \"RaftSnapshotThreshold\": 40" : "";
        int written = purged ? 200 : 20;
        try (RaftCluster c = RaftCluster.start(dir, 3, extra)) {
            int leader = c.awaitSingleLeader(START);
            for (int i = 0; i < 3; i++) {
                int n = i;
                Await.until("raft-health on node " + n, Duration.ofSeconds(20),
                        () -> c.local(n, "/api/raft-health").statusCode() == 200);
            }
            int replaced = (leader + 1) % 3;
            var disabled = c.get(leader, "/api/disable-global-recoveries");
            assertEquals(200, disabled.statusCode(), disabled.body());
            for (int n = 0; n < written; n++) {
                var r = c.get(leader, "/api/register-candidate/db-" + n + ".example/3306/prefer");
                assertEquals(200, r.statusCode(), r.body());
            }
            Await.until("the follower applied everything before it is lost", Duration.ofSeconds(20),
                    () -> RaftIT.recoveries(c, replaced).contains("\"Details\":\"disabled\"")
                            && rules(c, replaced) == written);
            if (purged) {
                var snap = c.get(leader, "/api/raft-snapshot");
                assertEquals(200, snap.statusCode(), snap.body());
            }

            c.kill(replaced);
            c.wipe(replaced);
            c.start(replaced);

            Await.until("the replaced member has the earlier state", START,
                    () -> RaftIT.recoveries(c, replaced).contains("\"Details\":\"disabled\"")
                            && rules(c, replaced) == written);
            if (purged) {
                assertTrue(c.output(replaced).contains("restored replicated state from snapshot"), c.output(replaced));
            }
            // the replaced member may have had the leader step down: ask who leads now
            int now = c.awaitSingleLeader(Duration.ofSeconds(20));
            Await.until("the replaced member is a healthy follower that knows the leader's URI", Duration.ofSeconds(20),
                    () -> {
                        String status = c.local(replaced, "/api/raft-status").body();
                        return status.contains("\"Healthy\":true")
                                && status.contains("\"LeaderURI\":\"" + c.url(now) + "\"");
                    });
            assertEquals(200, c.local(replaced, "/api/raft-health").statusCode());

            var enabled = c.get(replaced, "/api/enable-global-recoveries");
            assertEquals(200, enabled.statusCode(), enabled.body());
            Await.until("a new command reaches the replaced member", Duration.ofSeconds(10),
                    () -> RaftIT.recoveries(c, replaced).contains("\"Details\":\"enabled\""));
        }
    }

    /** Promotion rules in node i's own backend. */
    private int rules(RaftCluster c, int i) {
        try {
            return RaftIT.count(c, dir, i, "candidate_database_instance");
        } catch (Exception e) {
            return -1;
        }
    }
}
