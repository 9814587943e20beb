package io.quorch.consensus.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.consensus.CommandApplier;
import io.quorch.consensus.LeadershipContext;
import io.quorch.consensus.ReplicatedCommand;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.NodeIdentity;
import io.quorch.testing.TestBackend;

/** Single-node mode over a real SQLite backend: the node is its whole group and applies each command here. */
class LocalConsensusTest {

    private static final NodeIdentity NODE = new NodeIdentity("node1", "t1", "1.0", Instant.EPOCH);
    private static final Instant AT = Instant.parse("2026-11-26T12:00:00Z");

    @TempDir
    Path dir;
    private TestBackend backend;
    private LocalConsensus consensus;

    @BeforeEach
    void open() {
        backend = TestBackend.sqlite(dir);
        consensus = new LocalConsensus(backend.applier(), NODE, "http://node1:3000");
        consensus.start(e -> {
            throw e;
        });
    }

    @AfterEach
    void close() {
        consensus.close();
        backend.close();
    }

    @Test
    void aSubmittedCommandIsAppliedBeforeSubmitReturns() {
        InstanceKey key = new InstanceKey("db1", 3306);
        consensus.bus().submit(new ReplicatedCommand.BeginDowntime(key, "ops", "maintenance", AT.plusSeconds(600),
                AT));
        assertEquals("maintenance", backend.downtimes().active(key, AT.plusSeconds(1)).orElseThrow().reason());
        consensus.bus().submit(new ReplicatedCommand.EndDowntime(key, AT.plusSeconds(2)));
        assertTrue(backend.downtimes().active(key, AT.plusSeconds(3)).isEmpty());
    }

    @Test
    void theNodeAlwaysLeadsAGroupOfOne() {
        LeadershipContext l = consensus.leadership();
        assertTrue(l.isLeader());
        assertTrue(l.healthy());
        assertEquals("Leader", l.state());
        assertEquals("node1", l.leader());
        assertEquals(Optional.of("http://node1:3000"), l.leaderUri());
        assertEquals(List.of(), l.peers());
        assertEquals("", l.self());
        assertEquals(List.of("node1"), l.healthyMembers());
        assertFalse(l.yieldTo(Optional.empty()), "there is no one to hand leadership to");
        assertFalse(l.yieldTo(Optional.of("other:10008")));
        assertEquals(0, l.snapshot());
        assertSame(l, consensus.leadership());
    }

    @Test
    void aFailingApplyReachesTheCallerAndTheNextCommandStillApplies() {
        List<ReplicatedCommand> applied = new ArrayList<>();
        CommandApplier applier = new CommandApplier(null, null, null, null, null, null, null, null, f -> {
        }) {
            @Override
            public void apply(ReplicatedCommand command) {
                if (command instanceof ReplicatedCommand.SetGlobalRecoveries) {
                    throw new IllegalStateException("backend lost");
                }
                applied.add(command);
            }
        };
        LocalCommandBus bus = new LocalCommandBus(applier);
        var e = assertThrows(IllegalStateException.class,
                () -> bus.submit(new ReplicatedCommand.SetGlobalRecoveries(true, AT)));
        assertEquals("backend lost", e.getMessage());
        ReplicatedCommand next = new ReplicatedCommand.ForgetCluster("c1", AT);
        bus.submit(next);
        assertEquals(List.of(next), applied);
    }

    @Test
    void commandsFromManyThreadsApplyOneAtATime() throws Exception {
        int[] running = {0};
        int[] most = {0};
        List<ReplicatedCommand> applied = new ArrayList<>();
        CommandApplier applier = new CommandApplier(null, null, null, null, null, null, null, null, f -> {
        }) {
            @Override
            public void apply(ReplicatedCommand command) {
                running[0]++;
                most[0] = Math.max(most[0], running[0]);
                Thread.onSpinWait();
                applied.add(command);
                running[0]--;
            }
        };
        LocalCommandBus bus = new LocalCommandBus(applier);
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < 200; i++) {
                        bus.submit(new ReplicatedCommand.ForgetCluster("c" + thread + "-" + i, AT));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        }
        assertEquals(1600, applied.size());
        assertEquals(1, most[0]);
    }
}
