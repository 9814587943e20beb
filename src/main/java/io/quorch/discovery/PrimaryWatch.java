package io.quorch.discovery;

import java.sql.SQLException;

import org.jboss.logging.Logger;

import io.quorch.domain.InstanceKey;
import io.quorch.mysql.WatchConnection;

/**
 * Watches one primary on its own virtual thread: keeps one idle watch connection, waits on it for
 * the server to close it, pings it whenever it stayed idle for the liveness interval, and reports
 * evidence (the connection ended, or two checks missed in a row) to discovery, which re-probes.
 */
final class PrimaryWatch implements Runnable {

    private static final Logger LOG = Logger.getLogger(PrimaryWatch.class);

    /** Opens a watch connection to a server. */
    @FunctionalInterface
    interface Opener {
        WatchConnection open(InstanceKey key) throws SQLException;
    }

    /** Told of evidence that a primary may be gone, with the reason in words. */
    @FunctionalInterface
    interface EvidenceListener {
        void evidence(InstanceKey key, String reason);
    }

    private final InstanceKey key;
    private final int checkMillis;
    private final Opener opener;
    private final EvidenceListener listener;
    private final WatchMetrics metrics;
    private final LivenessTracker tracker;
    private volatile boolean stopped;
    private volatile WatchConnection current;

    PrimaryWatch(InstanceKey key, int checkMillis, long retryMillis, Opener opener, EvidenceListener listener,
            WatchMetrics metrics) {
        this.key = key;
        this.checkMillis = checkMillis;
        this.opener = opener;
        this.listener = listener;
        this.metrics = metrics;
        this.tracker = new LivenessTracker(checkMillis, retryMillis);
    }

    @Override
    public void run() {
        try {
            while (!stopped) {
                if (current == null) {
                    connect();
                } else {
                    watch(current);
                }
            }
        } finally {
            drop();
        }
    }

    /** One connect attempt, then the pause the tracker asks for when it failed. */
    private void connect() {
        long start = System.nanoTime();
        String failure;
        try {
            WatchConnection c = opener.open(key);
            metrics.connected();
            current = c;
            if (stopped) {
                drop();
                return;
            }
            tracker.passed();
            return;
        } catch (SQLException | RuntimeException e) {
            failure = e.getMessage();
        }
        if (stopped) {
            return;
        }
        if (tracker.missed()) {
            report("did not take a connection twice in a row (" + failure + ")");
        }
        long waited = (System.nanoTime() - start) / 1_000_000;
        pause(tracker.nextAttemptAfterMillis() - waited);
    }

    /** Waits for the connection to end for one interval; pings it when it stayed idle. */
    private void watch(WatchConnection c) {
        if (c.awaitEnd(checkMillis)) {
            if (stopped) {
                return;
            }
            drop();
            if (tracker.ended()) {
                report("closed its watch connection");
            }
            return;
        }
        if (stopped) {
            return;
        }
        metrics.pinged();
        if (c.ping()) {
            tracker.passed();
            return;
        }
        drop();
        if (!stopped && tracker.missed()) {
            report("missed " + LivenessTracker.MISSES + " liveness checks in a row");
        }
    }

    private void report(String reason) {
        metrics.evidence();
        try {
            listener.evidence(key, reason);
        } catch (RuntimeException e) {
            LOG.warnf("acting on evidence about %s failed: %s", key, e.getMessage());
        }
    }

    private synchronized void drop() {
        WatchConnection c = current;
        current = null;
        if (c != null) {
            c.close();
            metrics.disconnected();
        }
    }

    /** Ends the watch and closes its connection (which wakes a read waiting on it). */
    void stop() {
        stopped = true;
        drop();
    }

    private void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }
}
