package io.quorch.consensus;

import java.time.Instant;
import java.util.List;

import io.quorch.domain.FailureDetection;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.ProbeNode;
import io.quorch.domain.PromotionRule;
import io.quorch.domain.RecoveryStep;
import io.quorch.domain.TopologyRecovery;
import io.quorch.domain.AckSelector;

/**
 * A user intent or recovery outcome that every node applies to its own backend, in the same
 * order. Each carries the time it was issued, so applying never reads the clock.
 */
public sealed interface ReplicatedCommand {

    Instant at();

    /** A seed each node then discovers on its own (the command itself never touches MySQL). */
    record Discover(InstanceKey key, Instant at) implements ReplicatedCommand {
    }

    record Forget(InstanceKey key, Instant at) implements ReplicatedCommand {
    }

    record ForgetCluster(String clusterName, Instant at) implements ReplicatedCommand {
    }

    record SetClusterAlias(String clusterName, String alias, Instant at) implements ReplicatedCommand {
    }

    record BeginDowntime(InstanceKey key, String owner, String reason, Instant until, Instant at)
            implements ReplicatedCommand {
    }

    record EndDowntime(InstanceKey key, Instant at) implements ReplicatedCommand {
    }

    /**
     * A server taken out of topology changes (moves, replication control) until a time, by someone,
     * for a reason: orchestrator's maintenance, replicated like downtime.
     */
    record BeginMaintenance(InstanceKey key, String owner, String reason, Instant until, Instant at)
            implements ReplicatedCommand {
    }

    record EndMaintenance(InstanceKey key, Instant at) implements ReplicatedCommand {
    }

    record RegisterCandidate(InstanceKey key, PromotionRule rule, Instant at) implements ReplicatedCommand {
    }

    record AckRecovery(AckSelector selector, String by, String comment, Instant at) implements ReplicatedCommand {
    }

    record SetGlobalRecoveries(boolean disabled, Instant at) implements ReplicatedCommand {
    }

    record RegisterFailureDetection(FailureDetection detection) implements ReplicatedCommand {
        @Override
        public Instant at() {
            return detection.detectedAt();
        }
    }

    record WriteRecovery(TopologyRecovery recovery) implements ReplicatedCommand {
        @Override
        public Instant at() {
            return recovery.start();
        }
    }

    record WriteRecoveryStep(RecoveryStep step) implements ReplicatedCommand {
        @Override
        public Instant at() {
            return step.at();
        }
    }

    /** The leader's raft id and the URL of its HTTP API, published when it takes office. */
    record SetLeaderUri(String leaderId, String uri, Instant at) implements ReplicatedCommand {
    }

    record ResolveRecovery(String uid, boolean successful, InstanceKey successor, List<InstanceKey> lostReplicas,
            List<InstanceKey> participating, List<String> errors, Instant at) implements ReplicatedCommand {
    }

    /**
     * History older than before is dropped from the replicated tables on every node: detections,
     * recoveries and their steps, expired downtimes and promotion rules, tried discovery seeds and
     * forget tombstones. Issued by the leader on a schedule; the cutoff travels in the command.
     */
    record PurgeHistory(Instant before, Instant at) implements ReplicatedCommand {
    }

    /**
     * Every node reads its configuration again (/api/reload-configuration), with file layered on top
     * when not null. Applying it only records the request in the node's own state; each node's
     * ConfigReloadJob then reloads, so a node that was down catches up without re-reading files
     * inside the log's apply, and a node started after the request does not reload what it read at start.
     */
    record ReloadConfiguration(String file, Instant at) implements ReplicatedCommand {
    }

    /**
     * The nodes that share the probing of replicas (SharedProbeCopies), as the leader hears them:
     * every node computes the same owners of each replica from this list, by rendezvous hashing.
     * Issued by the leader when a node joins or stops answering.
     */
    record SetProbeAssignment(List<ProbeNode> nodes, Instant at) implements ReplicatedCommand {
    }
}
