package io.quorch.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quorch.discovery.DiscoveryException;
import io.quorch.discovery.TopologyProbes;
import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;

class ReproberTest {

    static final InstanceKey PRIMARY = new InstanceKey("db1", 3306);
    static final InstanceKey R1 = new InstanceKey("db2", 3306);
    static final InstanceKey R2 = new InstanceKey("db3", 3306);

    /** Probes that are recorded with their timeout, fail for the servers named dead, and break for those named broken. */
    static final class Probes implements TopologyProbes {
        final List<InstanceKey> probed = new CopyOnWriteArrayList<>();
        final Map<InstanceKey, Duration> timeouts = new ConcurrentHashMap<>();
        final List<InstanceKey> dead = new ArrayList<>();
        final List<InstanceKey> broken = new ArrayList<>();
        /** When set, every probe waits here until all probes of a look have started. */
        CountDownLatch together;
        /** Set when a probe waited in vain for the others of its look. */
        volatile boolean apart;

        @Override
        public Instance probeNow(InstanceKey key, Duration timeout) {
            probed.add(key);
            timeouts.put(key, timeout);
            if (together != null) {
                together.countDown();
                try {
                    apart |= !together.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (dead.contains(key)) {
                throw new DiscoveryException("cannot probe " + key, false, null);
            }
            if (broken.contains(key)) {
                throw new IllegalStateException("the backend is gone");
            }
            return null;
        }

        @Override
        public void requestProbe(InstanceKey key) {
        }

        @Override
        public List<InstanceKey> replicaKeys(InstanceKey key) {
            return key.equals(PRIMARY) ? List.of(R1, R2) : List.of();
        }

        @Override
        public Duration pollInterval() {
            return Duration.ofSeconds(1);
        }
    }

    final Probes probes = new Probes();
    final Reprober reprober = new Reprober(probes);

    @Test
    void theServerAndItsReplicasAreProbedAtOnceWithTheTimeoutGiven() {
        probes.together = new CountDownLatch(3);
        reprober.serverAndReplicas(PRIMARY, Duration.ofMillis(700));
        assertEquals(3, probes.probed.size(), "each probed once: " + probes.probed);
        assertTrue(probes.probed.containsAll(List.of(PRIMARY, R1, R2)));
        assertEquals(Map.of(PRIMARY, Duration.ofMillis(700), R1, Duration.ofMillis(700), R2, Duration.ofMillis(700)),
                probes.timeouts);
        assertFalse(probes.apart, "all three were under way at the same time");
    }

    @Test
    void aServerNamedTwiceIsProbedOnce() {
        reprober.probe(List.of(R1, PRIMARY, R1, PRIMARY), Duration.ofSeconds(1));
        assertEquals(2, probes.probed.size(), "probed: " + probes.probed);
        assertTrue(probes.probed.containsAll(List.of(PRIMARY, R1)));
    }

    @Test
    void aFailedOrBrokenProbeStopsNeitherTheLookNorItsCaller() {
        probes.dead.add(PRIMARY);
        probes.broken.add(R1);
        reprober.serverAndReplicas(PRIMARY, Duration.ofSeconds(1));
        assertEquals(3, probes.probed.size(), "probed: " + probes.probed);
        assertTrue(probes.probed.contains(R2));
    }

    @Test
    void theServerComesFirstThenItsReplicas() {
        assertEquals(List.of(PRIMARY, R1, R2), reprober.withReplicas(PRIMARY));
        assertEquals(List.of(R1), reprober.withReplicas(R1));
    }

    @Test
    void nothingNamedProbesNothing() {
        reprober.probe(List.of(), Duration.ofSeconds(1));
        assertEquals(List.of(), probes.probed);
    }
}
