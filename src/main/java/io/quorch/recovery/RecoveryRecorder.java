package io.quorch.recovery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quorch.consensus.CommandBus;
import io.quorch.consensus.ReplicatedCommand;
import io.quorch.domain.AckSelector;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.NodeIdentity;
import io.quorch.domain.TopologyRecovery;
import io.quorch.store.RecoveryStore;

/** Writes a recovery's record at its start and its outcome at its end, through the command bus. */
@ApplicationScoped
public class RecoveryRecorder {

    private final CommandBus commands;
    private final RecoveryStore store;
    private final NodeIdentity node;

    public RecoveryRecorder(CommandBus commands, RecoveryStore store, NodeIdentity node) {
        this.commands = commands;
        this.store = store;
        this.node = node;
    }

    public synchronized RecoveryContext start(InstanceKey failed, String analysis, String cluster, String alias,
            String type, long detectionId, String analysisEntry) {
        long id = store.maxRecoveryId() + 1;
        String uid = UUID.randomUUID().toString();
        commands.submit(new ReplicatedCommand.WriteRecovery(new TopologyRecovery(id, uid, failed, analysis, cluster,
                alias, node.hostname(), node.token(), Instant.now(), null, null, false, List.of(), List.of(),
                List.of(), false, null, "", "", detectionId, analysisEntry, type)));
        RecoveryContext ctx = new RecoveryContext(id, uid, commands);
        ctx.participant(failed);
        return ctx;
    }

    public TopologyRecovery resolve(RecoveryContext ctx, boolean successful) {
        commands.submit(new ReplicatedCommand.ResolveRecovery(ctx.uid(), successful,
                successful ? ctx.successor() : null, ctx.lostReplicas(), ctx.participating(), ctx.errors(),
                Instant.now()));
        return store.recoveryByUid(ctx.uid()).orElseThrow();
    }

    /**
     * Resolves recoveries left unfinished by a leader that is gone, and acknowledges them, so they neither look
     * active nor block this leader (RecoveryPeriodBlockSeconds) from recovering what they left undone.
     */
    public void resolveAbandoned() {
        for (TopologyRecovery r : store.unresolved()) {
            if (r.processingToken().equals(node.token())) {
                continue;
            }
            String why = "abandoned: " + r.processingNode() + " stopped leading before finishing this recovery";
            Instant now = Instant.now();
            commands.submit(new ReplicatedCommand.ResolveRecovery(r.uid(), false, null, List.of(), List.of(),
                    List.of(why), now));
            commands.submit(new ReplicatedCommand.AckRecovery(new AckSelector.Uid(r.uid()),
                    node.hostname(), why, now));
        }
    }

    public NodeIdentity node() {
        return node;
    }
}
