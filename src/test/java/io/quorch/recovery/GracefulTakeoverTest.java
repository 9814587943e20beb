package io.quorch.recovery;

import static io.quorch.recovery.FakeTopology.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.consensus.ReplicatedCommand;
import io.quorch.domain.TopologyRecovery;

/** A planned switchover 23306 -> 23307 (23308 a sibling): whatever fails before the promotion, 23306 writes again. */
class GracefulTakeoverTest {

    @TempDir
    Path dir;

    private RecoveryFixture f;

    @BeforeEach
    void healthyCluster() {
        f = new RecoveryFixture(dir, "q1");
        f.topology.primary(23306).replica(23307, 23306).replica(23308, 23306).probeAll();
    }

    @AfterEach
    void close() {
        f.close();
    }

    private TopologyRecovery takeover() {
        return f.takeover.takeover(key(23306).toString(), Optional.of(key(23307)), false);
    }

    private void assertUndone(TopologyRecovery r) {
        assertTrue(r.resolved() && !r.successful(), r.toString());
        assertEquals(List.of(key(23306)), f.topology.writable(), f.topology.commands.toString());
        assertFalse(r.errors().isEmpty());
    }

    @Test
    void switchesOverToTheDesignatedReplica() {
        TopologyRecovery r = takeover();
        assertTrue(r.resolved() && r.successful(), r.toString());
        assertEquals(List.of(key(23307)), f.topology.writable());
        assertEquals(key(23307), f.topology.server(23306).master);
        assertEquals(key(23307), f.topology.server(23308).master);
    }

    @Test
    void aReplicaThatDoesNotCatchUpMakesTheOldPrimaryWritableAgain() {
        f.topology.failing = c -> c.equals("waitForGtid 23307");
        TopologyRecovery r = takeover();
        assertUndone(r);
        assertEquals("setReadOnly 23306 0", f.topology.commands.get(f.topology.commands.size() - 1));
    }

    @Test
    void aStepThatCannotBeRecordedAfterFencingMakesTheOldPrimaryWritableAgain() {
        f.refusing = c -> c instanceof ReplicatedCommand.WriteRecoveryStep s
                && s.step().message().startsWith("set read_only=1");
        assertUndone(takeover());
    }

    @Test
    void aFailedPromotionMakesTheOldPrimaryWritableAgainAndTheReplicaFollowItAgain() {
        f.topology.failing = c -> c.equals("setReadOnly 23307 0");
        TopologyRecovery r = takeover();
        assertUndone(r);
        assertEquals(key(23306), f.topology.server(23307).master);
        assertTrue(f.topology.server(23307).io, "23307 replicates again");
    }

    @Test
    void aFailureAfterThePromotionKeepsTheNewPrimaryAndTheOldOneReadOnly() {
        f.topology.failing = c -> c.equals("changeMaster 23306 23307");
        TopologyRecovery r = takeover();
        assertTrue(r.resolved() && r.successful(), r.toString());
        assertEquals(List.of(key(23307)), f.topology.writable());
        assertTrue(f.topology.server(23306).readOnly);
    }

    @Test
    void aFailingPreHookChangesNothing() {
        f.config.preGraceful = List.of("exit 2");
        TopologyRecovery r = takeover();
        assertTrue(r.resolved() && !r.successful());
        assertTrue(f.topology.commands.stream().noneMatch(c -> c.startsWith("setReadOnly")));
    }
}
