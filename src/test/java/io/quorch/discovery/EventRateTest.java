package io.quorch.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EventRateTest {

    @Test
    void countsCompletedSecondsOfTheLastMinute() {
        var r = new EventRate();
        assertEquals(0, r.perSecond(0));
        long t0 = 1_000_000_000L;
        for (int s = 0; s < 120; s++) {
            r.record(t0 + s * 1000L);
            r.record(t0 + s * 1000L + 500);
        }
        assertEquals(2.0, r.perSecond(t0 + 120_000L), 1e-9);
        // nothing for half a minute: half the rate
        assertEquals(1.0, r.perSecond(t0 + 150_000L), 1e-9);
        assertEquals(0.0, r.perSecond(t0 + 200_000L), 1e-9);
    }

    @Test
    void rightAfterTheFirstEventTheRateIsOverTheSecondsSoFar() {
        var r = new EventRate();
        long t0 = 5_000L;
        for (int s = 0; s < 10; s++) {
            r.record(t0 + s * 1000L);
        }
        assertEquals(1.0, r.perSecond(t0 + 10_000L), 1e-9);
    }
}
