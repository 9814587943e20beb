package io.quorch.recovery;

import java.time.Duration;

import org.jboss.logging.Logger;

/**
 * For tests only: stops or pauses this process at a named point of a recovery or a topology move, to
 * prove what the rest of the system makes of it. Off unless the JVM system property
 * {@code quorch.test.failpoint} or the environment variable {@code QUORCH_TEST_FAILPOINT} names the
 * point when the process starts; it is read here only, is no configuration key, and no API or
 * configuration file can set it. It is read when a point is reached, not in a static initialiser:
 * a native image runs those when it is built, and would keep the builder's empty value.
 */
public final class RecoveryFailpoint {

    /** Right after the successor was promoted and recorded, before any replica is moved under it: halts. */
    static final String AFTER_PROMOTION = "after-promotion";
    /** A move stopped its replica and is about to CHANGE MASTER to the new source: pauses for {@link #PAUSE}. */
    public static final String MOVE_BEFORE_CHANGE_MASTER = "move-before-change-master";
    /** How long a pausing point holds the operation: long enough for a test to act, bounded so it always ends. */
    public static final Duration PAUSE = Duration.ofSeconds(5);

    private static final Logger LOG = Logger.getLogger(RecoveryFailpoint.class);

    private static String armed() {
        return System.getProperty("quorch.test.failpoint", System.getenv().getOrDefault("QUORCH_TEST_FAILPOINT", ""));
    }

    private RecoveryFailpoint() {
    }

    static void hit(String point) {
        if (armed().equals(point)) {
            LOG.errorf("test failpoint %s reached: halting", point);
            Runtime.getRuntime().halt(137);
        }
    }

    /** Holds the calling operation for {@link #PAUSE} when the point is armed; does nothing otherwise. */
    public static void pause(String point) {
        if (!armed().equals(point)) {
            return;
        }
        LOG.errorf("test failpoint %s reached: pausing %d s", point, PAUSE.toSeconds());
        try {
            Thread.sleep(PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.errorf("test failpoint %s: resuming", point);
    }
}
