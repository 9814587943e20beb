package io.quorch.recovery;

import static io.quorch.recovery.FakeTopology.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.analysis.ReplicationAnalysis;
import io.quorch.consensus.InstancesForgotten;
import io.quorch.domain.Instance;
import io.quorch.domain.TopologyRecovery;

/** What recovery remembers per server is dropped when the server is forgotten. */
class RecoveryMemoryTest {

    @TempDir
    Path dir;

    @Test
    void forgettingAServerDropsItsDetectionAndItsFencing() {
        try (RecoveryFixture f = new RecoveryFixture(dir, "q1")) {
            f.topology.primary(23306).replica(23307, 23306).replica(23308, 23306).probeAll();
            f.topology.kill(23306).probeAll();
            ReplicationAnalysis dead = f.analysis.analyzeInstance(key(23306)).get(0);
            TopologyRecovery r = f.service.onAnalysis(dead).orElseThrow();
            assertTrue(r.successful(), r.toString());
            assertEquals(1, f.service.detectedCount());

            // the replaced primary comes back writable: the guard fences it once
            FakeTopology.Server old = f.topology.server(23306);
            old.alive = true;
            old.readOnly = false;
            Instance back = f.topology.probeNow(key(23306), Duration.ofSeconds(1));
            DemotedPrimaryGuard guard = new DemotedPrimaryGuard(f.backend.recoveries, f.commands, f.backend.audit,
                    f.config);
            guard.check(back);
            assertTrue(f.topology.server(23306).readOnly);
            assertEquals(1, guard.remembered());

            InstancesForgotten forgotten = new InstancesForgotten(Set.of(key(23306)), Instant.now());
            f.service.onForgotten(forgotten);
            guard.onForgotten(forgotten);
            assertEquals(0, f.service.detectedCount());
            assertEquals(0, guard.remembered());
        }
    }

    @Test
    void everyAnalysisPassIsCountedAndForgettingClearsWhatTheTriggerRemembers() {
        try (RecoveryFixture f = new RecoveryFixture(dir, "q1")) {
            f.topology.primary(23306).replica(23307, 23306).probeAll();
            DemotedPrimaryGuard guard = new DemotedPrimaryGuard(f.backend.recoveries, f.commands, f.backend.audit,
                    f.config);
            RecoveryTrigger trigger = new RecoveryTrigger(f.analysis, f.service, f.topology, f.leadership, guard,
                    new io.quorch.domain.NodeIdentity("q1", "q1-token", "test", Instant.now().minusSeconds(60)),
                    f.executor, f.nonWriteable);
            trigger.evaluate(key(23306).toString());
            trigger.evaluate(key(23306).toString());
            assertEquals(2, trigger.passes());
            trigger.onForgotten(new InstancesForgotten(Set.of(key(23306), key(23307)), Instant.now()));
            trigger.evaluate(key(23306).toString());
            assertEquals(3, trigger.passes());
        }
    }
}
