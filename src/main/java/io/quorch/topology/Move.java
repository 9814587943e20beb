package io.quorch.topology;

import java.util.List;

import io.quorch.domain.InstanceKey;

/**
 * One change of where a server replicates from, as planned before anything runs. The executor reads the
 * binlog coordinates a step needs at the moment it runs (after stopping replication), never from the plan.
 */
public sealed interface Move {

    /** The server whose source changes. */
    InstanceKey replica();

    /** Where it replicates from afterwards. */
    InstanceKey newSource();

    /** Every server whose replication the move stops or changes (each is re-probed afterwards). */
    List<InstanceKey> touched();

    String describe();

    /** CHANGE MASTER by GTID (MariaDB gtid_slave_pos, MySQL auto-position) to any server that has the transactions. */
    record ViaGtid(InstanceKey replica, InstanceKey newSource) implements Move {
        public List<InstanceKey> touched() {
            return List.of(replica);
        }

        public String describe() {
            return "move " + replica + " below " + newSource + " via GTID";
        }
    }

    /**
     * Without GTID: parent and replica stop, the replica runs until the parent's own binlog position, then
     * replicates from the grandparent at the parent's executed position there.
     */
    record MoveUp(InstanceKey replica, InstanceKey parent, InstanceKey newSource) implements Move {
        public List<InstanceKey> touched() {
            return List.of(replica, parent);
        }

        public String describe() {
            return "move " + replica + " up from " + parent + " to " + newSource;
        }
    }

    /**
     * Without GTID: both siblings stop, the one behind runs until the other's executed position, then the
     * replica replicates from the sibling at the sibling's own binlog position.
     */
    record MoveBelow(InstanceKey replica, InstanceKey newSource) implements Move {
        public List<InstanceKey> touched() {
            return List.of(replica, newSource);
        }

        public String describe() {
            return "move " + replica + " below its sibling " + newSource;
        }
    }

    /** Reconnects the replica to a source: by GTID, or without GTID to its own source at its executed position. */
    record Repoint(InstanceKey replica, InstanceKey newSource, boolean gtid) implements Move {
        public List<InstanceKey> touched() {
            return List.of(replica);
        }

        public String describe() {
            return "repoint " + replica + " to " + newSource + (gtid ? " via GTID" : " at its executed coordinates");
        }
    }

    /**
     * Swaps a replica and its master: the replica catches up with the master, replicates from the
     * grandparent, and the master then replicates from it.
     */
    record TakeMaster(InstanceKey replica, InstanceKey master, InstanceKey newSource, boolean gtid) implements Move {
        public List<InstanceKey> touched() {
            return List.of(replica, master);
        }

        public String describe() {
            return replica + " takes its master " + master + " (" + replica + " below " + newSource + ", " + master
                    + " below " + replica + (gtid ? ", via GTID)" : ")");
        }
    }

    /** The replica's master (a primary) replicates from the replica, at the replica's own binlog position. */
    record MakeCoMaster(InstanceKey replica, InstanceKey master) implements Move {
        public InstanceKey newSource() {
            return master;
        }

        public List<InstanceKey> touched() {
            return List.of(replica, master);
        }

        public String describe() {
            return "make " + replica + " co-master of " + master + " (" + master + " replicates from " + replica + ")";
        }
    }
}
