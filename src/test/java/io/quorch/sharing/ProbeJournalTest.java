package io.quorch.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quorch.domain.InstanceKey;

class ProbeJournalTest {

    private static final InstanceKey A = new InstanceKey("a", 3306);
    private static final InstanceKey B = new InstanceKey("b", 3306);
    private static final Instant T = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void aReaderGetsWhatCameAfterItsNumberAndOnlyTheLatestPerServer() {
        ProbeJournal j = new ProbeJournal();
        j.publish(A, T, null, "down");
        j.publish(B, T, null, "down");
        j.publish(A, T.plusSeconds(1), null, "still down");
        ProbeJournal.Page all = j.after(0, 10);
        assertEquals(2, all.entries().size());
        assertEquals(B, all.entries().get(0).key());
        assertEquals("still down", all.entries().get(1).error());
        assertEquals(3, all.next());
        assertEquals(0, j.after(3, 10).entries().size());
        assertEquals(3, j.after(3, 10).next());
        ProbeJournal.Page first = j.after(0, 1);
        assertTrue(first.more());
        assertEquals(2, first.next());
        assertEquals(A, j.after(first.next(), 1).entries().get(0).key());
    }

    @Test
    void aWaitingReaderWakesOnTheNextResultAndOtherwiseAfterItsWait() throws Exception {
        ProbeJournal j = new ProbeJournal();
        CompletableFuture<Void> waiting = j.awaitAfter(0, 10_000);
        assertFalse(waiting.isDone());
        j.publish(A, T, null, "x");
        waiting.get(1, TimeUnit.SECONDS);
        long start = System.nanoTime();
        j.awaitAfter(1, 100).get(2, TimeUnit.SECONDS);
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(90));
        assertTrue(j.awaitAfter(0, 10_000).isDone(), "something after 0 is there already");
    }

    @Test
    void droppedServersLeave() {
        ProbeJournal j = new ProbeJournal();
        j.publish(A, T, null, "x");
        j.publish(B, T, null, "x");
        j.removeIf(A::equals);
        assertEquals(1, j.size());
        assertEquals(B, j.after(0, 10).entries().get(0).key());
    }
}
