package io.quorch.recovery;

import org.jboss.logging.Logger;

/**
 * For tests only: stops this process at a named point of a recovery, to prove that the next leader
 * finishes what it left. Off unless the JVM system property {@code quorch.test.failpoint} or the
 * environment variable {@code QUORCH_TEST_FAILPOINT} names the point when the process starts; it is
 * read here only, is no configuration key, and no API or configuration file can set it.
 */
final class RecoveryFailpoint {

    /** Right after the successor was promoted and recorded, before any replica is moved under it. */
    static final String AFTER_PROMOTION = "after-promotion";

    private static final Logger LOG = Logger.getLogger(RecoveryFailpoint.class);
    private static final String ARMED = System.getProperty("quorch.test.failpoint",
            System.getenv().getOrDefault("QUORCH_TEST_FAILPOINT", ""));

    private RecoveryFailpoint() {
    }

    static void hit(String point) {
        if (!ARMED.isEmpty() && ARMED.equals(point)) {
            LOG.errorf("test failpoint %s reached: halting", point);
            Runtime.getRuntime().halt(137);
        }
    }
}
