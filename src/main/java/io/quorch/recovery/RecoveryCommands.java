package io.quorch.recovery;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import io.quorch.consensus.LeadershipContext;
import io.quorch.domain.BinlogCoordinates;
import io.quorch.domain.InstanceKey;
import io.quorch.mysql.ReplicaCommands;
import io.quorch.mysql.ReplicaSettings;
import io.quorch.mysql.ReplicationCommander;
import io.quorch.mysql.ReplicationCommander.Target;

/**
 * The one way recovery and topology moves change managed servers: before every change this node checks that it still
 * leads, and throws {@link LeadershipLostException} instead of acting when it does not. Reads and waits
 * pass through unchecked (they change nothing).
 */
@ApplicationScoped
@Typed(RecoveryCommands.class)
public class RecoveryCommands implements ReplicaCommands {

    private final ReplicaCommands servers;
    private final LeadershipContext leadership;

    @Inject
    public RecoveryCommands(ReplicationCommander servers, LeadershipContext leadership) {
        this((ReplicaCommands) servers, leadership);
    }

    /** Over any implementation of the commands (tests use an in-memory topology). */
    public RecoveryCommands(ReplicaCommands servers, LeadershipContext leadership) {
        this.servers = servers;
        this.leadership = leadership;
    }

    /** Throws unless this node leads now. */
    public void requireLeader(String change, InstanceKey key) {
        if (!leadership.isLeader()) {
            throw new LeadershipLostException("no longer the leader (leader: " + leadership.leader() + "): not "
                    + change + " on " + key);
        }
    }

    @Override
    public void stopReplication(Target t) {
        requireLeader("stopping replication", t.key());
        servers.stopReplication(t);
    }

    @Override
    public void stopIoThread(Target t) {
        requireLeader("stopping the IO thread", t.key());
        servers.stopIoThread(t);
    }

    @Override
    public void startReplication(Target t) {
        requireLeader("starting replication", t.key());
        servers.startReplication(t);
    }

    @Override
    public void setReadOnly(Target t, boolean readOnly) {
        requireLeader("setting read_only=" + (readOnly ? 1 : 0), t.key());
        servers.setReadOnly(t, readOnly);
    }

    @Override
    public void resetReplicaAll(Target t) {
        requireLeader("resetting replication", t.key());
        servers.resetReplicaAll(t);
    }

    @Override
    public void changeMaster(Target t, InstanceKey master, boolean withCredentials) {
        requireLeader("changing the primary to " + master, t.key());
        servers.changeMaster(t, master, withCredentials);
    }

    @Override
    public void detachMasterHost(Target t, InstanceKey master) {
        requireLeader("detaching the primary's host", t.key());
        servers.detachMasterHost(t, master);
    }

    @Override
    public String gtidPosition(Target t) {
        return servers.gtidPosition(t);
    }

    @Override
    public boolean waitForGtid(Target t, String position, Duration timeout) {
        return servers.waitForGtid(t, position, timeout);
    }

    @Override
    public boolean waitRelayLogApplied(Target t, Duration timeout) {
        return servers.waitRelayLogApplied(t, timeout);
    }

    @Override
    public void changeMasterToCoordinates(Target t, InstanceKey master, BinlogCoordinates at, boolean withCredentials) {
        requireLeader("changing the primary to " + master + " at " + at, t.key());
        servers.changeMasterToCoordinates(t, master, at, withCredentials);
    }

    @Override
    public boolean startReplicationUntil(Target t, BinlogCoordinates at, Duration timeout) {
        requireLeader("starting replication until " + at, t.key());
        return servers.startReplicationUntil(t, at, timeout);
    }

    @Override
    public ReplicaSettings replicaSettings(Target t) {
        return servers.replicaSettings(t);
    }

    @Override
    public BinlogCoordinates binlogPosition(Target t) {
        return servers.binlogPosition(t);
    }

    @Override
    public void restoreTls(Target t, ReplicaSettings before) {
        requireLeader("restoring replication TLS settings", t.key());
        servers.restoreTls(t, before);
    }
}
