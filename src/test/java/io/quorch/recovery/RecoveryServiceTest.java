package io.quorch.recovery;

import static io.quorch.recovery.FakeTopology.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.consensus.ReplicatedCommand;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.TopologyRecovery;

/**
 * A dead primary with three replicas, recovered by the real pipeline over an in-memory topology; a
 * failure at each stage still ends with the recovery resolved and the right hooks run.
 */
class RecoveryServiceTest {

    @TempDir
    Path dir;

    private RecoveryFixture f;

    @BeforeEach
    void deadPrimary() {
        f = new RecoveryFixture(dir, "q1");
        f.topology.primary(23306).replica(23307, 23306).replica(23308, 23306).replica(23309, 23306).probeAll();
        f.topology.kill(23306).probeAll();
        f.config.postFailover = List.of("echo post-failover");
        f.config.postMasterFailover = List.of("echo post-master-failover");
        f.config.postUnsuccessful = List.of("echo post-unsuccessful");
    }

    @AfterEach
    void close() {
        f.close();
    }

    private TopologyRecovery recover() {
        return f.service.recoverManually(key(23306));
    }

    private void assertSuccessHooksRan(TopologyRecovery r) {
        List<String> steps = f.steps(r);
        assertTrue(steps.stream().anyMatch(s -> s.startsWith("PostMasterFailoverProcesses: exit 0")), steps.toString());
        assertTrue(steps.stream().anyMatch(s -> s.startsWith("PostFailoverProcesses: exit 0")), steps.toString());
        assertFalse(steps.stream().anyMatch(s -> s.startsWith("PostUnsuccessfulFailoverProcesses")), steps.toString());
    }

    private void assertFailureHooksRan(TopologyRecovery r) {
        List<String> steps = f.steps(r);
        assertTrue(steps.stream().anyMatch(s -> s.startsWith("PostUnsuccessfulFailoverProcesses: exit 0")),
                steps.toString());
        assertFalse(steps.stream().anyMatch(s -> s.startsWith("PostFailoverProcesses")), steps.toString());
    }

    @Test
    void hookOutputNoNodeCouldStoreIsCleanedNotAllowedToStopTheRecovery() {
        // a NUL byte and a huge output: as written, the step would be refused by the raft log's checks
        f.config.postFailover = List.of("printf 'a\\000b'; head -c 300000 /dev/zero | tr '\\0' x");
        TopologyRecovery r = recover();
        assertTrue(r.resolved() && r.successful(), r.toString());
        List<String> steps = f.steps(r);
        String hook = steps.stream().filter(s -> s.startsWith("PostFailoverProcesses: exit 0")).findFirst()
                .orElseThrow(() -> new AssertionError(steps.toString()));
        assertFalse(hook.contains("\0"), "no NUL in a stored step");
        assertTrue(hook.length() <= RecoveryContext.STEP_CHARS + 10, "cut to a storable length: " + hook.length());
        assertTrue(hook.contains("a?b"), hook.substring(0, 120));
    }

    @Test
    void promotesExactlyOneReplicaAndMovesTheOthersUnderIt() {
        TopologyRecovery r = recover();
        assertTrue(r.resolved() && r.successful(), r.toString());
        assertEquals(List.of(r.successor()), f.topology.writable());
        for (int port : new int[] { 23307, 23308, 23309 }) {
            if (!key(port).equals(r.successor())) {
                assertEquals(r.successor(), f.topology.server(port).master, port + " follows the successor");
            }
        }
        List<String> steps = f.steps(r);
        assertTrue(steps.stream().anyMatch(s -> s.startsWith("@PROMOTING " + r.successor() + ": ")), steps.toString());
        assertTrue(steps.stream().anyMatch(s -> s.startsWith("@PROMOTED " + r.successor() + ": ")), steps.toString());
        assertEquals(2, steps.stream().filter(s -> s.startsWith("@REPOINTED ")).count(), steps.toString());
        assertSuccessHooksRan(r);
        assertTrue(r.id() > 0);
        assertEquals(r.lastDetectionId(), f.backend.recoveries.detections(10).get(0).id());
    }

    @Test
    void aFailingPreFailoverHookEndsResolvedAsFailedWithTheUnsuccessfulHooks() {
        f.config.preFailover = List.of("exit 3");
        TopologyRecovery r = recover();
        assertTrue(r.resolved() && !r.successful(), r.toString());
        assertTrue(f.topology.writable().isEmpty());
        assertTrue(r.errors().contains("PreFailoverProcesses failed: recovery aborted"), r.errors().toString());
        assertFailureHooksRan(r);
    }

    @Test
    void aFailingPromotionEndsResolvedAsFailed() {
        f.topology.failing = c -> c.startsWith("resetReplicaAll");
        TopologyRecovery r = recover();
        assertTrue(r.resolved() && !r.successful(), r.toString());
        assertTrue(f.topology.writable().isEmpty());
        assertTrue(r.errors().stream().anyMatch(e -> e.startsWith("promoting ")), r.errors().toString());
        assertFailureHooksRan(r);
    }

    @Test
    void aStepThatCannotBeRecordedBeforeThePromotionStopsItAndEndsResolvedAsFailed() {
        f.refusing = c -> c instanceof ReplicatedCommand.WriteRecoveryStep s && s.step().message().startsWith("@PROMOTING");
        TopologyRecovery r = recover();
        assertTrue(r.resolved() && !r.successful(), r.toString());
        assertFalse(f.topology.commands.stream().anyMatch(c -> c.startsWith("resetReplicaAll")), "nothing promoted");
        assertTrue(r.errors().stream().anyMatch(e -> e.startsWith("recovery stopped: refused")), r.errors().toString());
        assertFailureHooksRan(r);
    }

    @Test
    void aStepThatCannotBeRecordedAfterThePromotionEndsResolvedWithTheSuccessorAndTheSuccessHooks() {
        f.refusing = c -> c instanceof ReplicatedCommand.WriteRecoveryStep s && s.step().message().startsWith("@PROMOTED");
        TopologyRecovery r = recover();
        assertTrue(r.resolved() && r.successful(), r.toString());
        assertEquals(List.of(r.successor()), f.topology.writable());
        assertFalse(r.errors().isEmpty());
        assertSuccessHooksRan(r);
    }

    @Test
    void aReplicaThatCannotBeRepointedIsLostAndTheRecoverySucceeds() {
        f.topology.failing = c -> c.equals("changeMaster 23309 23307") || c.equals("changeMaster 23309 23308");
        TopologyRecovery r = recover();
        assertTrue(r.resolved() && r.successful(), r.toString());
        if (!r.successor().equals(key(23309))) {
            assertTrue(r.lostReplicas().contains(key(23309)), r.lostReplicas().toString());
        }
        assertSuccessHooksRan(r);
    }

    @Test
    void aFailingOrUnrecordablePostHookLeavesTheRecoveryResolved() {
        f.config.postFailover = List.of("exit 1");
        f.refusing = c -> c instanceof ReplicatedCommand.WriteRecoveryStep s
                && s.step().message().startsWith("PostMasterFailoverProcesses");
        TopologyRecovery r = recover();
        assertTrue(r.resolved() && r.successful(), r.toString());
        assertTrue(f.steps(r).stream().anyMatch(s -> s.startsWith("PostFailoverProcesses: exit 1")));
    }

    @Test
    void aNodeThatStopsLeadingChangesNothingMoreAndLeavesTheRecoveryToTheNextLeader() {
        f.topology.after = c -> {
            if (c.startsWith("setReadOnly") && c.endsWith(" 0")) {
                f.leadership.leader = false;
            }
        };
        TopologyRecovery r = recover();
        assertFalse(r.resolved(), "the resolution is refused: the next leader resolves it");
        InstanceKey successor = f.topology.writable().get(0);
        assertEquals(1, f.topology.writable().size());
        int promotedAt = f.topology.commands.indexOf("setReadOnly " + successor.port() + " 0");
        assertEquals(promotedAt, f.topology.commands.size() - 1, "no change after leadership was lost: "
                + f.topology.commands);
    }
}
