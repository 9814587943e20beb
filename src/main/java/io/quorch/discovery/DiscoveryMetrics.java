package io.quorch.discovery;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quorch.metrics.QuorchMetrics;

/** Counts probes and keeps the latencies of the most recent ones. */
@ApplicationScoped
public class DiscoveryMetrics {

    private static final int WINDOW = 8192;

    private final AtomicLong probes = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final long[] latencies = new long[WINDOW];
    private long recorded;
    /** Set by CDI; {@link QuorchMetrics#NONE} when built outside it. */
    @Inject
    QuorchMetrics quorchMetrics = QuorchMetrics.NONE;

    void success(long latencyMillis) {
        quorchMetrics.probed(latencyMillis);
        probes.incrementAndGet();
        synchronized (latencies) {
            latencies[(int) (recorded++ % WINDOW)] = latencyMillis;
        }
    }

    void failure(Throwable cause) {
        quorchMetrics.probeFailed(cause);
        probes.incrementAndGet();
        failures.incrementAndGet();
    }

    public long probes() {
        return probes.get();
    }

    public long failures() {
        return failures.get();
    }

    /** The given percentile (0-100) of recent successful probe latencies, in milliseconds. */
    public long latencyPercentile(double percentile) {
        long[] copy;
        synchronized (latencies) {
            copy = Arrays.copyOf(latencies, (int) Math.min(recorded, WINDOW));
        }
        return percentile(copy, percentile);
    }

    public static long percentile(long[] values, double percentile) {
        if (values.length == 0) {
            return 0;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
