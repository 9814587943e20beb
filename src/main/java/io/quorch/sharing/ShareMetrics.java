package io.quorch.sharing;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quorch.metrics.MetricNames;

/**
 * What the shared probing shows: results received from the other nodes by outcome (accepted,
 * stale, refused), results served to them, and (bound by {@link ProbeShareGauges}) the plain
 * replicas this node owns and those the others probe. Labels are fixed words only.
 */
@ApplicationScoped
public class ShareMetrics {

    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong stale = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong served = new AtomicLong();
    private final Counter acceptedCounter;
    private final Counter staleCounter;
    private final Counter refusedCounter;
    private final Counter servedCounter;
    private final MeterRegistry registry;

    public ShareMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.acceptedCounter = received(registry, "accepted");
        this.staleCounter = received(registry, "stale");
        this.refusedCounter = received(registry, "refused");
        this.servedCounter = Counter.builder(MetricNames.PEER_RESULTS_SERVED)
                .description("Results of this node's own probes sent to the other nodes").register(registry);
    }

    private static Counter received(MeterRegistry registry, String outcome) {
        return Counter.builder(MetricNames.PEER_RESULTS_RECEIVED)
                .description("Probe results received from the other nodes, by outcome (accepted; stale: not newer"
                        + " than this node's; refused: not the sender's to report)")
                .tag("outcome", outcome).register(registry);
    }

    /** Binds a gauge of servers by share (owned: probed here; others: probed by other nodes; all: every node). */
    <T> void gauge(String share, T source, ToDoubleFunction<T> value) {
        Gauge.builder(MetricNames.SHARED_SERVERS, source, value)
                .description("Known servers by who probes them: owned (plain replicas this node probes), others"
                        + " (plain replicas other nodes probe), all (primaries and the rest: every node)")
                .tag("share", share).register(registry);
    }

    void accepted() {
        accepted.incrementAndGet();
        acceptedCounter.increment();
    }

    void stale() {
        stale.incrementAndGet();
        staleCounter.increment();
    }

    void refused() {
        refused.incrementAndGet();
        refusedCounter.increment();
    }

    void served(int n) {
        served.addAndGet(n);
        servedCounter.increment(n);
    }

    public long acceptedTotal() {
        return accepted.get();
    }

    public long staleTotal() {
        return stale.get();
    }

    public long refusedTotal() {
        return refused.get();
    }

    public long servedTotal() {
        return served.get();
    }
}
