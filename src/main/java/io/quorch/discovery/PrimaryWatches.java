package io.quorch.discovery;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.quorch.domain.InstanceKey;

/**
 * The watches of every primary and intermediate primary this node knows of: one each, started when
 * a server becomes a primary and stopped (its connection closed) when it no longer is one, is
 * forgotten, or leaves the backend.
 */
final class PrimaryWatches implements AutoCloseable {

    private final Map<InstanceKey, PrimaryWatch> watches = new ConcurrentHashMap<>();
    private final int checkMillis;
    private final long retryMillis;
    private final PrimaryWatch.Opener opener;
    private final PrimaryWatch.EvidenceListener listener;
    private final WatchMetrics metrics;
    private volatile boolean closed;

    /** checkMillis 0 turns watching off. */
    PrimaryWatches(int checkMillis, long retryMillis, PrimaryWatch.Opener opener,
            PrimaryWatch.EvidenceListener listener, WatchMetrics metrics) {
        this.checkMillis = checkMillis;
        this.retryMillis = retryMillis;
        this.opener = opener;
        this.listener = listener;
        this.metrics = metrics;
    }

    boolean enabled() {
        return checkMillis > 0;
    }

    /** Watches exactly these servers from now on. */
    synchronized void retain(Set<InstanceKey> primaries) {
        if (!enabled() || closed) {
            return;
        }
        for (InstanceKey key : Set.copyOf(watches.keySet())) {
            if (!primaries.contains(key)) {
                stop(key);
            }
        }
        for (InstanceKey key : primaries) {
            watches.computeIfAbsent(key, k -> {
                PrimaryWatch w = new PrimaryWatch(k, checkMillis, retryMillis, opener, listener, metrics);
                Thread.ofVirtual().name("quorch-watch-" + k).start(w);
                return w;
            });
        }
    }

    void stop(InstanceKey key) {
        PrimaryWatch w = watches.remove(key);
        if (w != null) {
            w.stop();
        }
    }

    Set<InstanceKey> watched() {
        return Set.copyOf(watches.keySet());
    }

    int checkMillis() {
        return checkMillis;
    }

    @Override
    public synchronized void close() {
        closed = true;
        Set.copyOf(watches.keySet()).forEach(this::stop);
    }
}
