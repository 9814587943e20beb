package io.quorch.recovery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.quorch.domain.InstanceKey;
import io.quorch.domain.TopologyRecovery;

/**
 * Whether an automated recovery may run now: a pure decision over what the caller read (the global
 * switch, the cluster filters, downtime, recent and unfinished recoveries). Recording a blocked
 * recovery is the caller's job.
 */
final class RecoveryGate {

    private RecoveryGate() {
    }

    /** What the decision looks at. */
    record Facts(
            InstanceKey key,
            String analysis,
            String clusterName,
            String alias,
            boolean recoveriesDisabled,
            List<String> clusterFilters,
            boolean downtimed,
            /** Recoveries not finished yet (this node's or a previous leader's). */
            List<TopologyRecovery> unresolved,
            /** Unacknowledged recoveries, newest first. */
            List<TopologyRecovery> unacknowledged,
            int periodBlockSeconds,
            Instant now) {
    }

    /** The outcome: go, refused (why), or blocked by a recent recovery (recorded as a blocked recovery). */
    sealed interface Decision {
        record Go() implements Decision {
        }

        record Refused(String why) implements Decision {
        }

        record Blocked(TopologyRecovery by, String why) implements Decision {
        }
    }

    static Decision decide(Facts f) {
        if (f.recoveriesDisabled()) {
            return new Decision.Refused("recoveries are disabled globally");
        }
        if (!ClusterFilters.matches(f.clusterFilters(), f.clusterName(), f.alias())) {
            return new Decision.Refused("cluster " + f.clusterName() + " does not match the recovery cluster filters");
        }
        if (f.downtimed()) {
            return new Decision.Refused(f.key() + " is downtimed");
        }
        Optional<TopologyRecovery> running = f.unresolved().stream().filter(r -> concerns(r, f)).findFirst();
        if (running.isPresent()) {
            return new Decision.Refused("recovery " + running.get().id() + " of " + running.get().clusterName()
                    + " has not finished");
        }
        Instant cutoff = f.now().minusSeconds(f.periodBlockSeconds());
        Optional<TopologyRecovery> blocking = f.unacknowledged().stream()
                .filter(r -> r.resolved() && r.start().isAfter(cutoff)).filter(r -> concerns(r, f)).findFirst();
        if (blocking.isPresent()) {
            return new Decision.Blocked(blocking.get(), "blocked by recovery " + blocking.get().id());
        }
        return new Decision.Go();
    }

    /** A recovery of the same cluster, or one that failed or promoted this server. */
    private static boolean concerns(TopologyRecovery r, Facts f) {
        return r.clusterName().equals(f.clusterName()) || f.key().equals(r.successor())
                || f.key().equals(r.failedKey());
    }
}
