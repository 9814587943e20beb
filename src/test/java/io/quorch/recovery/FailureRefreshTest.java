package io.quorch.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quorch.discovery.DiscoveryException;
import io.quorch.discovery.TopologyProbes;
import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.testing.Await;

class FailureRefreshTest {

    static final InstanceKey PRIMARY = new InstanceKey("db1", 3306);
    static final List<InstanceKey> REPLICAS = List.of(new InstanceKey("db2", 3306), new InstanceKey("db3", 3306));

    final List<InstanceKey> probed = new CopyOnWriteArrayList<>();
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    final RecoveryExecutor executor = new RecoveryExecutor();
    final FailureRefresh refresh = new FailureRefresh(new TopologyProbes() {
        @Override
        public Instance probeNow(InstanceKey key, Duration timeout) {
            probed.add(key);
            throw new DiscoveryException("cannot probe " + key, false, null);
        }

        @Override
        public void requestProbe(InstanceKey key) {
        }

        @Override
        public List<InstanceKey> replicaKeys(InstanceKey key) {
            return key.equals(PRIMARY) ? REPLICAS : List.of();
        }

        @Override
        public Duration pollInterval() {
            return Duration.ofSeconds(1);
        }
    }, executor, new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    });

    @AfterEach
    void close() {
        executor.close();
    }

    @Test
    void aRefreshProbesTheServerAndEveryReplica() {
        refresh.refresh(PRIMARY);
        assertEquals(3, probed.size());
        assertTrue(probed.containsAll(REPLICAS) && probed.contains(PRIMARY));
    }

    @Test
    void aLookTakenWhileTheQuorumFormedIsReusedWithinHalfAPollInterval() {
        refresh.prepare(PRIMARY);
        Await.until("the background look", Duration.ofSeconds(5), () -> refresh.isFresh(PRIMARY));
        assertEquals(3, probed.size());
        now = now.plusMillis(400);
        refresh.ensureFresh(PRIMARY);
        assertEquals(3, probed.size(), "a look 400 ms old at a 1 s poll is fresh: not taken again");
        refresh.prepare(PRIMARY);
        assertEquals(3, probed.size(), "nor prepared again");
        now = now.plusMillis(101);
        assertFalse(refresh.isFresh(PRIMARY));
        refresh.ensureFresh(PRIMARY);
        assertEquals(6, probed.size(), "older than half a poll interval: looked at again");
    }

    @Test
    void theReuseIsAtMostASecondWhateverThePollInterval() {
        FailureRefresh slow = new FailureRefresh(new TopologyProbes() {
            @Override
            public Instance probeNow(InstanceKey key, Duration timeout) {
                return null;
            }

            @Override
            public void requestProbe(InstanceKey key) {
            }

            @Override
            public List<InstanceKey> replicaKeys(InstanceKey key) {
                return List.of();
            }

            @Override
            public Duration pollInterval() {
                return Duration.ofSeconds(5);
            }
        }, executor);
        assertEquals(Duration.ofSeconds(1), slow.reuse());
    }
}
