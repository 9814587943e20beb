package io.quorch.refactor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quorch.config.MySqlAccessConfig;
import io.quorch.domain.BinlogCoordinates;
import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.mysql.ReplicaSettings;
import io.quorch.mysql.ReplicationCommander.Target;
import io.quorch.recovery.LeadershipLostException;
import io.quorch.recovery.RecoveryCommands;
import io.quorch.recovery.RecoveryFailpoint;
import io.quorch.topology.Move;
import io.quorch.topology.TopologySnapshot;

/**
 * Runs one planned {@link Move} on the servers, through the leader-checked commands recovery uses. The
 * binlog coordinates a step needs are read when it runs, after replication stopped. Whatever happens,
 * every server the move stopped is started again at the end, so a move that fails before its CHANGE
 * MASTER leaves replication where it was. Credentials and MASTER_SSL* settings are read before the
 * source changes and checked after it; TLS settings found changed are set back. A GTID move asks the new
 * source to answer right before pointing the replica at it, so a source that died while the move ran
 * fails the move with the replica still replicating from where it was.
 */
@ApplicationScoped
public class MoveExecutor {

    static final Duration UNTIL_TIMEOUT = Duration.ofSeconds(20);
    static final Duration GTID_CATCH_UP_TIMEOUT = Duration.ofSeconds(20);

    private final RecoveryCommands servers;
    private final MySqlAccessConfig mysql;

    public MoveExecutor(RecoveryCommands servers, MySqlAccessConfig mysql) {
        this.servers = servers;
        this.mysql = mysql;
    }

    /** Runs the move; returns what it noted for the audit. Throws when a step fails (after restarting replication). */
    public List<String> run(Move move, TopologySnapshot snapshot) {
        Run r = new Run(snapshot);
        try {
            switch (move) {
                case Move.ViaGtid m -> r.viaGtid(m.replica(), m.newSource());
                case Move.Repoint m -> r.repoint(m);
                case Move.MoveUp m -> r.moveUp(m);
                case Move.MoveBelow m -> r.moveBelow(m);
                case Move.TakeMaster m -> r.takeMaster(m);
                case Move.MakeCoMaster m -> r.makeCoMaster(m);
            }
        } finally {
            r.restart();
        }
        return r.notes;
    }

    /** The state of one running move: what it stopped and what it noted. */
    private final class Run {
        private final TopologySnapshot snapshot;
        private final Set<InstanceKey> stopped = new LinkedHashSet<>();
        final List<String> notes = new ArrayList<>();

        Run(TopologySnapshot snapshot) {
            this.snapshot = snapshot;
        }

        void viaGtid(InstanceKey replica, InstanceKey source) {
            ReplicaSettings before = stop(replica);
            Instance src = snapshot.require(source);
            if (src.isReplica()) {
                // a source that replicates itself may be behind: it first gets what the replica has applied
                String applied = settings(replica).appliedGtid();
                if (!servers.waitForGtid(target(source), applied, GTID_CATCH_UP_TIMEOUT)) {
                    throw new IllegalStateException(source + " has not applied " + replica + "'s position " + applied
                            + " within " + GTID_CATCH_UP_TIMEOUT.toSeconds() + " s");
                }
            }
            RecoveryFailpoint.pause(RecoveryFailpoint.MOVE_BEFORE_CHANGE_MASTER);
            answers(source);
            servers.changeMaster(target(replica), source, false);
            kept(replica, before);
        }

        void repoint(Move.Repoint m) {
            if (m.gtid()) {
                viaGtid(m.replica(), m.newSource());
                return;
            }
            ReplicaSettings before = stop(m.replica());
            BinlogCoordinates exec = settings(m.replica()).exec();
            servers.changeMasterToCoordinates(target(m.replica()), m.newSource(), exec, false);
            notes.add(m.replica() + " at " + exec + " of " + m.newSource());
            kept(m.replica(), before);
        }

        void moveUp(Move.MoveUp m) {
            stop(m.parent());
            ReplicaSettings before = stop(m.replica());
            BinlogCoordinates parentSelf = servers.binlogPosition(target(m.parent()));
            until(m.replica(), parentSelf);
            BinlogCoordinates parentExec = settings(m.parent()).exec();
            servers.changeMasterToCoordinates(target(m.replica()), m.newSource(), parentExec, false);
            notes.add(m.replica() + " at " + parentExec + " of " + m.newSource());
            kept(m.replica(), before);
        }

        void moveBelow(Move.MoveBelow m) {
            ReplicaSettings before = stop(m.replica());
            stop(m.newSource());
            BinlogCoordinates mine = settings(m.replica()).exec();
            BinlogCoordinates theirs = settings(m.newSource()).exec();
            if (mine.compareTo(theirs) < 0) {
                until(m.replica(), theirs);
            } else if (theirs.compareTo(mine) < 0) {
                until(m.newSource(), mine);
            }
            // both have executed the same events now
            BinlogCoordinates siblingSelf = servers.binlogPosition(target(m.newSource()));
            servers.changeMasterToCoordinates(target(m.replica()), m.newSource(), siblingSelf, false);
            notes.add(m.replica() + " at " + siblingSelf + " of " + m.newSource());
            kept(m.replica(), before);
        }

        void takeMaster(Move.TakeMaster m) {
            ReplicaSettings masterBefore = stop(m.master());
            ReplicaSettings before;
            if (m.gtid()) {
                String position = servers.gtidPosition(target(m.master()));
                if (!servers.waitForGtid(target(m.replica()), position, GTID_CATCH_UP_TIMEOUT)) {
                    throw new IllegalStateException(m.replica() + " has not reached " + m.master() + "'s position "
                            + position + " within " + GTID_CATCH_UP_TIMEOUT.toSeconds() + " s");
                }
                before = stop(m.replica());
                servers.changeMaster(target(m.replica()), m.newSource(), false);
                servers.changeMaster(target(m.master()), m.replica(), false);
            } else {
                before = stop(m.replica());
                until(m.replica(), servers.binlogPosition(target(m.master())));
                BinlogCoordinates masterExec = settings(m.master()).exec();
                servers.changeMasterToCoordinates(target(m.replica()), m.newSource(), masterExec, false);
                BinlogCoordinates replicaSelf = servers.binlogPosition(target(m.replica()));
                servers.changeMasterToCoordinates(target(m.master()), m.replica(), replicaSelf, false);
                notes.add(m.master() + " at " + replicaSelf + " of " + m.replica());
            }
            kept(m.replica(), before);
            kept(m.master(), masterBefore);
        }

        void makeCoMaster(Move.MakeCoMaster m) {
            ReplicaSettings masterBefore = servers.replicaSettings(target(m.master()));
            boolean credentials = masterBefore == null || masterBefore.user().isEmpty();
            if (credentials && mysql.replicationUser().isEmpty()) {
                throw new RefactorException(400, "make-co-master: " + m.master() + " has no replication credentials;"
                        + " set MySQLReplicaUser and MySQLReplicaPassword so it can replicate from " + m.replica());
            }
            if (masterBefore != null) {
                stop(m.master());
            } else {
                stopped.add(m.master());
            }
            BinlogCoordinates replicaSelf = servers.binlogPosition(target(m.replica()));
            servers.changeMasterToCoordinates(target(m.master()), m.replica(), replicaSelf, credentials);
            notes.add(m.master() + " at " + replicaSelf + " of " + m.replica()
                    + (credentials ? " as MySQLReplicaUser" : ""));
            kept(m.master(), masterBefore);
        }

        /** The new source answers now; otherwise the move fails before the replica is pointed at it. */
        private void answers(InstanceKey source) {
            try {
                servers.gtidPosition(target(source));
            } catch (LeadershipLostException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new IllegalStateException("the new source " + source + " does not answer: " + e.getMessage(), e);
            }
        }

        /** Runs the stopped replica until the position in its source's binary logs. */
        private void until(InstanceKey key, BinlogCoordinates at) {
            BinlogCoordinates exec = settings(key).exec();
            if (exec.compareTo(at) > 0) {
                throw new IllegalStateException(key + " has executed " + exec + ", past " + at);
            }
            if (exec.compareTo(at) < 0 && !servers.startReplicationUntil(target(key), at, UNTIL_TIMEOUT)) {
                throw new IllegalStateException(key + " did not stop at " + at + " within " + UNTIL_TIMEOUT.toSeconds()
                        + " s (START SLAVE UNTIL)");
            }
        }

        /** Reads how the server replicates, then stops its replication (it is started again at the end). */
        private ReplicaSettings stop(InstanceKey key) {
            ReplicaSettings before = servers.replicaSettings(target(key));
            servers.stopReplication(target(key));
            stopped.add(key);
            return before;
        }

        private ReplicaSettings settings(InstanceKey key) {
            ReplicaSettings s = servers.replicaSettings(target(key));
            if (s == null) {
                throw new IllegalStateException(key + " is not a replica");
            }
            return s;
        }

        /** Credentials and TLS settings are what they were; TLS settings found changed are set back. */
        private void kept(InstanceKey key, ReplicaSettings before) {
            if (before == null) {
                return;
            }
            ReplicaSettings after = settings(key);
            if (!after.ssl().equals(before.ssl())) {
                servers.restoreTls(target(key), before);
                notes.add(key + ": TLS settings set back to " + before.describeKept());
            }
            if (!after.user().equals(before.user())) {
                notes.add(key + ": replication user changed from " + before.user() + " to " + after.user());
            } else {
                notes.add(key + " kept " + before.describeKept());
            }
        }

        /** Starts replication again on every server this move stopped (errors are noted, not thrown). */
        void restart() {
            for (InstanceKey key : stopped) {
                try {
                    servers.startReplication(target(key));
                } catch (LeadershipLostException e) {
                    notes.add("not the leader any more: replication on " + key + " left stopped");
                } catch (RuntimeException e) {
                    notes.add("starting replication on " + key + " failed: " + e.getMessage());
                }
            }
        }

        private Target target(InstanceKey key) {
            return Target.of(key, snapshot.require(key).state());
        }
    }
}
