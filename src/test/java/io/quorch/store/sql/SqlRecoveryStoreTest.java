package io.quorch.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.consensus.ReplicatedCommand;
import io.quorch.domain.FailureDetection;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.RecoveryType;
import io.quorch.domain.TopologyRecovery;
import io.quorch.testing.TestBackend;

/** Ids of detections and recoveries are assigned while applying: the same on every node, replays change nothing. */
class SqlRecoveryStoreTest {

    private static final Instant AT = Instant.parse("2026-12-01T12:00:00Z");
    private static final InstanceKey K = new InstanceKey("db1", 3306);

    @TempDir
    Path one;

    @TempDir
    Path two;

    private static List<ReplicatedCommand> log() {
        // two leaders' worth of commands that both carry id 0 (and one a stale id): the store numbers them
        return List.of(
                new ReplicatedCommand.RegisterFailureDetection(detection("t1")),
                new ReplicatedCommand.RegisterFailureDetection(detection("t2")),
                new ReplicatedCommand.WriteRecovery(recovery(0, "u-1", RecoveryType.MANUAL)),
                new ReplicatedCommand.WriteRecovery(recovery(1, "u-2", RecoveryType.GRACEFUL)),
                new ReplicatedCommand.RegisterFailureDetection(detection("t1")),
                new ReplicatedCommand.WriteRecovery(recovery(0, "u-1", RecoveryType.MANUAL)));
    }

    private static FailureDetection detection(String token) {
        return new FailureDetection(0, K, "DeadMaster", "db1:3306", "main", 2, true, "q-" + token, token, AT, "{}");
    }

    private static TopologyRecovery recovery(long id, String uid, RecoveryType type) {
        return new TopologyRecovery(id, uid, K, "DeadMaster", "db1:3306", "main", "q1", "t1", AT, null, null, false,
                List.of(), List.of(), List.of(), false, null, "", "", 1, "{}", type);
    }

    @Test
    void everyNodeNumbersTheSameLogAlikeAndAReplayChangesNothing() {
        try (TestBackend a = TestBackend.sqlite(one); TestBackend b = TestBackend.sqlite(two)) {
            for (TestBackend n : List.of(a, b)) {
                var applier = n.applier();
                log().forEach(applier::apply);
                SqlRecoveryStore store = n.recoveries();
                assertEquals(List.of(2L, 1L), store.detections(10).stream().map(FailureDetection::id).toList());
                assertEquals(Optional.of(1L), store.detectionId(detection("t1")));
                assertEquals(Optional.of(2L), store.detectionId(detection("t2")));
                assertEquals(1L, store.recoveryByUid("u-1").orElseThrow().id());
                assertEquals(2L, store.recoveryByUid("u-2").orElseThrow().id());
                assertEquals(RecoveryType.GRACEFUL, store.recovery(2).orElseThrow().type());
                assertEquals(2, store.recoveries(Optional.empty(), false, 10).size());
            }
        }
    }
}
