package io.quorch.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LivenessTrackerTest {

    @Test
    void aClosedConnectionIsEvidenceAtOnceAndOnlyOncePerOutage() {
        var t = new LivenessTracker(500, 5000);
        t.passed();
        assertTrue(t.ended());
        // the reconnect is refused, again and again: already reported
        assertFalse(t.missed());
        assertFalse(t.missed());
        assertFalse(t.ended());
        assertEquals(5000, t.nextAttemptAfterMillis(), "a reported server is tried again at the poll pace");
        // it answers again: the next close is a new outage
        t.passed();
        assertTrue(t.ended());
    }

    @Test
    void twoMissesInARowAreEvidenceOneIsNot() {
        var t = new LivenessTracker(500, 5000);
        t.passed();
        assertFalse(t.missed());
        assertEquals(250, t.nextAttemptAfterMillis(), "the second check follows at once");
        t.passed();
        assertFalse(t.missed(), "a pass in between starts the count again");
        assertTrue(t.missed());
        assertFalse(t.missed(), "reported once");
        assertTrue(t.reported());
    }

    @Test
    void aServerNeverReachedIsReportedAfterTwoMissesToo() {
        var t = new LivenessTracker(500, 100);
        assertFalse(t.missed());
        assertTrue(t.missed());
        assertEquals(500, t.nextAttemptAfterMillis(), "never retried faster than the liveness interval");
    }

    @Test
    void checksTimeOutAfterHalfTheInterval() {
        assertEquals(250, LivenessTracker.timeoutMillis(500));
        assertEquals(1, LivenessTracker.timeoutMillis(1));
    }
}
