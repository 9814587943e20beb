package io.quorch.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;

/**
 * What planning a move reads: the known servers as last probed, which of them are in maintenance, the
 * lag a moved replica may have (ReasonableMaintenanceReplicationLagSeconds), and the clock.
 */
public record TopologySnapshot(
        Map<InstanceKey, Instance> instances,
        Predicate<InstanceKey> inMaintenance,
        int maxLagSeconds,
        Instant now,
        Duration pollInterval) {

    public TopologySnapshot {
        instances = Map.copyOf(instances);
    }

    public static TopologySnapshot of(Collection<Instance> all, Predicate<InstanceKey> inMaintenance, int maxLagSeconds,
            Instant now, Duration pollInterval) {
        Map<InstanceKey, Instance> m = new LinkedHashMap<>();
        all.forEach(i -> m.put(i.key(), i));
        return new TopologySnapshot(m, inMaintenance, maxLagSeconds, now, pollInterval);
    }

    public Optional<Instance> find(InstanceKey key) {
        return Optional.ofNullable(key == null ? null : instances.get(key));
    }

    /** The server, or a refusal naming it. */
    public Instance require(InstanceKey key) {
        return find(key).orElseThrow(() -> new MoveRefusedException("instance not found: " + key));
    }

    /** Its direct replicas, ordered by key. */
    public List<Instance> replicasOf(InstanceKey key) {
        return instances.values().stream().filter(i -> key.equals(i.masterKey()))
                .sorted(Comparator.comparing(Instance::key)).toList();
    }
}
