package io.quorch.discovery;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * What watching the primaries costs and finds: connections made, pings sent (the only queries a
 * watch runs), evidence reported, and the rates of the first two over the last minute.
 */
@ApplicationScoped
public class WatchMetrics {

    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong pings = new AtomicLong();
    private final AtomicLong evidence = new AtomicLong();
    private final AtomicLong open = new AtomicLong();
    private final EventRate connectRate = new EventRate();
    private final EventRate pingRate = new EventRate();

    void connected() {
        connects.incrementAndGet();
        open.incrementAndGet();
        connectRate.record(System.currentTimeMillis());
    }

    void disconnected() {
        open.decrementAndGet();
    }

    void pinged() {
        pings.incrementAndGet();
        pingRate.record(System.currentTimeMillis());
    }

    void evidence() {
        evidence.incrementAndGet();
    }

    public long connectsTotal() {
        return connects.get();
    }

    public long pingsTotal() {
        return pings.get();
    }

    public long evidenceTotal() {
        return evidence.get();
    }

    /** Watch connections open right now (at most one per watched primary). */
    public long openConnections() {
        return open.get();
    }

    public double connectsPerSecond() {
        return connectRate.perSecond(System.currentTimeMillis());
    }

    public double pingsPerSecond() {
        return pingRate.perSecond(System.currentTimeMillis());
    }
}
