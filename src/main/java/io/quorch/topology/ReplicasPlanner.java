package io.quorch.topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.quorch.domain.BinlogCoordinates;
import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;

/**
 * Plans the operations over several replicas (relocate-replicas, move-up-replicas, repoint-replicas,
 * take-siblings, move-replicas-gtid, regroup-replicas): each replica gets its own move, and a replica
 * that cannot move is left where it is with the reason, as orchestrator reports it. When no replica can
 * move the whole operation is refused.
 */
public final class ReplicasPlanner {

    private final TopologySnapshot t;
    private final MovePlanner single;

    public ReplicasPlanner(TopologySnapshot snapshot) {
        this.t = snapshot;
        this.single = new MovePlanner(snapshot);
    }

    /** orchestrator's RelocateReplicas: the replicas of key (but other) below other, each the way that works. */
    public MovePlan relocateReplicas(String operation, InstanceKey subject, InstanceKey key, InstanceKey otherKey,
            boolean gtidOnly) {
        Instance i = t.require(key);
        Instance other = t.require(otherKey);
        List<Instance> replicas = t.replicasOf(key).stream().filter(r -> !r.key().equals(otherKey)).toList();
        for (Instance r : replicas) {
            if (ReplicationRules.isDescendantOf(otherKey, r.key(), t.instances())) {
                throw MovePlanner.refuse("relocate-replicas: " + otherKey + " is a descendant of " + r.key());
            }
        }
        List<Move> moves = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Instance r : replicas) {
            try {
                moves.add(replicaMove(r, i, other, gtidOnly));
            } catch (MoveRefusedException e) {
                skipped.add(e.getMessage());
            }
        }
        if (moves.isEmpty() && !skipped.isEmpty()) {
            throw MovePlanner.refuse(gtidOnly
                    ? "MoveReplicasGTID: moved 0 of " + replicas.size() + " replicas of " + key + ": "
                            + String.join("; ", skipped)
                    : "Relocating " + replicas.size() + " replicas of " + key + " below " + otherKey
                            + " turns to be too complex; please do it manually: " + String.join("; ", skipped));
        }
        return single.checked(new MovePlan(operation, subject, moves, skipped));
    }

    private Move replicaMove(Instance r, Instance parent, Instance other, boolean gtidOnly) {
        if (gtidOnly) {
            if (!ReplicationRules.gtidCompatible(r, other)) {
                throw MovePlanner.refuse(r.key() + " cannot move below " + other.key() + " via GTID");
            }
            return single.gtidMove(r, other);
        }
        if (parent.key().equals(other.key())) {
            return single.repointMove(r, other);
        }
        ReplicationRules.canReplicateFrom(r, other).ifPresent(why -> {
            throw MovePlanner.refuse(r.key() + " cannot replicate from " + other.key() + ". Reason: " + why);
        });
        if (ReplicationRules.gtidCompatible(r, other)) {
            return single.gtidMove(r, other);
        }
        if (other.key().equals(parent.masterKey())) {
            return single.moveUpMove(r);
        }
        if (MovePlanner.siblings(r, other)) {
            return single.moveBelowMove(r, other);
        }
        throw MovePlanner.refuse("Relocating " + r.key() + " below " + other.key()
                + " turns to be too complex; please do it manually");
    }

    public MovePlan moveUpReplicas(InstanceKey key) {
        Instance i = t.require(key);
        MovePlanner.requireReplica(i, "instance is not a replica: " + key);
        return relocateReplicas("move-up-replicas", key, key, i.masterKey(), false);
    }

    public MovePlan repointReplicas(InstanceKey key) {
        t.require(key);
        return relocateReplicas("repoint-replicas", key, key, key, false);
    }

    /** orchestrator's TakeSiblings: the replica's siblings move below it. */
    public MovePlan takeSiblings(InstanceKey key) {
        Instance i = t.require(key);
        MovePlanner.requireReplica(i, "take-siblings: instance " + key + " is not a replica.");
        return relocateReplicas("take-siblings", key, i.masterKey(), key, false);
    }

    /**
     * orchestrator's RegroupReplicas without Pseudo-GTID: the most advanced replica that logs its updates is
     * promoted among its siblings, which move below it (by GTID, or as siblings by binlog coordinates).
     */
    public MovePlan regroupReplicas(String operation, InstanceKey key, boolean gtidOnly) {
        t.require(key);
        List<Instance> replicas = t.replicasOf(key);
        Instance candidate = candidate(replicas).orElseThrow(() -> MovePlanner.refuse(
                "No candidate replica found for regrouping the replicas of " + key
                        + " (a valid replica with log_bin and log_slave_updates)"));
        if (replicas.size() == 1) {
            return single.checked(new MovePlan(operation, candidate.key(), List.of(), List.of()));
        }
        return relocateReplicas(operation, candidate.key(), key, candidate.key(), gtidOnly);
    }

    static Optional<Instance> candidate(List<Instance> replicas) {
        return replicas.stream()
                .filter(r -> r.lastCheckValid() && r.state().logBinEnabled() && r.state().logReplicationUpdatesEnabled())
                .max(Comparator.comparing(ReplicasPlanner::exec).thenComparing(Instance::key, Comparator.reverseOrder()));
    }

    private static BinlogCoordinates exec(Instance r) {
        return r.state().replication() == null ? BinlogCoordinates.NONE : r.state().replication().execBinlogCoordinates();
    }
}
