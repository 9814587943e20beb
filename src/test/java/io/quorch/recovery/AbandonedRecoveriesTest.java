package io.quorch.recovery;

import static io.quorch.recovery.FakeTopology.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.domain.InstanceKey;
import io.quorch.domain.TopologyRecovery;

/**
 * A leader stops leading in the middle of replacing a dead primary; the next leader reads what it
 * recorded, looks at the servers, and finishes (or refuses to) without a second promotion.
 */
class AbandonedRecoveriesTest {

    @TempDir
    Path dir;

    private RecoveryFixture f;

    @BeforeEach
    void deadPrimary() {
        f = new RecoveryFixture(dir, "q1");
        f.topology.primary(23306).replica(23307, 23306).replica(23308, 23306).replica(23309, 23306).probeAll();
        f.topology.kill(23306).probeAll();
        f.config.postFailover = List.of("echo post-failover");
        f.config.postUnsuccessful = List.of("echo post-unsuccessful");
    }

    @AfterEach
    void close() {
        f.close();
    }

    /** Runs a recovery on q1 that stops leading right after the command that matches. */
    private TopologyRecovery abandonAfter(Predicate<String> command) {
        f.topology.after = c -> {
            if (command.test(c)) {
                f.leadership.leader = false;
            }
        };
        TopologyRecovery r = f.service.recoverManually(key(23306));
        assertFalse(r.resolved());
        f.topology.after = c -> {
        };
        f.leadership.leader = true;
        return r;
    }

    private TopologyRecovery reread(TopologyRecovery r) {
        return f.backend.recoveries.recoveryByUid(r.uid()).orElseThrow();
    }

    @Test
    void theNextLeaderFinishesAfterThePromotionUnderTheSamePrimary() {
        TopologyRecovery r = abandonAfter(c -> c.startsWith("setReadOnly") && c.endsWith(" 0"));
        InstanceKey promoted = f.topology.writable().get(0);
        assertEquals(1, f.abandonedAs("q2").finishAll());

        TopologyRecovery done = reread(r);
        assertTrue(done.resolved() && done.successful(), done.toString());
        assertEquals(promoted, done.successor());
        assertEquals(List.of(promoted), f.topology.writable(), "exactly one primary: " + f.topology.commands);
        for (int port : new int[] { 23307, 23308, 23309 }) {
            if (!key(port).equals(promoted)) {
                assertEquals(promoted, f.topology.server(port).master, port + " follows " + promoted);
            }
        }
        assertEquals(1, f.topology.commands.stream().filter(c -> c.startsWith("resetReplicaAll")).count(),
                f.topology.commands.toString());
        assertTrue(f.audits().stream().anyMatch(a -> a.startsWith("recovery-resumed")), f.audits().toString());
        assertTrue(f.steps(done).stream().anyMatch(s -> s.startsWith("PostFailoverProcesses: exit 0")));
    }

    @Test
    void aPromotionBegunButNotDoneIsCompletedOnTheSameReplica() {
        TopologyRecovery r = abandonAfter(c -> c.startsWith("resetReplicaAll"));
        InstanceKey chosen = f.topology.commands.stream().filter(c -> c.startsWith("resetReplicaAll"))
                .map(c -> key(Integer.parseInt(c.split(" ")[1]))).findFirst().orElseThrow();
        f.abandonedAs("q2").finishAll();
        TopologyRecovery done = reread(r);
        assertTrue(done.successful(), done.toString());
        assertEquals(List.of(chosen), f.topology.writable());
    }

    @Test
    void anUnreachableSuccessorIsNeverReplacedByASecondPromotion() {
        TopologyRecovery r = abandonAfter(c -> c.startsWith("setReadOnly") && c.endsWith(" 0"));
        InstanceKey promoted = f.topology.writable().get(0);
        f.topology.kill(promoted.port());
        f.abandonedAs("q2").finishAll();

        TopologyRecovery done = reread(r);
        assertTrue(done.resolved() && !done.successful(), done.toString());
        assertFalse(done.acknowledged(), "it keeps blocking automated recovery of the cluster");
        assertEquals(1, f.topology.commands.stream().filter(c -> c.startsWith("resetReplicaAll")).count());
        assertTrue(f.audits().stream().anyMatch(a -> a.startsWith("recovery-abandoned-unsafe")), f.audits().toString());
        assertTrue(f.steps(done).stream().anyMatch(s -> s.startsWith("PostUnsuccessfulFailoverProcesses: exit 0")));
    }

    @Test
    void anotherWritableReplicaStopsTheFinishWithoutTouchingAnything() {
        TopologyRecovery r = abandonAfter(c -> c.startsWith("setReadOnly") && c.endsWith(" 0"));
        InstanceKey promoted = f.topology.writable().get(0);
        FakeTopology.Server other = List.of(23307, 23308, 23309).stream().map(f.topology::server)
                .filter(s -> !s.key.equals(promoted)).findFirst().orElseThrow();
        other.master = null;
        other.readOnly = false;
        int before = f.topology.commands.size();
        f.abandonedAs("q2").finishAll();

        TopologyRecovery done = reread(r);
        assertTrue(done.resolved() && !done.successful(), done.toString());
        assertEquals(before, f.topology.commands.size(), "no change: " + f.topology.commands.subList(before,
                f.topology.commands.size()));
        assertTrue(done.errors().stream().anyMatch(e -> e.contains("takes writes as well")), done.errors().toString());
    }

    @Test
    void aGracefulTakeoverAbandonedBeforeItsPromotionLeavesTheOldPrimaryWritable() {
        try (RecoveryFixture g = new RecoveryFixture(dir.resolve("graceful"), "q1")) {
            g.topology.primary(23306).replica(23307, 23306).replica(23308, 23306).probeAll();
            g.topology.after = c -> {
                if (c.equals("setReadOnly 23306 1")) {
                    g.leadership.leader = false;
                }
            };
            TopologyRecovery r = g.takeover.takeover(key(23306).toString(), java.util.Optional.of(key(23307)), false);
            assertFalse(r.resolved());
            assertTrue(g.topology.writable().isEmpty(), "the old primary is fenced and nobody writes");
            g.topology.after = c -> {
            };
            g.leadership.leader = true;
            g.abandonedAs("q2").finishAll();
            assertEquals(List.of(key(23306)), g.topology.writable());
            TopologyRecovery done = g.backend.recoveries.recoveryByUid(r.uid()).orElseThrow();
            assertTrue(done.resolved() && !done.successful() && done.acknowledged(), done.toString());
        }
    }

    @Test
    void aRecoveryAbandonedBeforeAnyPromotionIsClosedAndRecoveredAfresh() {
        TopologyRecovery r = abandonAfter(c -> c.startsWith("stopIoThread"));
        f.abandonedAs("q2").finishAll();
        TopologyRecovery done = reread(r);
        assertTrue(done.resolved() && !done.successful() && done.acknowledged(), done.toString());
        assertTrue(f.topology.writable().isEmpty());

        TopologyRecovery again = f.service.recoverManually(key(23306));
        assertTrue(again.successful(), again.toString());
        assertEquals(1, f.topology.writable().size());
        assertTrue(again.id() > r.id());
    }
}
