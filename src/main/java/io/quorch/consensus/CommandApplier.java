package io.quorch.consensus;

import java.time.Instant;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import io.quorch.consensus.ReplicatedCommand.AckRecovery;
import io.quorch.consensus.ReplicatedCommand.BeginDowntime;
import io.quorch.consensus.ReplicatedCommand.BeginMaintenance;
import io.quorch.consensus.ReplicatedCommand.Discover;
import io.quorch.consensus.ReplicatedCommand.EndDowntime;
import io.quorch.consensus.ReplicatedCommand.EndMaintenance;
import io.quorch.consensus.ReplicatedCommand.Forget;
import io.quorch.consensus.ReplicatedCommand.ForgetCluster;
import io.quorch.consensus.ReplicatedCommand.RegisterCandidate;
import io.quorch.consensus.ReplicatedCommand.RegisterFailureDetection;
import io.quorch.consensus.ReplicatedCommand.ResolveRecovery;
import io.quorch.consensus.ReplicatedCommand.SetClusterAlias;
import io.quorch.consensus.ReplicatedCommand.SetGlobalRecoveries;
import io.quorch.consensus.ReplicatedCommand.WriteRecovery;
import io.quorch.consensus.ReplicatedCommand.WriteRecoveryStep;
import io.quorch.domain.Downtime;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.Maintenance;
import io.quorch.metrics.QuorchMetrics;
import io.quorch.store.CandidateStore;
import io.quorch.store.ClusterAliasStore;
import io.quorch.store.DiscoveryStore;
import io.quorch.store.DowntimeStore;
import io.quorch.store.InstanceStore;
import io.quorch.store.MaintenanceStore;
import io.quorch.store.NodeStateStore;
import io.quorch.store.RecoveryStore;
import io.quorch.store.ReplicatedStateStore;
import io.quorch.store.ReplicatedStateStore.Forgotten;

/**
 * Applies a replicated command to this node's backend, and nothing else (besides telling local
 * listeners what changed).
 */
@ApplicationScoped
public class CommandApplier {

    private final InstanceStore instances;
    private final DiscoveryStore discovery;
    private final ClusterAliasStore aliases;
    private final DowntimeStore downtimes;
    private final CandidateStore candidates;
    private final RecoveryStore recoveries;
    private final NodeStateStore nodeState;
    private final ReplicatedStateStore state;
    private final Consumer<InstancesForgotten> forgotten;
    private final MaintenanceStore maintenance;
    /** Set by CDI; {@link QuorchMetrics#NONE} when built outside it. */
    @Inject
    QuorchMetrics quorchMetrics = QuorchMetrics.NONE;

    /** Where the leader's id and HTTP API URL are kept (replicated, so in snapshots too). */
    public static final String LEADER_URI = "replicated.leader_uri";
    /** The last configuration reload requested: "epochMillis" or "epochMillis file". */
    public static final String CONFIG_RELOAD = "replicated.config_reload";

    /** The nodes sharing the probing: "epochMillis" then one node per line (ProbeNode.encode). */
    public static final String PROBE_ASSIGNMENT = "replicated.probe_assignment";

    /** This node's own record of the log index through which it applied every forget (not replicated). */
    static final String FORGETS_APPLIED = "local.forgets_applied_through";

    @Inject
    public CommandApplier(InstanceStore instances, DiscoveryStore discovery, ClusterAliasStore aliases,
            DowntimeStore downtimes, CandidateStore candidates, RecoveryStore recoveries, NodeStateStore nodeState,
            ReplicatedStateStore state, MaintenanceStore maintenance, Event<InstancesForgotten> forgotten) {
        this(instances, discovery, aliases, downtimes, candidates, recoveries, nodeState, state, maintenance,
                (Consumer<InstancesForgotten>) forgotten::fire);
    }

    /** Outside CDI, without maintenance (a maintenance command then fails): forgotten servers are told to the listener. */
    public CommandApplier(InstanceStore instances, DiscoveryStore discovery, ClusterAliasStore aliases,
            DowntimeStore downtimes, CandidateStore candidates, RecoveryStore recoveries, NodeStateStore nodeState,
            ReplicatedStateStore state, Consumer<InstancesForgotten> forgotten) {
        this(instances, discovery, aliases, downtimes, candidates, recoveries, nodeState, state, null, forgotten);
    }

    /** Outside CDI: forgotten servers are told to the given listener. */
    public CommandApplier(InstanceStore instances, DiscoveryStore discovery, ClusterAliasStore aliases,
            DowntimeStore downtimes, CandidateStore candidates, RecoveryStore recoveries, NodeStateStore nodeState,
            ReplicatedStateStore state, MaintenanceStore maintenance, Consumer<InstancesForgotten> forgotten) {
        this.maintenance = maintenance;
        this.nodeState = nodeState;
        this.state = state;
        this.instances = instances;
        this.discovery = discovery;
        this.aliases = aliases;
        this.downtimes = downtimes;
        this.candidates = candidates;
        this.recoveries = recoveries;
        this.forgotten = forgotten;
    }

    /** Applies a command outside any log (single-node mode). */
    public void apply(ReplicatedCommand command) {
        apply(command, 0);
    }

    /** Applies the command at this raft log index. */
    public void apply(ReplicatedCommand command, long index) {
        long start = System.nanoTime();
        applyAt(command, index);
        quorchMetrics.applied(command.getClass(), System.nanoTime() - start);
    }

    private void applyAt(ReplicatedCommand command, long index) {
        switch (command) {
            case Discover d -> discovery.addSeed(d.key(), d.at());
            case Forget f -> {
                discovery.removeSeed(f.key());
                state.recordForgotten(new Forgotten(f.key(), null, f.at(), index));
                forget(f.key(), f.at());
            }
            case ForgetCluster fc -> {
                state.recordForgotten(new Forgotten(null, fc.clusterName(), fc.at(), index));
                forgetCluster(fc.clusterName(), fc.at());
            }
            case SetClusterAlias a -> aliases.setAlias(a.clusterName(), a.alias(), true, a.at());
            case BeginDowntime d -> downtimes.begin(new Downtime(d.key(), d.owner(), d.reason(), d.at(), d.until()));
            case EndDowntime d -> downtimes.end(d.key());
            case BeginMaintenance m -> maintenance().begin(new Maintenance(0, m.key(), m.owner(), m.reason(), m.at(),
                    m.until()));
            case EndMaintenance m -> maintenance().end(m.key());
            case RegisterCandidate c -> candidates.register(c.key(), c.rule(), c.at());
            case AckRecovery a -> recoveries.acknowledge(a.selector(), a.by(), a.comment(), a.at());
            case SetGlobalRecoveries g -> recoveries.setRecoveriesDisabled(g.disabled(), g.at());
            case RegisterFailureDetection d -> recoveries.registerDetection(d.detection());
            case WriteRecovery w -> recoveries.writeRecovery(w.recovery());
            case WriteRecoveryStep s -> recoveries.writeStep(s.step());
            case ReplicatedCommand.SetLeaderUri l -> nodeState.put(LEADER_URI, l.leaderId() + " " + l.uri());
            case ResolveRecovery r -> recoveries.resolveRecovery(r.uid(), r.successful(), r.successor(),
                    r.lostReplicas(), r.participating(), r.errors(), r.at());
            case ReplicatedCommand.PurgeHistory p -> state.purge(p.before());
            case ReplicatedCommand.ReloadConfiguration r -> nodeState.put(CONFIG_RELOAD,
                    r.at().toEpochMilli() + (r.file() == null ? "" : " " + r.file()));
            case ReplicatedCommand.SetProbeAssignment a -> nodeState.put(PROBE_ASSIGNMENT,
                    a.at().toEpochMilli() + "\n" + io.quorch.domain.ProbeNode.encode(a.nodes()));
        }
    }

    /**
     * After restoring a snapshot: applies the forgets recorded after the given log index, which this
     * node had not applied yet (the snapshot restores replicated tables, not discovered instances).
     */
    public void applyForgottenAfter(long index) {
        for (Forgotten f : state.forgottenAfter(index)) {
            if (f.key() != null) {
                forget(f.key(), f.at());
            } else if (f.clusterName() != null) {
                forgetCluster(f.clusterName(), f.at());
            }
        }
    }

    /** The log index through which this node applied every forget, if it recorded one. */
    public java.util.OptionalLong forgetsAppliedThrough() {
        return nodeState.get(FORGETS_APPLIED).map(v -> java.util.OptionalLong.of(Long.parseLong(v)))
                .orElse(java.util.OptionalLong.empty());
    }

    /** Records that every forget through this log index is applied here (after a snapshot is taken or restored). */
    public void markForgetsAppliedThrough(long index) {
        nodeState.put(FORGETS_APPLIED, Long.toString(index));
    }

    private MaintenanceStore maintenance() {
        if (maintenance == null) {
            throw new IllegalStateException("this applier was built without a maintenance store");
        }
        return maintenance;
    }

    private void forget(InstanceKey key, Instant at) {
        instances.forget(key);
        forgotten.accept(new InstancesForgotten(Set.of(key), at));
    }

    private void forgetCluster(String clusterName, Instant at) {
        Set<InstanceKey> keys = instances.readCluster(clusterName).stream().map(i -> i.key())
                .collect(Collectors.toSet());
        instances.forgetCluster(clusterName);
        forgotten.accept(new InstancesForgotten(keys, at));
    }
}
