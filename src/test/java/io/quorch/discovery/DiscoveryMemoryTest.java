package io.quorch.discovery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quorch.domain.InstanceKey;

class DiscoveryMemoryTest {

    static final InstanceKey PRIMARY = new InstanceKey("db1", 3306);
    static final InstanceKey REPLICA = new InstanceKey("db2", 3306);
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void forgettingDropsEverythingAboutTheServersAndTheirClusters() {
        var m = new DiscoveryMemory();
        m.probeStarted(PRIMARY, T0);
        m.probeStarted(REPLICA, T0);
        m.replicates(REPLICA, PRIMARY);
        assertTrue(m.aliasDetected(PRIMARY.toString(), "main"));
        assertFalse(m.aliasDetected(PRIMARY.toString(), "main"));
        m.forget(Set.of(PRIMARY, REPLICA), T0.plusSeconds(1));
        assertNull(m.lastProbeStart(PRIMARY));
        assertNull(m.lastProbeStart(REPLICA));
        assertTrue(m.isForgotten(PRIMARY));
        assertArrayEquals(new int[] {2, 0, 0, 0}, m.sizes());
        assertTrue(m.aliasDetected(PRIMARY.toString(), "main"), "a rediscovered cluster's alias is registered again");
    }

    @Test
    void pruningEndsQuarantinesAndDropsServersNoLongerKnown() {
        var m = new DiscoveryMemory();
        m.forget(Set.of(PRIMARY), T0);
        m.probeStarted(REPLICA, T0);
        m.probeStarted(new InstanceKey("never-answered", 3306), T0);
        m.aliasDetected("gone:3306", "old");
        m.replicates(new InstanceKey("never-answered", 3306), PRIMARY);
        m.prune(Set.of(REPLICA), T0.plusSeconds(5), Duration.ofSeconds(10));
        assertTrue(m.isForgotten(PRIMARY), "still in quarantine");
        assertArrayEquals(new int[] {1, 1, 0, 0}, m.sizes());
        m.prune(Set.of(), T0.plusSeconds(11), Duration.ofSeconds(10));
        assertFalse(m.isForgotten(PRIMARY));
        assertArrayEquals(new int[] {0, 0, 0, 0}, m.sizes());
    }

    @Test
    void thePrimariesAreTheServersKnownReplicasReplicateFrom() {
        var m = new DiscoveryMemory();
        var intermediate = new InstanceKey("db3", 3306);
        m.replicates(REPLICA, PRIMARY);
        m.replicates(intermediate, PRIMARY);
        m.replicates(new InstanceKey("db4", 3306), intermediate);
        m.replicates(PRIMARY, null);
        assertEquals(Set.of(PRIMARY, intermediate), m.primaries());
        // the intermediate primary's replica moves up: it is no longer anyone's primary
        m.replicates(new InstanceKey("db4", 3306), PRIMARY);
        assertEquals(Set.of(PRIMARY), m.primaries());
        // a failover: the replicas now replicate from REPLICA, the old primary is no one's
        m.replicates(REPLICA, null);
        m.replicates(intermediate, REPLICA);
        m.replicates(new InstanceKey("db4", 3306), REPLICA);
        assertEquals(Set.of(REPLICA), m.primaries());
    }

    @Test
    void onlyAChangeOfRolesCountsSoSyncSkipsWorkWhenNothingMoved() {
        var m = new DiscoveryMemory();
        long start = m.changes();
        m.replicates(REPLICA, PRIMARY);
        long afterFirst = m.changes();
        assertTrue(afterFirst > start, "a new replica is a change");
        m.replicates(REPLICA, PRIMARY);
        m.replicates(REPLICA, new InstanceKey("db1", 3306));
        assertEquals(afterFirst, m.changes(), "the same primary again is no change");
        m.replicates(REPLICA, null);
        assertTrue(m.changes() > afterFirst, "promoted: a change");
        long beforeForget = m.changes();
        m.forget(Set.of(PRIMARY), T0);
        assertTrue(m.changes() > beforeForget, "a forget is a change");
        long quarantined = m.changes();
        m.endQuarantines(T0.plusSeconds(5), Duration.ofSeconds(10));
        assertEquals(quarantined, m.changes(), "still in quarantine");
        m.endQuarantines(T0.plusSeconds(11), Duration.ofSeconds(10));
        assertFalse(m.isForgotten(PRIMARY));
        assertTrue(m.changes() > quarantined, "a quarantine that ended is a change");
    }
}
