package io.quorch.recovery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quorch.consensus.CommandBus;
import io.quorch.consensus.ReplicatedCommand;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.NodeIdentity;
import io.quorch.domain.RecoveryType;
import io.quorch.domain.TopologyRecovery;
import io.quorch.metrics.QuorchMetrics;
import io.quorch.store.RecoveryStore;

/** Writes a recovery's record at its start and its outcome at its end, through the command bus. */
@ApplicationScoped
public class RecoveryRecorder {

    private final CommandBus commands;
    private final RecoveryStore store;
    private final NodeIdentity node;
    /** Set by CDI; {@link QuorchMetrics#NONE} when built outside it. */
    @Inject
    QuorchMetrics quorchMetrics = QuorchMetrics.NONE;

    public RecoveryRecorder(CommandBus commands, RecoveryStore store, NodeIdentity node) {
        this.commands = commands;
        this.store = store;
        this.node = node;
    }

    /** Records the start; the id is the one every node assigned while applying it. */
    public RecoveryContext start(InstanceKey failed, String analysis, String cluster, String alias,
            RecoveryType type, long detectionId, String analysisEntry) {
        String uid = UUID.randomUUID().toString();
        commands.submit(new ReplicatedCommand.WriteRecovery(new TopologyRecovery(0, uid, failed, analysis, cluster,
                alias, node.hostname(), node.token(), Instant.now(), null, null, false, List.of(), List.of(),
                List.of(), false, null, "", "", detectionId, analysisEntry, type)));
        long id = store.recoveryByUid(uid).map(TopologyRecovery::id)
                .orElseThrow(() -> new RecoveryException("recovery " + uid + " was not recorded"));
        RecoveryContext ctx = new RecoveryContext(id, uid, commands);
        ctx.participant(failed);
        return ctx;
    }

    public TopologyRecovery resolve(RecoveryContext ctx, boolean successful) {
        commands.submit(new ReplicatedCommand.ResolveRecovery(ctx.uid(), successful,
                successful ? ctx.successor() : null, ctx.lostReplicas(), ctx.participating(), ctx.errors(),
                Instant.now()));
        return quorchMetrics.recovered(store.recoveryByUid(ctx.uid()).orElseThrow());
    }

    /** Continues writing the steps of a recovery another node started (after the ones it wrote). */
    public RecoveryContext resume(TopologyRecovery r) {
        RecoveryContext ctx = new RecoveryContext(r.id(), r.uid(), commands,
                store.steps(r.uid()).stream().mapToInt(s -> s.seq()).max().orElse(0));
        ctx.participant(r.failedKey());
        return ctx;
    }

    /** The recovery as this node's backend has it. */
    public java.util.Optional<TopologyRecovery> recorded(String uid) {
        return store.recoveryByUid(uid);
    }

    public NodeIdentity node() {
        return node;
    }
}
