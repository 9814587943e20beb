package io.quorch.recovery;

import static io.quorch.recovery.FakeTopology.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.domain.InstanceKey;
import io.quorch.domain.TopologyRecovery;

/**
 * orchestrator's choice of a graceful takeover's target and its refusals, word for word (scripts look for them);
 * a refusal changes nothing. 23306 has direct replicas 23307 and 23308; 23309 replicates from 23307.
 */
class GracefulTakeoverRefusalsTest {

    @TempDir
    Path dir;

    private RecoveryFixture f;

    @BeforeEach
    void cluster() {
        f = new RecoveryFixture(dir, "q1");
        f.topology.primary(23306).replica(23307, 23306).replica(23308, 23306).replica(23309, 23307).probeAll();
    }

    @AfterEach
    void close() {
        f.close();
    }

    private TopologyRecovery takeover(Integer designated, boolean auto) {
        return f.takeover.takeover(key(23306).toString(), Optional.ofNullable(designated).map(FakeTopology::key),
                auto);
    }

    private void assertRefused(String message, Integer designated, boolean auto) {
        var e = assertThrows(RecoveryRefusedException.class, () -> takeover(designated, auto));
        assertEquals(message, e.getMessage());
        assertTrue(f.topology.commands.isEmpty(), f.topology.commands.toString());
        assertEquals(List.of(key(23306)), f.topology.writable());
        assertTrue(f.backend.recoveries.recoveries(Optional.empty(), false, 10).isEmpty(), "nothing recorded");
    }

    @Test
    void withoutATargetAndTwoDirectReplicasItRefuses() {
        assertRefused("GracefulMasterTakeover: target instance not indicated, auto=false, and master " + key(23306)
                + " has 2 replicas. orchestrator cannot choose where to failover to. Aborting", null, false);
    }

    @Test
    void theAutoFormPicksAReplica() {
        TopologyRecovery r = takeover(null, true);
        assertTrue(r.successful(), r.toString());
        assertTrue(List.of(key(23307), key(23308)).contains(r.successor()), r.toString());
        assertEquals(List.of(r.successor()), f.topology.writable());
    }

    @Test
    void aNonDirectReplicaIsRefused() {
        assertRefused("GracefulMasterTakeover: indicated designated instance " + key(23309)
                + " must be directly replicating from the master " + key(23306), 23309, false);
    }

    @Test
    void aReplicaOfAnotherRegionIsRefusedUnderPreventCrossRegionMasterFailover() {
        f.config.preventCrossRegion = true;
        f.topology.server(23306).region = "eu";
        f.topology.server(23307).region = "us";
        f.topology.probeAll();
        assertRefused("GracefulMasterTakeover: " + key(23307) + ": PreventCrossRegionMasterFailover: will not promote"
                + " server in us when failed server in eu", 23307, false);
    }

    @Test
    void aLaggingReplicaIsRefused() {
        f.topology.server(23307).lag = 300;
        f.topology.probeAll();
        var e = assertThrows(RecoveryRefusedException.class, () -> takeover(23307, false));
        assertTrue(e.getMessage().startsWith("Desginated instance " + key(23307)
                + " seems to be lagging too much for this operation. Aborting."), e.getMessage());
    }

    @Test
    void aMustNotReplicaIsRefused() {
        f.backend.bus.submit(new io.quorch.consensus.ReplicatedCommand.RegisterCandidate(key(23307),
                io.quorch.domain.PromotionRule.MUST_NOT, java.time.Instant.now()));
        assertRefused("GracefulMasterTakeover: designated instance " + key(23307) + " cannot be promoted due to"
                + " promotion rule or it is explicitly ignored in PromotionIgnoreHostnameFilters configuration", 23307,
                false);
    }

    @Test
    void theOnlyDirectReplicaIsTakenWithoutATarget() {
        f.close();
        f = new RecoveryFixture(dir.resolve("single"), "q1");
        f.topology.primary(23306).replica(23307, 23306).probeAll();
        TopologyRecovery r = takeover(null, false);
        assertTrue(r.successful(), r.toString());
        assertEquals(key(23307), r.successor());
        InstanceKey old = key(23306);
        assertEquals(key(23307), f.topology.server(old.port()).master);
    }
}
