package io.quorch.consensus;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import io.quorch.consensus.ReplicatedCommand.Discover;
import io.quorch.consensus.ReplicatedCommand.Forget;
import io.quorch.consensus.ReplicatedCommand.ForgetCluster;
import io.quorch.consensus.ReplicatedCommand.SetClusterAlias;
import io.quorch.store.ClusterAliasStore;
import io.quorch.store.DiscoveryStore;
import io.quorch.store.InstanceStore;

/**
 * Applies a replicated command to this node's backend, and nothing else (besides telling local
 * listeners what changed).
 */
@ApplicationScoped
public class CommandApplier {

    private final InstanceStore instances;
    private final DiscoveryStore discovery;
    private final ClusterAliasStore aliases;
    private final Event<InstancesForgotten> forgotten;

    public CommandApplier(InstanceStore instances, DiscoveryStore discovery, ClusterAliasStore aliases,
            Event<InstancesForgotten> forgotten) {
        this.instances = instances;
        this.discovery = discovery;
        this.aliases = aliases;
        this.forgotten = forgotten;
    }

    public void apply(ReplicatedCommand command) {
        switch (command) {
            case Discover d -> discovery.addSeed(d.key(), d.at());
            case Forget f -> {
                discovery.removeSeed(f.key());
                instances.forget(f.key());
                forgotten.fire(new InstancesForgotten(Set.of(f.key()), f.at()));
            }
            case ForgetCluster fc -> {
                Set<io.quorch.domain.InstanceKey> keys = instances.readCluster(fc.clusterName()).stream()
                        .map(i -> i.key()).collect(Collectors.toSet());
                instances.forgetCluster(fc.clusterName());
                forgotten.fire(new InstancesForgotten(keys, fc.at()));
            }
            case SetClusterAlias a -> aliases.setAlias(a.clusterName(), a.alias(), true, a.at());
        }
    }
}
