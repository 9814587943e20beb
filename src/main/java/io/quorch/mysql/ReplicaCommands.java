package io.quorch.mysql;

import java.time.Duration;

import io.quorch.domain.BinlogCoordinates;
import io.quorch.domain.InstanceKey;
import io.quorch.mysql.ReplicationCommander.Target;

/**
 * The changes and waits a recovery makes on managed servers. {@link ReplicationCommander} runs them
 * on the servers; failures are {@link CommandException}s (or other runtime exceptions).
 */
public interface ReplicaCommands {

    void stopReplication(Target t);

    void stopIoThread(Target t);

    void startReplication(Target t);

    void setReadOnly(Target t, boolean readOnly);

    /** Forgets the server's replication configuration: it is a primary now. */
    void resetReplicaAll(Target t);

    /** Points the server at a new primary by GTID; replication must be stopped. */
    void changeMaster(Target t, InstanceKey master, boolean withCredentials);

    /**
     * Stops replication and detaches the primary's host as orchestrator's detach-replica-master-host does
     * (MASTER_HOST = '//host'): the replica keeps its position but cannot connect until reattached.
     */
    void detachMasterHost(Target t, InstanceKey master);

    /** The server's own executed GTID position. */
    String gtidPosition(Target t);

    /** Waits until the server has applied the GTID position; false on timeout. */
    boolean waitForGtid(Target t, String position, Duration timeout);

    /** Waits until the SQL thread has applied everything the IO thread received; false on timeout. */
    boolean waitRelayLogApplied(Target t, Duration timeout);

    /** Points the server at a source by binlog coordinates, keeping its credentials and TLS settings. */
    void changeMasterToCoordinates(Target t, InstanceKey master, BinlogCoordinates at, boolean withCredentials);

    /** START SLAVE UNTIL the source position, wait, stop; whether it stopped exactly there. */
    boolean startReplicationUntil(Target t, BinlogCoordinates at, Duration timeout);

    /** How the server replicates now; null when it is not a replica. */
    ReplicaSettings replicaSettings(Target t);

    /** The server's own binary log position. */
    BinlogCoordinates binlogPosition(Target t);

    /** Sets the MASTER_SSL* options back to what they were before a move. */
    void restoreTls(Target t, ReplicaSettings before);

    /**
     * Moves a replica under another server by GTID: stop, CHANGE MASTER (credentials and TLS settings not
     * named, so kept), start. Recovery's repoints and topology moves both go this way.
     */
    default void repointByGtid(Target t, InstanceKey master) {
        stopReplication(t);
        changeMaster(t, master, false);
        startReplication(t);
    }
}
