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
 * Gathers the facts from the store and runs the pure analyzer over them, with the settings of the
 * moment: ReasonableReplicationLagSeconds, and RecoveryIgnoreHostnameFilters, whose servers are
 * left out of the answer entirely (so they are never recovered), as orchestrator does.
 */
@ApplicationScoped
public class AnalysisService {

    private final InstanceStore instances;
    private final DowntimeStore downtimes;
    private final ReloadableSettings settings;
    /** Set by CDI; {@link QuorchMetrics#NONE} when built outside it. */
    @Inject
    QuorchMetrics quorchMetrics = QuorchMetrics.NONE;

    public AnalysisService(InstanceStore instances, DowntimeStore downtimes, ReloadableSettings settings) {
        this.instances = instances;
        this.downtimes = downtimes;
        this.settings = settings;
    }

    public List<ReplicationAnalysis> analyzeAll() {
        return quorchMetrics.analyzed(analyze(instances.readAll()));
    }

    public List<ReplicationAnalysis> analyzeCluster(String clusterName) {
        return analyze(instances.readCluster(clusterName));
    }

    private List<ReplicationAnalysis> analyze(List<Instance> members) {
        Instant now = Instant.now();
        Reloadable s = settings.get();
        List<ReplicationAnalysis> all = Analyzer.analyze(members, downtimed(now)::contains, now,
                s.reasonableReplicationLagSeconds());
        if (s.recoveryIgnore().isEmpty()) {
            return all;
        }
        return all.stream().filter(a -> !s.recoveryIgnore().matchesHostname(a.key().hostname())).toList();
    }

    public List<ReplicationAnalysis> analyzeInstance(InstanceKey key) {
        return instances.read(key).map(i -> analyzeCluster(i.clusterName()).stream()
                .filter(a -> a.key().equals(key)).toList()).orElse(List.of());
    }

    private Set<InstanceKey> downtimed(Instant now) {
        return downtimes.allActive(now).stream().map(Downtime::key).collect(Collectors.toSet());
    }
}
