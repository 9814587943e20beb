package io.quorch.mysql;

import java.time.Duration;

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
}
