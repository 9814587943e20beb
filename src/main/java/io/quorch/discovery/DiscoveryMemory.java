package io.quorch.discovery;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import io.quorch.domain.InstanceKey;

/**
 * What discovery remembers per server between probes: when each probe last started, which
 * servers were forgotten lately (kept out of crawling for a quarantine), and the alias last
 * detected for each cluster. Everything about a server goes when it is forgotten or no longer
 * known, so these maps never outgrow the fleet.
 */
final class DiscoveryMemory {

    private final Map<InstanceKey, Instant> forgotten = new ConcurrentHashMap<>();
    private final Map<InstanceKey, Instant> lastProbeStart = new ConcurrentHashMap<>();
    /** Each replica's primary, from its last valid probe: the servers that are primaries to someone. */
    private final Map<InstanceKey, InstanceKey> primaryOf = new ConcurrentHashMap<>();
    /** When what this node holds of each server was checked (its own probe or one received), as recorded here. */
    private final Map<InstanceKey, Instant> lastRecorded = new ConcurrentHashMap<>();
    /** Servers whose role a valid probe told (whom they replicate from, or no one). */
    private final Set<InstanceKey> described = ConcurrentHashMap.newKeySet();
    /** Keyed by cluster name, which is the top primary's key as host:port. */
    private final Map<String, String> detectedAliases = new ConcurrentHashMap<>();
    private final AtomicLong changes = new AtomicLong();

    void probeStarted(InstanceKey key, Instant at) {
        lastProbeStart.put(key, at);
    }

    Instant lastProbeStart(InstanceKey key) {
        return lastProbeStart.get(key);
    }

    /** Records a result checked at this time, unless a newer one is recorded; false when it is not newer. */
    boolean recorded(InstanceKey key, Instant checkedAt) {
        Instant[] before = new Instant[1];
        lastRecorded.compute(key, (k, old) -> {
            before[0] = old;
            return old == null || old.isBefore(checkedAt) ? checkedAt : old;
        });
        return before[0] == null || before[0].isBefore(checkedAt);
    }

    /** Records whom a server replicates from, as its valid probe said (null: from no one). */
    void replicates(InstanceKey replica, InstanceKey primary) {
        boolean changed = described.add(replica);
        InstanceKey before = primary == null ? primaryOf.remove(replica) : primaryOf.put(replica, primary);
        if (changed || !java.util.Objects.equals(before, primary)) {
            changes.incrementAndGet();
        }
    }

    /** Counts the changes of who replicates from whom: the role sets need working out again when it moved. */
    long changes() {
        return changes.get();
    }

    /** The servers some known replica replicates from: primaries and intermediate primaries. */
    Set<InstanceKey> primaries() {
        return Set.copyOf(primaryOf.values());
    }

    /**
     * Plain replicas: servers that replicate from someone and from which no known server
     * replicates. The others (top primaries, co-primaries, intermediate primaries, servers never
     * probed successfully) are probed by every node when the probing is shared.
     */
    Set<InstanceKey> plainReplicas() {
        Set<InstanceKey> primaries = new HashSet<>(primaryOf.values());
        Set<InstanceKey> plain = new HashSet<>();
        for (InstanceKey k : primaryOf.keySet()) {
            if (!primaries.contains(k) && described.contains(k)) {
                plain.add(k);
            }
        }
        return plain;
    }

    boolean isForgotten(InstanceKey key) {
        return forgotten.containsKey(key);
    }

    /** Records the alias detected for a cluster; true when it differs from the one recorded before. */
    boolean aliasDetected(String cluster, String alias) {
        return !alias.equals(detectedAliases.put(cluster, alias));
    }

    /** The servers were forgotten: drop what is known about them and keep them out for a while. */
    void forget(Collection<InstanceKey> keys, Instant at) {
        changes.incrementAndGet();
        for (InstanceKey key : keys) {
            forgotten.put(key, at);
            lastProbeStart.remove(key);
            lastRecorded.remove(key);
            primaryOf.remove(key);
            described.remove(key);
            detectedAliases.remove(key.toString());
        }
    }

    /** Ends the quarantines older than the given one (a cheap look: few servers are forgotten at once). */
    void endQuarantines(Instant now, Duration quarantine) {
        if (forgotten.values().removeIf(at -> at.isBefore(now.minus(quarantine)))) {
            changes.incrementAndGet();
        }
    }

    /**
     * Ends quarantines older than the given one and drops every entry of a server that is neither
     * known nor wanted (a server probed once that never answered, a cluster whose primary went).
     */
    void prune(Set<InstanceKey> keep, Instant now, Duration quarantine) {
        endQuarantines(now, quarantine);
        lastProbeStart.keySet().removeIf(k -> !keep.contains(k));
        lastRecorded.keySet().removeIf(k -> !keep.contains(k));
        primaryOf.keySet().removeIf(k -> !keep.contains(k));
        described.removeIf(k -> !keep.contains(k));
        Set<String> clusters = keep.stream().map(InstanceKey::toString).collect(Collectors.toSet());
        detectedAliases.keySet().removeIf(c -> !clusters.contains(c));
    }

    /** Entries held, for tests: forgotten, probe starts, aliases, replicas' primaries. */
    int[] sizes() {
        return new int[] {forgotten.size(), lastProbeStart.size(), detectedAliases.size(), primaryOf.size()};
    }
}
