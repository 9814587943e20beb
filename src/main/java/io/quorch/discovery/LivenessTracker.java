package io.quorch.discovery;

/**
 * What one primary's watch has seen, and what it calls for. Pure: the watch reports each outcome
 * and acts on the answer.
 * <p>
 * A watch connection that ends is evidence at once (a process that dies closes its sockets). A
 * liveness check (a ping, or a reconnect) that is not answered in time is a miss; two misses in a
 * row are evidence (a hung server, a dead host, a network cut close nothing). Evidence is reported
 * once per outage: until a check passes again, the server is left to the ordinary poll and the
 * watch only tries to reconnect, at the slower retry pace.
 */
final class LivenessTracker {

    /** Misses in a row that count as evidence. */
    static final int MISSES = 2;

    private final long checkMillis;
    private final long retryMillis;
    private int misses;
    private boolean reported;

    /**
     * checkMillis: the liveness interval; retryMillis: how often a server already reported is
     * tried again (the poll interval, never less than checkMillis).
     */
    LivenessTracker(long checkMillis, long retryMillis) {
        this.checkMillis = checkMillis;
        this.retryMillis = Math.max(checkMillis, retryMillis);
    }

    /** How long a ping or a connect may take before it counts as a miss: half the interval. */
    static int timeoutMillis(long checkMillis) {
        return (int) Math.max(1, checkMillis / 2);
    }

    /** A connection was made or a ping answered. */
    void passed() {
        misses = 0;
        reported = false;
    }

    /** The watch connection ended; true when this is evidence to report. */
    boolean ended() {
        misses = 0;
        boolean report = !reported;
        reported = true;
        return report;
    }

    /** A ping or a connect was not answered in time; true when this is evidence to report. */
    boolean missed() {
        misses++;
        if (misses >= MISSES && !reported) {
            reported = true;
            return true;
        }
        return false;
    }

    /**
     * How long after an attempt started the next connect may start: at once while an outage is
     * being established (the attempt itself took its timeout), the retry pace once reported.
     */
    long nextAttemptAfterMillis() {
        return reported ? retryMillis : timeoutMillis(checkMillis);
    }

    boolean reported() {
        return reported;
    }

    int misses() {
        return misses;
    }
}
