package io.quorch.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;

class ProbeQueueTest {

    static InstanceKey key(String host) {
        return new InstanceKey(host, 3306);
    }

    /** A queue of one that records the order probes start in; the first probe waits for the gate. */
    static final class Recorder {
        final List<String> started = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch gate = new CountDownLatch(1);
        final CountDownLatch firstStarted = new CountDownLatch(1);
        final AtomicInteger probes = new AtomicInteger();
        final ProbeQueue queue = new ProbeQueue(1, k -> {
            started.add(k.hostname());
            probes.incrementAndGet();
            if (k.hostname().equals("busy")) {
                firstStarted.countDown();
                try {
                    gate.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return null;
        });
    }

    @Test
    void aProbeAskedForGoesBeforeThePollsWaiting() throws Exception {
        Recorder r = new Recorder();
        r.queue.poll(key("busy"));
        assertTrue(r.firstStarted.await(5, TimeUnit.SECONDS));
        List<CompletableFuture<Instance>> all = new ArrayList<>();
        for (String h : List.of("p1", "p2", "p3")) {
            all.add(r.queue.poll(key(h)));
        }
        all.add(r.queue.request(key("evidence")));
        r.gate.countDown();
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
        assertEquals(List.of("busy", "evidence", "p1", "p2", "p3"), r.started);
    }

    @Test
    void aWaitingPollAskedForMovesAheadAndRunsOnce() throws Exception {
        Recorder r = new Recorder();
        r.queue.poll(key("busy"));
        assertTrue(r.firstStarted.await(5, TimeUnit.SECONDS));
        CompletableFuture<Instance> p1 = r.queue.poll(key("p1"));
        CompletableFuture<Instance> p2 = r.queue.poll(key("p2"));
        CompletableFuture<Instance> asked = r.queue.request(key("p2"));
        CompletableFuture<Instance> again = r.queue.request(key("p2"));
        assertSame(p2, asked, "asking joins the waiting poll");
        assertSame(p2, again);
        r.gate.countDown();
        CompletableFuture.allOf(p1, p2).get(5, TimeUnit.SECONDS);
        assertEquals(List.of("busy", "p2", "p1"), r.started);
        assertEquals(3, r.probes.get(), "p2 probed once");
    }

    @Test
    void noMoreThanTheLimitRunAtOnceAndNeverOneServerTwice() throws Exception {
        AtomicInteger now = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ProbeQueue q = new ProbeQueue(3, k -> {
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            now.decrementAndGet();
            return null;
        });
        List<CompletableFuture<Instance>> all = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            InstanceKey k = key("db" + (i % 20));
            all.add(i % 2 == 0 ? q.poll(k) : q.request(k));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertTrue(most.get() <= 3, "at most 3 at once, saw " + most.get());
        assertEquals(0, q.inFlight());
        q.close();
    }

    @Test
    void aFailedProbeFailsItsCallersAndTheLineGoesOn() throws Exception {
        ProbeQueue q = new ProbeQueue(1, k -> {
            if (k.hostname().equals("bad")) {
                throw new IllegalStateException("no answer");
            }
            return null;
        });
        CompletableFuture<Instance> bad = q.request(key("bad"));
        CompletableFuture<Instance> good = q.poll(key("good"));
        ExecutionException e = assertThrows(ExecutionException.class, () -> bad.get(5, TimeUnit.SECONDS));
        assertEquals("no answer", e.getCause().getMessage());
        good.get(5, TimeUnit.SECONDS);
        q.close();
    }

    @Test
    void closingFailsTheProbesStillWaiting() throws Exception {
        Recorder r = new Recorder();
        r.queue.poll(key("busy"));
        assertTrue(r.firstStarted.await(5, TimeUnit.SECONDS));
        CompletableFuture<Instance> waiting = r.queue.poll(key("p1"));
        r.queue.close();
        assertThrows(ExecutionException.class, () -> waiting.get(5, TimeUnit.SECONDS));
        r.gate.countDown();
    }
}
