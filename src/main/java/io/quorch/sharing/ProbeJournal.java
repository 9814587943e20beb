package io.quorch.sharing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.quorch.domain.InstanceKey;
import io.quorch.domain.ServerState;

/**
 * The latest result of this node's own probe of each replica it owns, numbered in the order they
 * came: a peer that holds number N asks for what came after it, and one that holds nothing (or
 * numbers of an earlier run of this process) gets everything. Only the latest result per server is
 * kept, so the journal never outgrows the servers this node owns and a slow reader skips the
 * results that were replaced in the meantime.
 */
public final class ProbeJournal {

    /** One result: a valid probe's state, or a failed probe's error. */
    public record Entry(long seq, InstanceKey key, Instant at, ServerState state, String error) {
    }

    /** A page of entries after a number, and the number to ask after next (the last one given, or the newest). */
    public record Page(List<Entry> entries, long next, boolean more) {
    }

    private final Map<InstanceKey, Entry> latest = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Long, Entry> bySeq = new ConcurrentSkipListMap<>();
    private final Set<CompletableFuture<Void>> waiting = ConcurrentHashMap.newKeySet();
    private long seq;

    /** Records a result, replacing the server's previous one, and wakes the readers waiting for news. */
    public void publish(InstanceKey key, Instant at, ServerState state, String error) {
        synchronized (this) {
            Entry e = new Entry(++seq, key, at, state, error);
            Entry before = latest.put(key, e);
            if (before != null) {
                bySeq.remove(before.seq());
            }
            bySeq.put(e.seq(), e);
        }
        wake();
    }

    /** Drops the servers the predicate names (forgotten, or no longer this node's). */
    public synchronized void removeIf(Predicate<InstanceKey> drop) {
        latest.values().removeIf(e -> {
            if (drop.test(e.key())) {
                bySeq.remove(e.seq());
                return true;
            }
            return false;
        });
    }

    /** At most limit entries numbered after since, oldest first. */
    public synchronized Page after(long since, int limit) {
        List<Entry> page = new ArrayList<>();
        for (Entry e : bySeq.tailMap(since, false).values()) {
            if (page.size() == limit) {
                return new Page(page, page.get(page.size() - 1).seq(), true);
            }
            page.add(e);
        }
        return new Page(page, Math.max(since, seq), false);
    }

    /** The newest number given out. */
    public synchronized long newest() {
        return seq;
    }

    public int size() {
        return latest.size();
    }

    /** Completes when an entry numbered after since exists, or after the wait, whichever comes first. */
    public CompletableFuture<Void> awaitAfter(long since, long waitMillis) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        waiting.add(f);
        synchronized (this) {
            if (!bySeq.tailMap(since, false).isEmpty()) {
                f.complete(null);
            }
        }
        f.completeOnTimeout(null, waitMillis, TimeUnit.MILLISECONDS);
        return f.whenComplete((v, e) -> waiting.remove(f));
    }

    private void wake() {
        for (CompletableFuture<Void> f : waiting) {
            f.complete(null);
        }
    }
}
