package io.quorch.analysis;

import static io.quorch.topology.TopologyTestData.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.config.Reloadable;
import io.quorch.config.ReloadableSettings;
import io.quorch.domain.Downtime;
import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.testing.TestBackend;

/**
 * The analysis served from memory: only the clusters that changed are analysed again, and what
 * changed is seen by the next answer (a probe recorded, a downtime begun, a cluster forgotten).
 */
class AnalysisCacheTest {

    static final String A = "127.0.0.1:23306";
    static final String B = "127.0.0.1:33306";

    @TempDir
    Path dir;
    TestBackend backend;
    FleetMemory fleet;
    AnalysisCache cache;

    @BeforeEach
    void twoClusters() {
        backend = TestBackend.sqlite(dir);
        // two clusters of a primary and a replica that would lose it were it gone
        write(23306, null);
        write(23307, 23306);
        write(33306, null);
        write(33307, 33306);
        fleet = new FleetMemory(backend.instances());
        cache = new AnalysisCache(fleet, backend.downtimes(), new ReloadableSettings(Reloadable.DEFAULTS));
    }

    @AfterEach
    void close() {
        backend.close();
    }

    private void write(int port, Integer master) {
        Instance i = AnalyzerTest.server(port,
                master == null ? null : AnalyzerTest.status(master, "Connecting", true, 2003), true, master != null,
                "0-" + port + "-10");
        fleet(backend.instances().writeProbe(i.key(), i.state(), NOW));
    }

    private void fleet(Instance written) {
        if (fleet != null) {
            fleet.record(written);
        }
    }

    private static InstanceKey key(int port) {
        return new InstanceKey("127.0.0.1", port);
    }

    private List<AnalysisCode> codes(String cluster) {
        return cache.cluster(cluster).stream().map(ReplicationAnalysis::code).toList();
    }

    @Test
    void aProbeInOneClusterAnalysesOnlyThatClusterAgain() {
        assertFalse(codes(A).contains(AnalysisCode.DeadMaster));
        assertEquals(2, cache.analysed());
        cache.all();
        assertEquals(2, cache.analysed(), "nothing changed, nothing analysed");

        // the primary of A stops answering: the failed probe is recorded
        fleet.record(backend.instances().writeFailure(key(23306), NOW.plusSeconds(1), "down").orElseThrow());
        assertEquals(List.of(AnalysisCode.DeadMaster), codes(A));
        assertEquals(3, cache.analysed(), "A alone is analysed again");
        assertFalse(codes(B).contains(AnalysisCode.DeadMaster));
        assertEquals(List.of(A, B), fleet.clusterNames());
    }

    @Test
    void aDowntimeIsSeenByTheNextAnswerAndAnalysesOnlyItsCluster() {
        cache.all();
        long before = cache.analysed();
        Instant now = Instant.now();
        backend.downtimes().begin(new Downtime(key(33306), "dba", "maintenance", now.minusSeconds(1),
                now.plusSeconds(3600)));
        fleet.record(backend.instances().writeFailure(key(33306), NOW.plusSeconds(1), "down").orElseThrow());
        ReplicationAnalysis dead = cache.cluster(B).stream().filter(a -> a.key().equals(key(33306))).findFirst()
                .orElseThrow();
        assertTrue(dead.facts().downtimed());
        assertEquals(before + 1, cache.analysed());

        backend.downtimes().end(key(33306));
        assertFalse(cache.cluster(B).stream().anyMatch(a -> a.facts().downtimed()), "the end is seen at once too");
        assertEquals(before + 2, cache.analysed(), "B alone, again");
    }

    @Test
    void aForgottenClusterLeavesTheAnswer() {
        fleet.record(backend.instances().writeFailure(key(33306), NOW.plusSeconds(1), "down").orElseThrow());
        assertTrue(cache.all().stream().anyMatch(a -> a.clusterName().equals(B)));
        backend.instances().forgetCluster(B);
        fleet.forget(Set.of(key(33306), key(33307)));
        assertTrue(cache.all().stream().noneMatch(a -> a.clusterName().equals(B)));
        assertEquals(List.of(), cache.cluster(B));
        assertEquals(List.of(A), fleet.clusterNames());
    }

    @Test
    void aReconcileTakesWhatTheBackendGotWithoutAnEventAndDropsWhatItLost() {
        cache.all();
        // written without an event: the picture does not know yet
        backend.instances().writeFailure(key(23306), NOW.plusSeconds(1), "down");
        backend.instances().forget(key(33307));
        assertFalse(codes(A).contains(AnalysisCode.DeadMaster));
        fleet.reconcile();
        assertEquals(List.of(AnalysisCode.DeadMaster), codes(A));
        assertEquals(List.of(key(33306)), fleet.cluster(B).stream().map(Instance::key).toList());
    }

    @Test
    void anOlderRecordThanTheOneHeldIsIgnored() {
        Instance failed = backend.instances().writeFailure(key(23306), NOW.plusSeconds(5), "down").orElseThrow();
        fleet.record(failed);
        Instance older = AnalyzerTest.server(23306, null, true, false, "0-23306-10");
        fleet.record(older);
        assertFalse(fleet.read(key(23306)).orElseThrow().lastCheckValid());
    }
}
