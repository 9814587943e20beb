package io.quorch.recovery;

import org.jboss.logging.Logger;

/**
 * For tests only: stops this process at a named point of a recovery, to prove that the next leader
 * finishes what it left. Off unless the JVM system property {@code quorch.test.failpoint} names the
 * point when the process starts (it is not a configuration key and no API sets it).
 */
final class RecoveryFailpoint {

    /** Right after the successor was promoted and recorded, before any replica is moved under it. */
    static final String AFTER_PROMOTION = "after-promotion";

    private static final Logger LOG = Logger.getLogger(RecoveryFailpoint.class);
    private static final String ARMED = System.getProperty("quorch.test.failpoint", "");

    private RecoveryFailpoint() {
    }

    static void hit(String point) {
        if (!ARMED.isEmpty() && ARMED.equals(point)) {
            LOG.errorf("test failpoint %s reached: halting", point);
            Runtime.getRuntime().halt(137);
        }
    }
}
