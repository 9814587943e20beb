package io.quorch.analysis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quorch.consensus.InstancesForgotten;
import io.quorch.discovery.InstanceProbed;
import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.store.InstanceStore;

/**
 * This node's picture of every known server, in memory: read from the backend once, then kept
 * current by what discovery records (each probe's {@link InstanceProbed}) and by forgets. Every
 * change stamps the clusters it touched with a new version, so that {@link AnalysisCache} analyses
 * again only those. {@link #reconcile()}, run by {@link FleetMemoryJob}, compares the picture with
 * the backend now and then, so that a row written some other way is not missed for long.
 */
@ApplicationScoped
public class FleetMemory implements FleetView {

    private final InstanceStore store;
    /** Guards every change: a server moving between clusters changes three maps together. */
    private final Object lock = new Object();
    private final Object reconciling = new Object();
    private final Map<InstanceKey, Held> byKey = new ConcurrentHashMap<>();
    private final Map<String, Map<InstanceKey, Instance>> byCluster = new ConcurrentHashMap<>();
    /** Per cluster, the version of its last change; a cluster without servers has none. */
    private final Map<String, Long> versions = new ConcurrentHashMap<>();
    /** Servers forgotten, with the version of the forget, until a reconcile that began after it ends. */
    private final Map<InstanceKey, Long> forgotten = new ConcurrentHashMap<>();
    private long version;
    private volatile boolean loaded;

    /** A server as last recorded, and the version of that change. */
    private record Held(Instance instance, long version) {
    }

    @Inject
    public FleetMemory(InstanceStore store) {
        this.store = store;
    }

    void onProbe(@Observes InstanceProbed event) {
        record(event.instance());
    }

    void onForgotten(@Observes InstancesForgotten event) {
        forget(event.keys());
    }

    /** A server as discovery just wrote it; an older record than the one held is ignored. */
    public void record(Instance i) {
        synchronized (lock) {
            Held held = byKey.get(i.key());
            if (held != null && i.lastChecked().isBefore(held.instance().lastChecked())) {
                return;
            }
            place(i, held);
        }
    }

    public void forget(Collection<InstanceKey> keys) {
        synchronized (lock) {
            long v = ++version;
            for (InstanceKey k : keys) {
                forgotten.put(k, v);
                Held held = byKey.remove(k);
                if (held != null) {
                    leave(held.instance(), v);
                }
            }
        }
    }

    /**
     * Reads every server from the backend and takes what differs from the picture, unless
     * discovery recorded the server (or it was forgotten) while the backend was read; drops what
     * the backend no longer has. The first call loads the picture.
     */
    public void reconcile() {
        synchronized (reconciling) {
            long start;
            synchronized (lock) {
                start = version;
            }
            List<Instance> stored = store.readAll();
            synchronized (lock) {
                Set<InstanceKey> seen = new HashSet<>();
                for (Instance i : stored) {
                    seen.add(i.key());
                    Long gone = forgotten.get(i.key());
                    Held held = byKey.get(i.key());
                    if ((gone == null || gone <= start)
                            && (held == null || held.version() <= start && differs(held.instance(), i))) {
                        place(i, held);
                    }
                }
                for (Held held : List.copyOf(byKey.values())) {
                    if (held.version() <= start && !seen.contains(held.instance().key())) {
                        byKey.remove(held.instance().key());
                        leave(held.instance(), ++version);
                    }
                }
                forgotten.values().removeIf(v -> v <= start);
            }
            loaded = true;
        }
    }

    /** What a reconcile takes from the backend: a later probe, or another placement or outcome. */
    private static boolean differs(Instance held, Instance stored) {
        return stored.lastChecked().toEpochMilli() > held.lastChecked().toEpochMilli()
                || !stored.clusterName().equals(held.clusterName())
                || stored.replicationDepth() != held.replicationDepth()
                || stored.lastCheckValid() != held.lastCheckValid()
                || stored.consecutiveFailures() != held.consecutiveFailures();
    }

    /** Under the lock. */
    private void place(Instance i, Held held) {
        long v = ++version;
        byKey.put(i.key(), new Held(i, v));
        if (held != null && !held.instance().clusterName().equals(i.clusterName())) {
            leave(held.instance(), v);
        }
        byCluster.computeIfAbsent(i.clusterName(), c -> new ConcurrentHashMap<>()).put(i.key(), i);
        versions.put(i.clusterName(), v);
    }

    /** Under the lock. */
    private void leave(Instance i, long v) {
        Map<InstanceKey, Instance> members = byCluster.get(i.clusterName());
        if (members == null) {
            return;
        }
        members.remove(i.key());
        if (members.isEmpty()) {
            byCluster.remove(i.clusterName());
            versions.remove(i.clusterName());
        } else {
            versions.put(i.clusterName(), v);
        }
    }

    private void ensureLoaded() {
        if (!loaded) {
            reconcile();
        }
    }

    /** Each cluster's version: it changes whenever one of its servers does, or one joins or leaves it. */
    Map<String, Long> clusterVersions() {
        ensureLoaded();
        return new HashMap<>(versions);
    }

    /** The cluster a known server is in. */
    Optional<String> clusterOf(InstanceKey key) {
        Held held = byKey.get(key);
        return held == null ? Optional.empty() : Optional.of(held.instance().clusterName());
    }

    @Override
    public List<String> clusterNames() {
        ensureLoaded();
        return List.copyOf(new TreeSet<>(byCluster.keySet()));
    }

    @Override
    public List<Instance> cluster(String clusterName) {
        ensureLoaded();
        Map<InstanceKey, Instance> members = byCluster.get(clusterName);
        if (members == null) {
            return List.of();
        }
        List<Instance> out = new ArrayList<>(members.values());
        out.sort(ORDER);
        return out;
    }

    @Override
    public List<Instance> all() {
        List<Instance> out = new ArrayList<>(byKey.size());
        for (String c : clusterNames()) {
            out.addAll(cluster(c));
        }
        return out;
    }

    @Override
    public Optional<Instance> read(InstanceKey key) {
        ensureLoaded();
        return Optional.ofNullable(byKey.get(key)).map(Held::instance);
    }

    @Override
    public List<Instant> lastCheckedTimes() {
        ensureLoaded();
        return byKey.values().stream().map(h -> h.instance().lastChecked()).toList();
    }

    @Override
    public List<InstanceKey> keys() {
        ensureLoaded();
        return List.copyOf(byKey.keySet());
    }

    /** How many servers the picture holds. */
    public int size() {
        ensureLoaded();
        return byKey.size();
    }
}
