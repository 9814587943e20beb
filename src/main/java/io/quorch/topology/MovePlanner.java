package io.quorch.topology;

import java.util.Optional;

import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;

/**
 * Plans the moves of one server (relocate, move-up, move-below, repoint, take-master, make-co-master ...)
 * with orchestrator's rules and refusal wording (go/inst/instance_topology.go). A refusal throws
 * {@link MoveRefusedException} before anything runs. Without GTID only what orchestrator does without
 * Pseudo-GTID is planned: move-up, move-below a sibling, repoint to the same source, take-master and
 * make-co-master by binlog coordinates.
 */
public final class MovePlanner {

    private final TopologySnapshot t;

    public MovePlanner(TopologySnapshot snapshot) {
        this.t = snapshot;
    }

    /** orchestrator's RelocateBelow: whatever way works (GTID, sibling, grandparent, same source). */
    public MovePlan relocate(InstanceKey key, InstanceKey otherKey) {
        Instance i = t.require(key);
        Instance other = t.require(otherKey);
        if (ReplicationRules.isDescendantOf(otherKey, key, t.instances())) {
            throw refuse("relocate: " + otherKey + " is a descendant of " + key);
        }
        return checked(MovePlan.of("relocate", key, relocateMove(i, other)));
    }

    Move relocateMove(Instance i, Instance other) {
        ReplicationRules.canReplicateFrom(i, other).ifPresent(why -> {
            throw refuse(i.key() + " cannot replicate from " + other.key() + ". Reason: " + why);
        });
        if (other.key().equals(i.masterKey())) {
            return repointMove(i, other);
        }
        if (ReplicationRules.gtidCompatible(i, other)) {
            return gtidMove(i, other);
        }
        if (siblings(i, other)) {
            return moveBelowMove(i, other);
        }
        Optional<Instance> master = t.find(i.masterKey());
        if (master.isPresent() && other.key().equals(master.get().masterKey())) {
            return moveUpMove(i);
        }
        throw refuse("Relocating " + i.key() + " below " + other.key()
                + " turns to be too complex; please do it manually");
    }

    public MovePlan moveUp(InstanceKey key) {
        return checked(MovePlan.of("move-up", key, moveUpMove(t.require(key))));
    }

    Move moveUpMove(Instance i) {
        requireReplica(i, "instance is not a replica: " + i.key());
        requireCanMove(i);
        Instance master = t.find(i.masterKey())
                .orElseThrow(() -> refuse("Cannot GetInstanceMaster() for " + i.key() + ": " + i.masterKey() + " is unknown"));
        if (!master.isReplica()) {
            throw refuse("master is not a replica itself: " + master.key());
        }
        InstanceKey grandparent = master.masterKey();
        Optional<Instance> gp = t.find(grandparent);
        if (gp.isPresent()) {
            ReplicationRules.canReplicateFrom(i, gp.get()).ifPresent(why -> {
                throw refuse(why);
            });
            if (ReplicationRules.gtidCompatible(i, gp.get())) {
                return gtidMove(i, gp.get());
            }
        }
        return new Move.MoveUp(i.key(), master.key(), grandparent);
    }

    public MovePlan moveBelow(InstanceKey key, InstanceKey siblingKey) {
        return checked(MovePlan.of("move-below", key, moveBelowMove(t.require(key), t.require(siblingKey))));
    }

    Move moveBelowMove(Instance i, Instance sibling) {
        requireCanMove(i);
        requireCanMove(sibling);
        if (!siblings(i, sibling)) {
            throw refuse("instances are not siblings: " + i.key() + ", " + sibling.key());
        }
        ReplicationRules.canReplicateFrom(i, sibling).ifPresent(why -> {
            throw refuse(why);
        });
        if (ReplicationRules.gtidCompatible(i, sibling)) {
            // a GTID replica stays on GTID: no need to stop the sibling
            return gtidMove(i, sibling);
        }
        return new Move.MoveBelow(i.key(), sibling.key());
    }

    /** quorch keeps no history of equivalent coordinates: only a GTID replica moves this way. */
    public MovePlan moveEquivalent(InstanceKey key, InstanceKey otherKey) {
        Instance i = t.require(key);
        if (key.equals(otherKey)) {
            throw refuse("MoveEquivalent: attempt to move an instance below itself " + key);
        }
        Instance other = t.require(otherKey);
        if (!ReplicationRules.gtidCompatible(i, other)) {
            throw refuse("No equivalent coordinates found for " + key + " replicating from " + i.masterKey() + " at "
                    + (i.isReplica() ? i.state().replication().execBinlogCoordinates() : "-")
                    + " (quorch records no equivalence coordinates; without GTID use relocate)");
        }
        if (ReplicationRules.isDescendantOf(otherKey, key, t.instances())) {
            throw refuse("relocate: " + otherKey + " is a descendant of " + key);
        }
        return checked(MovePlan.of("move-equivalent", key, gtidMove(i, other)));
    }

    /** orchestrator's MoveBelowGTID (also move-gtid and, where it applies, match). */
    public MovePlan moveBelowGtid(String operation, InstanceKey key, InstanceKey otherKey) {
        Instance i = t.require(key);
        Instance other = t.require(otherKey);
        ReplicationRules.canMoveViaGtid(i, other).ifPresent(why -> {
            throw refuse(why);
        });
        if (ReplicationRules.isDescendantOf(otherKey, key, t.instances())) {
            throw refuse("relocate: " + otherKey + " is a descendant of " + key);
        }
        return checked(MovePlan.of(operation, key, gtidMove(i, other)));
    }

    /** Repoints to the given source, or to the server's own source when other is null. */
    public MovePlan repoint(InstanceKey key, InstanceKey otherKey) {
        Instance i = t.require(key);
        requireReplica(i, "instance is not a replica: " + key);
        Instance other = t.require(otherKey == null ? i.masterKey() : otherKey);
        if (ReplicationRules.isDescendantOf(other.key(), key, t.instances())) {
            throw refuse("relocate: " + other.key() + " is a descendant of " + key);
        }
        return checked(MovePlan.of("repoint", key, repointMove(i, other)));
    }

    Move repointMove(Instance i, Instance other) {
        ReplicationRules.canReplicateFrom(i, other).ifPresent(why -> {
            throw refuse(why);
        });
        if (i.state().usingGtid() && ReplicationRules.gtidCompatible(i, other)) {
            ReplicationRules.hasNeededTransactions(i, other).ifPresent(why -> {
                throw refuse(why);
            });
            return new Move.Repoint(i.key(), other.key(), true);
        }
        if (!other.key().equals(i.masterKey())) {
            throw refuse("repoint: " + i.key() + " does not replicate by GTID; without GTID it can only be repointed to"
                    + " its own master " + i.masterKey() + " (binlog coordinates differ between servers)");
        }
        return new Move.Repoint(i.key(), other.key(), false);
    }

    /** orchestrator's TakeMaster: the replica and its master swap places; the master must be a replica itself. */
    public MovePlan takeMaster(InstanceKey key) {
        Instance i = t.require(key);
        requireReplica(i, "instance is not a replica: " + key);
        Instance master = t.require(i.masterKey());
        if (key.equals(master.masterKey())) {
            throw refuse(master.key() + " is co-master. Cannot take it.");
        }
        if (!master.isReplica()) {
            throw refuse("master is not a replica itself: " + master.key()
                    + " (to replace a primary use graceful-master-takeover)");
        }
        requireValid(i);
        requireValid(master);
        ReplicationRules.canReplicateFrom(master, i).ifPresent(why -> {
            throw refuse(why);
        });
        Optional<Instance> gp = t.find(master.masterKey());
        gp.flatMap(g -> ReplicationRules.canReplicateFrom(i, g)).ifPresent(why -> {
            throw refuse(why);
        });
        boolean gtid = ReplicationRules.gtidCompatible(master, i)
                && gp.map(g -> ReplicationRules.gtidCompatible(i, g)).orElse(i.state().usingGtid());
        return checked(MovePlan.of("take-master", key, new Move.TakeMaster(key, master.key(), master.masterKey(), gtid)));
    }

    /** orchestrator's MakeCoMaster: the replica's master, a real primary, replicates from the read-only replica. */
    public MovePlan makeCoMaster(InstanceKey key) {
        Instance i = t.require(key);
        requireCanMove(i);
        Instance master = t.require(i.masterKey());
        requireValid(master);
        if (key.equals(master.masterKey())) {
            throw refuse("instance " + key + " is already co master of " + master.key());
        }
        if (!i.state().readOnly()) {
            throw refuse("instance " + key + " is not read-only; first make it read-only before making it co-master");
        }
        if (master.masterKey() != null) {
            throw refuse(master.key() + " is not a real master; it replicates from: " + master.masterKey());
        }
        ReplicationRules.canReplicateFrom(master, i).ifPresent(why -> {
            throw refuse(why);
        });
        return checked(MovePlan.of("make-co-master", key, new Move.MakeCoMaster(key, master.key())));
    }

    Move gtidMove(Instance i, Instance other) {
        ReplicationRules.canMoveViaMatch(i, t.now(), t.pollInterval()).ifPresent(why -> {
            throw refuse(why);
        });
        ReplicationRules.canReplicateFrom(i, other).ifPresent(why -> {
            throw refuse(why);
        });
        ReplicationRules.hasNeededTransactions(i, other).ifPresent(why -> {
            throw refuse(why);
        });
        return new Move.ViaGtid(i.key(), other.key());
    }

    /** Every server the plan touches must be free of maintenance, as orchestrator's maintenance lock requires. */
    MovePlan checked(MovePlan plan) {
        for (InstanceKey k : plan.touched()) {
            if (t.inMaintenance().test(k)) {
                throw refuse("Cannot begin maintenance on " + k + ": it is in maintenance");
            }
        }
        return plan;
    }

    void requireCanMove(Instance i) {
        ReplicationRules.canMove(i, t.now(), t.pollInterval(), t.maxLagSeconds()).ifPresent(why -> {
            throw refuse(why);
        });
    }

    void requireValid(Instance i) {
        ReplicationRules.canMoveViaMatch(i, t.now(), t.pollInterval()).ifPresent(why -> {
            throw refuse(why);
        });
    }

    static void requireReplica(Instance i, String refusal) {
        if (!i.isReplica()) {
            throw refuse(refusal);
        }
    }

    static boolean siblings(Instance a, Instance b) {
        return a.isReplica() && b.isReplica() && !a.key().equals(b.key()) && a.masterKey().equals(b.masterKey());
    }

    static MoveRefusedException refuse(String message) {
        return new MoveRefusedException(message);
    }

    TopologySnapshot snapshot() {
        return t;
    }
}
