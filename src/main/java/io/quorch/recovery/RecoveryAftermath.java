package io.quorch.recovery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.quorch.analysis.ReplicationAnalysis;
import io.quorch.config.RecoveryConfig;
import io.quorch.consensus.CommandBus;
import io.quorch.consensus.ReplicatedCommand;
import io.quorch.domain.InstanceKey;

/**
 * What a successful recovery leaves behind, as orchestrator does: the cluster's alias follows the new
 * primary, the new primary is never left downtimed, and the failed primary and every lost replica are
 * downtimed (MasterFailoverLostInstancesDowntimeMinutes) so nothing recovers them automatically while
 * someone looks at them. Each is a replicated command.
 */
final class RecoveryAftermath {

    private static final Duration LOST_DOWNTIME_DEFAULT = Duration.ofDays(365);

    private final CommandBus commands;
    private final RecoveryConfig config;

    RecoveryAftermath(CommandBus commands, RecoveryConfig config) {
        this.commands = commands;
        this.config = config;
    }

    /** After a successful recovery of a (master: the failed server was a primary) under the cluster alias. */
    void record(ReplicationAnalysis a, RecoveryContext ctx, String alias, boolean master) {
        Instant now = Instant.now();
        if (master && ctx.successor() != null && !alias.equals(a.clusterName())) {
            commands.submit(new ReplicatedCommand.SetClusterAlias(ctx.successor().toString(), alias, now));
        }
        List<InstanceKey> downtimed = new ArrayList<>(ctx.lostReplicas());
        if (master && ctx.successor() != null) {
            downtimed.add(0, a.key());
        }
        if (ctx.successor() != null) {
            // the new primary may have been lost, and downtimed, in an earlier failover
            commands.submit(new ReplicatedCommand.EndDowntime(ctx.successor(), now));
        }
        for (InstanceKey lost : downtimed) {
            commands.submit(new ReplicatedCommand.BeginDowntime(lost, "quorch", "lost-in-recovery",
                    now.plus(lostDowntime(config)), now));
        }
    }

    /** MasterFailoverLostInstancesDowntimeMinutes; 0 is orchestrator's default of a year. */
    static Duration lostDowntime(RecoveryConfig config) {
        int minutes = config.lostInstancesDowntimeMinutes();
        return minutes == 0 ? LOST_DOWNTIME_DEFAULT : Duration.ofMinutes(minutes);
    }
}
