package io.quorch.discovery;

/**
 * Events per second over the last minute, in one-second buckets (or over the time since the first
 * event, when that is shorter). Thread-safe.
 */
final class EventRate {

    private static final int SECONDS = 60;

    private final long[] counts = new long[SECONDS];
    private final long[] seconds = new long[SECONDS];
    private long firstSecond = -1;

    synchronized void record(long nowMillis) {
        long second = nowMillis / 1000;
        int i = (int) (second % SECONDS);
        if (seconds[i] != second) {
            seconds[i] = second;
            counts[i] = 0;
        }
        counts[i]++;
        if (firstSecond < 0) {
            firstSecond = second;
        }
    }

    /** Events per second over the last full minute (fewer seconds right after the first event). */
    synchronized double perSecond(long nowMillis) {
        if (firstSecond < 0) {
            return 0;
        }
        long now = nowMillis / 1000;
        long total = 0;
        for (int i = 0; i < SECONDS; i++) {
            // the seconds before this one: the current second is still filling
            if (seconds[i] < now && seconds[i] >= now - SECONDS) {
                total += counts[i];
            }
        }
        long span = Math.min(SECONDS, now - firstSecond);
        return span <= 0 ? 0 : (double) total / span;
    }
}
