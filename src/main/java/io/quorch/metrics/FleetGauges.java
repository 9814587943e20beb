package io.quorch.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quorch.analysis.FleetView;
import io.quorch.config.DiscoveryConfig;
import io.quorch.consensus.InstancesForgotten;
import io.quorch.discovery.DiscoveryMetrics;
import io.quorch.discovery.InstanceProbed;
import io.quorch.domain.InstanceKey;
import io.quorch.store.BackendMonitor;
import io.quorch.store.InstanceStore;

/**
 * How fresh this node's picture of the fleet is: how long ago each known server was probed
 * (p50, p99 and the oldest, over every server, so without a label per server) and how many are
 * answering, failing or not yet probed by this process. Computed when scraped, at most once a
 * second, from the picture discovery keeps in memory (no backend read).
 */
@ApplicationScoped
public class FleetGauges {

    static final Duration CACHE = Duration.ofSeconds(1);

    private final FleetView instances;
    private final BackendMonitor backend;
    private final double pollSeconds;
    /** Whether each server's last probe by this process succeeded. */
    private final Map<InstanceKey, Boolean> lastValid = new ConcurrentHashMap<>();
    private volatile Fleet cached;

    /** What one look at the known servers found: probe ages in milliseconds (sorted) and servers by state. */
    record Fleet(long[] agesMillis, int ok, int failing, int unprobed, long atNanos) {
        static final Fleet UNKNOWN = new Fleet(null, 0, 0, 0, Long.MIN_VALUE);

        double ageSeconds(double percentile) {
            return agesMillis == null ? Double.NaN : DiscoveryMetrics.percentile(agesMillis, percentile) / 1000.0;
        }
    }

    /** Outside CDI: the servers are read from the store at each computation. */
    public FleetGauges(InstanceStore instances, BackendMonitor backend, DiscoveryConfig discovery) {
        this(FleetView.of(instances), backend, discovery);
    }

    @Inject
    public FleetGauges(FleetView instances, BackendMonitor backend, DiscoveryConfig discovery) {
        this.instances = instances;
        this.backend = backend;
        this.pollSeconds = discovery.instancePollSeconds();
    }

    void bind(@Observes StartupEvent started, MeterRegistry registry) {
        bind(registry);
    }

    void bind(MeterRegistry registry) {
        Gauge.builder(MetricNames.POLL_INTERVAL, () -> pollSeconds).description("InstancePollSeconds")
                .register(registry);
        Gauge.builder(MetricNames.PROBE_AGE_P50, this, g -> g.fleet().ageSeconds(50))
                .description("Median over the known servers of the seconds since each was last probed")
                .register(registry);
        Gauge.builder(MetricNames.PROBE_AGE_P99, this, g -> g.fleet().ageSeconds(99))
                .description("99th percentile over the known servers of the seconds since each was last probed")
                .register(registry);
        Gauge.builder(MetricNames.PROBE_AGE_MAX, this, g -> g.fleet().ageSeconds(100))
                .description("Seconds since the least recently probed known server was probed").register(registry);
        Gauge.builder(MetricNames.INSTANCES, this, g -> g.fleet().ok()).tag("state", "ok")
                .description("Known servers whose last probe by this node succeeded").register(registry);
        Gauge.builder(MetricNames.INSTANCES, this, g -> g.fleet().failing()).tag("state", "failing")
                .description("Known servers whose last probe by this node failed").register(registry);
        Gauge.builder(MetricNames.INSTANCES, this, g -> g.fleet().unprobed()).tag("state", "unprobed")
                .description("Known servers this node has not probed since it started").register(registry);
    }

    void onProbe(@Observes InstanceProbed event) {
        lastValid.put(event.instance().key(), event.valid());
    }

    void onForgotten(@Observes InstancesForgotten event) {
        event.keys().forEach(lastValid::remove);
    }

    Fleet fleet() {
        Fleet f = cached;
        long now = System.nanoTime();
        if (f != null && now - f.atNanos() < CACHE.toNanos()) {
            return f;
        }
        f = read(now);
        cached = f;
        return f;
    }

    /** The next value read is computed again. */
    void expire() {
        cached = null;
    }

    private Fleet read(long nanos) {
        if (!backend.isStarted()) {
            return Fleet.UNKNOWN;
        }
        try {
            Instant now = Instant.now();
            List<Instant> checked = instances.lastCheckedTimes();
            long[] ages = checked.stream().mapToLong(t -> Math.max(0, Duration.between(t, now).toMillis())).toArray();
            java.util.Arrays.sort(ages);
            Set<InstanceKey> known = new HashSet<>(instances.keys());
            lastValid.keySet().retainAll(known);
            int ok = 0;
            int failing = 0;
            for (InstanceKey k : known) {
                Boolean valid = lastValid.get(k);
                if (valid != null) {
                    if (valid) {
                        ok++;
                    } else {
                        failing++;
                    }
                }
            }
            return new Fleet(ages, ok, failing, known.size() - ok - failing, nanos);
        } catch (RuntimeException e) {
            // the backend is unreachable: the gauges show no value rather than a stale one
            return new Fleet(null, 0, 0, 0, nanos);
        }
    }
}
