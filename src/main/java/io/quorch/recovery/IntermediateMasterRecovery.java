package io.quorch.recovery;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quorch.discovery.TopologyProbes;
import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.store.InstanceStore;

/**
 * Moves the replicas of a dead intermediate primary by GTID: up under its own primary when that
 * one answers, else under a sibling that logs replication updates.
 */
@ApplicationScoped
public class IntermediateMasterRecovery {

    private final MasterFailover failover;
    private final TopologyProbes discovery;
    private final InstanceStore instances;

    public IntermediateMasterRecovery(MasterFailover failover, TopologyProbes discovery, InstanceStore instances) {
        this.failover = failover;
        this.discovery = discovery;
        this.instances = instances;
    }

    public boolean run(RecoveryContext ctx, InstanceKey deadKey) {
        Instance dead = instances.read(deadKey).orElse(null);
        if (dead == null || dead.masterKey() == null) {
            ctx.error(deadKey + " is not a known intermediate primary");
            return false;
        }
        Optional<Instance> target = newParent(dead);
        if (target.isEmpty()) {
            ctx.error("no reachable server to move the replicas of " + deadKey + " under");
            return false;
        }
        List<Instance> replicas = instances.replicasOf(deadKey);
        replicas.stream().filter(r -> !r.lastCheckValid()).forEach(r -> ctx.lost(r.key(), "unreachable"));
        List<Instance> reachable = replicas.stream().filter(Instance::lastCheckValid).toList();
        if (reachable.isEmpty()) {
            ctx.error("no reachable replica of " + deadKey);
            return false;
        }
        InstanceKey parent = target.get().key();
        ctx.successor(parent);
        ctx.step("moving " + MasterFailover.keys(reachable) + " under " + parent);
        var failures = Parallel.forEach(reachable, r -> failover.repoint(ctx, r, parent));
        MasterFailover.stopIfNotLeading(failures);
        for (var f : failures) {
            ctx.lost(f.item().key(), "repointing failed: " + f.message());
        }
        reachable.forEach(r -> {
            ctx.participant(r.key());
            discovery.requestProbe(r.key());
        });
        return ctx.lostReplicas().size() < replicas.size();
    }

    private Optional<Instance> newParent(Instance dead) {
        Optional<Instance> up = instances.read(dead.masterKey()).filter(Instance::lastCheckValid);
        if (up.isPresent()) {
            return up;
        }
        return instances.replicasOf(dead.masterKey()).stream()
                .filter(s -> !s.key().equals(dead.key()) && s.lastCheckValid() && s.state().logBinEnabled()
                        && s.state().logReplicationUpdatesEnabled())
                .findFirst();
    }
}
