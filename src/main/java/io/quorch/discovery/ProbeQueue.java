package io.quorch.discovery;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;

/**
 * Runs probes on virtual threads, at most maxConcurrency at once, and never two of the same
 * server at once: asking for a server already being probed (or waiting to be) joins that probe.
 * <p>
 * Probes wait in two lines. A probe asked for ({@link #request}: evidence of a failure, a
 * recovery's look, an API refresh) goes before every poll ({@link #poll}) still waiting, and one
 * asked for a server whose poll is waiting takes that poll's place. When the fleet is larger than
 * the cores can poll in one interval, polls queue up, and a failover must not wait behind them.
 */
final class ProbeQueue implements AutoCloseable {

    private final Map<InstanceKey, Pending> inFlight = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("quorch-probe-", 0).factory());
    private final int maxConcurrency;
    private final Function<InstanceKey, Instance> probe;
    private final ArrayDeque<Pending> asked = new ArrayDeque<>();
    private final ArrayDeque<Pending> polls = new ArrayDeque<>();
    private int running;

    /** One probe of a server, waiting or running; taken from its line once. */
    private static final class Pending {
        final InstanceKey key;
        final CompletableFuture<Instance> future = new CompletableFuture<>();
        final AtomicBoolean taken = new AtomicBoolean();
        /** In the asked-for line (a poll moves there once, however often it is asked for). */
        final AtomicBoolean asked;

        Pending(InstanceKey key, boolean urgent) {
            this.key = key;
            this.asked = new AtomicBoolean(urgent);
        }
    }

    ProbeQueue(int maxConcurrency, Function<InstanceKey, Instance> probe) {
        this.maxConcurrency = Math.max(1, maxConcurrency);
        this.probe = probe;
    }

    /** A probe asked for: ahead of the polls waiting. */
    CompletableFuture<Instance> request(InstanceKey key) {
        return enqueue(key, true);
    }

    /** A server's routine poll: after every probe asked for. */
    CompletableFuture<Instance> poll(InstanceKey key) {
        return enqueue(key, false);
    }

    private CompletableFuture<Instance> enqueue(InstanceKey key, boolean urgent) {
        Pending mine = new Pending(key, urgent);
        Pending existing = inFlight.putIfAbsent(key, mine);
        Pending p = existing == null ? mine : existing;
        if (existing != null && (!urgent || existing.taken.get() || !existing.asked.compareAndSet(false, true))) {
            return existing.future;
        }
        synchronized (this) {
            // a waiting poll of this server asked for now: it moves to the front line (taken from the other once)
            (urgent ? asked : polls).addLast(p);
        }
        dispatch();
        return p.future;
    }

    /** Starts waiting probes while there is room, the asked-for ones first. */
    private void dispatch() {
        while (true) {
            Pending next;
            synchronized (this) {
                if (running >= maxConcurrency) {
                    return;
                }
                next = asked.pollFirst();
                if (next == null) {
                    next = polls.pollFirst();
                }
                if (next == null) {
                    return;
                }
                if (!next.taken.compareAndSet(false, true)) {
                    continue;
                }
                running++;
            }
            Pending start = next;
            try {
                executor.execute(() -> run(start));
            } catch (RuntimeException e) {
                // closed: the probe will not run
                synchronized (this) {
                    running--;
                }
                inFlight.remove(start.key, start);
                start.future.completeExceptionally(e);
                return;
            }
        }
    }

    private void run(Pending p) {
        Instance result = null;
        Throwable failure = null;
        try {
            result = probe.apply(p.key);
        } catch (Throwable t) {
            failure = t;
        } finally {
            inFlight.remove(p.key, p);
            synchronized (this) {
                running--;
            }
        }
        dispatch();
        if (failure != null) {
            p.future.completeExceptionally(failure);
        } else {
            p.future.complete(result);
        }
    }

    /** Probes running or waiting. */
    int inFlight() {
        return inFlight.size();
    }

    /** The servers being probed or waiting to be, right now. */
    Set<InstanceKey> keysInFlight() {
        return Set.copyOf(inFlight.keySet());
    }

    @Override
    public void close() {
        executor.shutdownNow();
        synchronized (this) {
            asked.clear();
            polls.clear();
        }
        IllegalStateException closed = new IllegalStateException("discovery stopped");
        inFlight.values().forEach(p -> {
            if (p.taken.compareAndSet(false, true)) {
                p.future.completeExceptionally(closed);
            }
        });
    }
}
