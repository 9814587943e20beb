package io.quorch.analysis;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quorch.domain.Downtime;
import io.quorch.domain.InstanceKey;
import io.quorch.store.DowntimeStore;
import io.quorch.store.InstanceStore;

/** Gathers the facts from the store and runs the pure analyzer over them. */
@ApplicationScoped
public class AnalysisService {

    private final InstanceStore instances;
    private final DowntimeStore downtimes;

    public AnalysisService(InstanceStore instances, DowntimeStore downtimes) {
        this.instances = instances;
        this.downtimes = downtimes;
    }

    public List<ReplicationAnalysis> analyzeAll() {
        Instant now = Instant.now();
        return Analyzer.analyze(instances.readAll(), downtimed(now)::contains, now);
    }

    public List<ReplicationAnalysis> analyzeCluster(String clusterName) {
        Instant now = Instant.now();
        return Analyzer.analyze(instances.readCluster(clusterName), downtimed(now)::contains, now);
    }

    public List<ReplicationAnalysis> analyzeInstance(InstanceKey key) {
        return instances.read(key).map(i -> analyzeCluster(i.clusterName()).stream()
                .filter(a -> a.key().equals(key)).toList()).orElse(List.of());
    }

    private Set<InstanceKey> downtimed(Instant now) {
        return downtimes.allActive(now).stream().map(Downtime::key).collect(Collectors.toSet());
    }
}
