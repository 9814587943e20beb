package io.quorch.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quorch.config.DiscoveryConfig;
import io.quorch.consensus.InstancesForgotten;
import io.quorch.discovery.InstanceProbed;
import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.NodeIdentity;
import io.quorch.store.BackendMonitor;
import io.quorch.store.InstanceStore;
import io.quorch.store.NodeStore;
import io.quorch.testing.ConfigStub;

/** Probe ages over every known server, and the servers by the outcome of this node's last probe. */
class FleetGaugesTest {

    private static final InstanceKey A = new InstanceKey("a", 3306);
    private static final InstanceKey B = new InstanceKey("b", 3306);
    private static final InstanceKey C = new InstanceKey("c", 3306);

    private volatile List<InstanceKey> keys = List.of(A, B, C);
    private volatile List<Instant> checked;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @SuppressWarnings("unchecked")
    private static <T> T stub(Class<T> type, java.util.function.Function<String, Object> answer) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> answer.apply(method.getName()));
    }

    private FleetGauges gauges(boolean backendStarted) {
        InstanceStore store = stub(InstanceStore.class, m -> switch (m) {
            case "keys" -> keys;
            case "lastCheckedTimes" -> checked;
            default -> throw new UnsupportedOperationException(m);
        });
        BackendMonitor backend = new BackendMonitor(stub(NodeStore.class, m -> null),
                new NodeIdentity("q1", "token", "test", Instant.now()));
        if (backendStarted) {
            backend.started();
        }
        FleetGauges g = new FleetGauges(store, backend,
                ConfigStub.of(DiscoveryConfig.class, Map.of("instancePollSeconds", 5.0)));
        g.bind(registry);
        return g;
    }

    private double gauge(String name, String... tags) {
        return registry.find(name).tags(tags).gauge().value();
    }

    private static InstanceProbed probed(InstanceKey key, boolean valid) {
        return new InstanceProbed(new Instance(key, null, "a:3306", 0, Instant.now(), Instant.now(), valid, 0, ""),
                valid);
    }

    @Test
    void agesAreOverEveryKnownServerAndStatesFollowTheLastProbe() {
        Instant now = Instant.now();
        checked = List.of(now.minusSeconds(1), now.minusSeconds(2), now.minusSeconds(30));
        FleetGauges g = gauges(true);
        assertEquals(5, gauge(MetricNames.POLL_INTERVAL));
        assertEquals(30, gauge(MetricNames.PROBE_AGE_MAX), 0.5);
        assertEquals(30, gauge(MetricNames.PROBE_AGE_P99), 0.5);
        assertEquals(2, gauge(MetricNames.PROBE_AGE_P50), 0.5);
        assertEquals(3, gauge(MetricNames.INSTANCES, "state", "unprobed"));

        g.onProbe(probed(A, true));
        g.onProbe(probed(B, false));
        g.onProbe(probed(new InstanceKey("gone", 3306), true));
        assertEquals(3, gauge(MetricNames.INSTANCES, "state", "unprobed"), "read at most once a second");
        g.expire();
        assertEquals(1, gauge(MetricNames.INSTANCES, "state", "ok"), "a server the backend no longer knows is not counted");
        assertEquals(1, gauge(MetricNames.INSTANCES, "state", "failing"));
        assertEquals(1, gauge(MetricNames.INSTANCES, "state", "unprobed"));

        g.onForgotten(new InstancesForgotten(Set.of(B), Instant.now()));
        keys = List.of(A, C);
        checked = List.of(now, now);
        g.expire();
        assertEquals(0, gauge(MetricNames.INSTANCES, "state", "failing"));
        assertEquals(1, gauge(MetricNames.INSTANCES, "state", "ok"));
    }

    @Test
    void beforeTheBackendStartsTheAgesAreUnknown() {
        checked = List.of(Instant.now());
        gauges(false);
        assertTrue(Double.isNaN(gauge(MetricNames.PROBE_AGE_MAX)));
        assertEquals(0, gauge(MetricNames.INSTANCES, "state", "ok"));
    }

    @Test
    void inTheApplicationTheFiguresComeFromTheFleetPictureNotTheBackend() {
        // the backend is read once, to load the picture; every later figure comes from the probes recorded
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        InstanceStore store = stub(InstanceStore.class, m -> {
            if (m.equals("readAll")) {
                reads.incrementAndGet();
                return List.of();
            }
            throw new UnsupportedOperationException(m);
        });
        io.quorch.analysis.FleetMemory fleet = new io.quorch.analysis.FleetMemory(store);
        BackendMonitor backend = new BackendMonitor(stub(NodeStore.class, m -> null),
                new NodeIdentity("q1", "token", "test", Instant.now()));
        backend.started();
        FleetGauges g = new FleetGauges(fleet, backend,
                ConfigStub.of(DiscoveryConfig.class, Map.of("instancePollSeconds", 5.0)));
        g.bind(registry);
        assertEquals(0, fleet.size(), "loaded from the (empty) backend");
        Instant now = Instant.now();
        fleet.record(new Instance(A, null, "a:3306", 0, now.minusSeconds(20), now, true, 0, ""));
        fleet.record(new Instance(B, null, "a:3306", 1, now.minusSeconds(1), now, true, 0, ""));
        g.onProbe(probed(A, true));
        assertEquals(20, gauge(MetricNames.PROBE_AGE_MAX), 0.5);
        assertEquals(1, gauge(MetricNames.INSTANCES, "state", "ok"));
        assertEquals(1, gauge(MetricNames.INSTANCES, "state", "unprobed"));
        fleet.forget(Set.of(A));
        g.expire();
        assertEquals(1, gauge(MetricNames.PROBE_AGE_MAX), 0.5);
        assertEquals(0, gauge(MetricNames.INSTANCES, "state", "ok"));
        assertEquals(1, reads.get());
    }
}
