package io.quorch.discovery;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.quorch.domain.InstanceKey;

/**
 * One fixed-rate timer per known server, started at a random offset so probes spread over the
 * interval. A tick only asks for a probe; the probe itself runs elsewhere.
 */
final class PollTimer implements AutoCloseable {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("quorch-poll-timer").daemon(true).factory());
    private final Map<InstanceKey, ScheduledFuture<?>> timers = new ConcurrentHashMap<>();
    private final long intervalMillis;
    private final Consumer<InstanceKey> tick;

    PollTimer(Duration interval, Consumer<InstanceKey> tick) {
        this.intervalMillis = interval.toMillis();
        this.tick = tick;
    }

    void track(InstanceKey key) {
        timers.computeIfAbsent(key, k -> scheduler.scheduleAtFixedRate(() -> tick.accept(k),
                ThreadLocalRandom.current().nextLong(intervalMillis), intervalMillis, TimeUnit.MILLISECONDS));
    }

    void untrack(InstanceKey key) {
        ScheduledFuture<?> f = timers.remove(key);
        if (f != null) {
            f.cancel(false);
        }
    }

    boolean isTracked(InstanceKey key) {
        return timers.containsKey(key);
    }

    Set<InstanceKey> tracked() {
        return Set.copyOf(timers.keySet());
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
