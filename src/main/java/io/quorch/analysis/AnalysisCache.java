package io.quorch.analysis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quorch.config.Reloadable;
import io.quorch.config.ReloadableSettings;
import io.quorch.domain.Downtime;
import io.quorch.domain.InstanceKey;
import io.quorch.store.DowntimeStore;

/**
 * The latest analysis of every cluster, kept in memory for the read API and the web UI. Each
 * request first analyses again the clusters that changed since: those whose servers
 * {@link FleetMemory} recorded anew (a probe, a forget), those with a server whose downtime began
 * or ended (downtimes are read at every request, a small table), and every cluster when the
 * reloadable settings changed. So an answer is never older than the last probe recorded before
 * the request, and a fleet of thousands costs only its changed clusters.
 */
@ApplicationScoped
public class AnalysisCache {

    private final FleetMemory fleet;
    private final DowntimeStore downtimes;
    private final ReloadableSettings settings;
    private final Map<String, Result> results = new ConcurrentHashMap<>();
    /** What the results were computed with; guarded by this. */
    private Set<InstanceKey> downtimedUsed = Set.of();
    private Reloadable settingsUsed;
    private long analysed;

    /** One cluster's analysis and the version of the cluster it was computed from. */
    private record Result(long version, List<ReplicationAnalysis> entries) {
    }

    public AnalysisCache(FleetMemory fleet, DowntimeStore downtimes, ReloadableSettings settings) {
        this.fleet = fleet;
        this.downtimes = downtimes;
        this.settings = settings;
    }

    /** Every cluster's problems, clusters by name and servers as the backend orders them. */
    public synchronized List<ReplicationAnalysis> all() {
        Map<String, Long> versions = refresh();
        List<ReplicationAnalysis> out = new ArrayList<>();
        for (String cluster : new TreeMap<>(versions).keySet()) {
            Result r = results.get(cluster);
            if (r != null) {
                out.addAll(r.entries());
            }
        }
        return out;
    }

    /** One cluster's problems (none for a cluster this node does not know). */
    public synchronized List<ReplicationAnalysis> cluster(String clusterName) {
        refresh();
        Result r = results.get(clusterName);
        return r == null ? List.of() : r.entries();
    }

    /** How many cluster analyses were computed since start (each request computes only the changed ones). */
    public synchronized long analysed() {
        return analysed;
    }

    private Map<String, Long> refresh() {
        Instant now = Instant.now();
        Reloadable s = settings.get();
        Set<InstanceKey> down = downtimes.allActive(now).stream().map(Downtime::key).collect(Collectors.toSet());
        boolean everything = s != settingsUsed;
        Set<String> touched = new HashSet<>();
        if (!everything && !down.equals(downtimedUsed)) {
            for (InstanceKey k : symmetricDifference(down, downtimedUsed)) {
                fleet.clusterOf(k).ifPresent(touched::add);
            }
        }
        // the versions are read before the servers: a change in between only means one more pass later
        Map<String, Long> versions = fleet.clusterVersions();
        results.keySet().retainAll(versions.keySet());
        for (Map.Entry<String, Long> e : versions.entrySet()) {
            Result r = results.get(e.getKey());
            if (everything || r == null || r.version() != e.getValue() || touched.contains(e.getKey())) {
                results.put(e.getKey(), new Result(e.getValue(),
                        AnalysisService.analyze(fleet.cluster(e.getKey()), down, now, s)));
                analysed++;
            }
        }
        settingsUsed = s;
        downtimedUsed = down;
        return versions;
    }

    private static Set<InstanceKey> symmetricDifference(Set<InstanceKey> a, Set<InstanceKey> b) {
        Set<InstanceKey> out = new HashSet<>(a);
        out.addAll(b);
        Set<InstanceKey> both = new HashSet<>(a);
        both.retainAll(b);
        out.removeAll(both);
        return out;
    }
}
