package io.quorch.analysis;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quorch.config.Reloadable;
import io.quorch.config.ReloadableSettings;
import io.quorch.domain.Downtime;
import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.metrics.QuorchMetrics;
import io.quorch.store.DowntimeStore;
import io.quorch.store.InstanceStore;

/**
 * Runs the pure analyzer with the settings of the moment: ReasonableReplicationLagSeconds, and
 * RecoveryIgnoreHostnameFilters, whose servers are left out of the answer entirely (so they are
 * never recovered), as orchestrator does. Two sources: {@link #analyzeCluster} and
 * {@link #analyzeInstance} read the backend at the call, for recovery, which must act on the
 * evidence that reached the backend; {@link #analyzeAll}, {@link #latestCluster} and
 * {@link #latestInstance} answer from {@link AnalysisCache}, as fresh as the last recorded probe,
 * for the read API, the web UI and the recovery job's search for troubled clusters.
 */
@ApplicationScoped
public class AnalysisService {

    private final InstanceStore instances;
    private final DowntimeStore downtimes;
    private final ReloadableSettings settings;
    private final AnalysisCache cache;
    private final FleetMemory fleet;
    /** Set by CDI; {@link QuorchMetrics#NONE} when built outside it. */
    @Inject
    QuorchMetrics quorchMetrics = QuorchMetrics.NONE;

    /** Outside CDI: the picture is read from the backend at the first {@link #analyzeAll}. */
    public AnalysisService(InstanceStore instances, DowntimeStore downtimes, ReloadableSettings settings) {
        this(instances, downtimes, settings, new FleetMemory(instances));
    }

    private AnalysisService(InstanceStore instances, DowntimeStore downtimes, ReloadableSettings settings,
            FleetMemory fleet) {
        this(instances, downtimes, settings, fleet, new AnalysisCache(fleet, downtimes, settings));
    }

    @Inject
    public AnalysisService(InstanceStore instances, DowntimeStore downtimes, ReloadableSettings settings,
            FleetMemory fleet, AnalysisCache cache) {
        this.instances = instances;
        this.downtimes = downtimes;
        this.settings = settings;
        this.fleet = fleet;
        this.cache = cache;
    }

    /** Every cluster's problems, from memory. */
    public List<ReplicationAnalysis> analyzeAll() {
        return quorchMetrics.analyzed(cache.all());
    }

    /** One cluster's problems, from memory. */
    public List<ReplicationAnalysis> latestCluster(String clusterName) {
        return cache.cluster(clusterName);
    }

    /** One server's problems, from memory. */
    public List<ReplicationAnalysis> latestInstance(InstanceKey key) {
        return fleet.read(key).map(i -> of(key, latestCluster(i.clusterName()))).orElse(List.of());
    }

    /** One cluster's problems, read from the backend now. */
    public List<ReplicationAnalysis> analyzeCluster(String clusterName) {
        Instant now = Instant.now();
        return analyze(instances.readCluster(clusterName), downtimed(now), now, settings.get());
    }

    /** One server's problems, read from the backend now. */
    public List<ReplicationAnalysis> analyzeInstance(InstanceKey key) {
        return instances.read(key).map(i -> of(key, analyzeCluster(i.clusterName()))).orElse(List.of());
    }

    private static List<ReplicationAnalysis> of(InstanceKey key, List<ReplicationAnalysis> cluster) {
        return cluster.stream().filter(a -> a.key().equals(key)).toList();
    }

    /** The analyzer over one cluster's servers (or all), RecoveryIgnoreHostnameFilters applied. */
    static List<ReplicationAnalysis> analyze(List<Instance> members, Set<InstanceKey> downtimed, Instant now,
            Reloadable s) {
        List<ReplicationAnalysis> all = Analyzer.analyze(members, downtimed::contains, now,
                s.reasonableReplicationLagSeconds());
        if (s.recoveryIgnore().isEmpty()) {
            return all;
        }
        return all.stream().filter(a -> !s.recoveryIgnore().matchesHostname(a.key().hostname())).toList();
    }

    private Set<InstanceKey> downtimed(Instant now) {
        return downtimes.allActive(now).stream().map(Downtime::key).collect(Collectors.toSet());
    }
}
