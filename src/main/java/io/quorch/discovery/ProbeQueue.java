package io.quorch.discovery;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;

/**
 * Runs probes on virtual threads, at most maxConcurrency at once, and never two of the same
 * server at once: asking for a server already being probed joins that probe.
 */
final class ProbeQueue implements AutoCloseable {

    private final Map<InstanceKey, CompletableFuture<Instance>> inFlight = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("quorch-probe-", 0).factory());
    private final Semaphore permits;
    private final Function<InstanceKey, Instance> probe;

    ProbeQueue(int maxConcurrency, Function<InstanceKey, Instance> probe) {
        this.permits = new Semaphore(maxConcurrency);
        this.probe = probe;
    }

    CompletableFuture<Instance> request(InstanceKey key) {
        CompletableFuture<Instance> mine = new CompletableFuture<>();
        CompletableFuture<Instance> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return running;
        }
        executor.execute(() -> run(key, mine));
        return mine;
    }

    private void run(InstanceKey key, CompletableFuture<Instance> future) {
        Instance result = null;
        Throwable failure = null;
        try {
            permits.acquire();
            try {
                result = probe.apply(key);
            } finally {
                permits.release();
            }
        } catch (Throwable t) {
            failure = t;
        } finally {
            inFlight.remove(key, future);
        }
        if (failure != null) {
            future.completeExceptionally(failure);
        } else {
            future.complete(result);
        }
    }

    int inFlight() {
        return inFlight.size();
    }

    /** The servers being probed right now. */
    Set<InstanceKey> keysInFlight() {
        return Set.copyOf(inFlight.keySet());
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
