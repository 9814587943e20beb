package io.quorch.topology;

import java.time.Instant;
import java.util.List;

import io.quorch.domain.BinlogCoordinates;
import io.quorch.domain.Flavor;
import io.quorch.domain.GtidState;
import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.ReplicationStatus;
import io.quorch.domain.SemiSyncStatus;
import io.quorch.domain.ServerState;

/** Builders for instances in pure tests. */
public final class TopologyTestData {

    public static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    private TopologyTestData() {
    }

    public static InstanceKey key(int port) {
        return new InstanceKey("127.0.0.1", port);
    }

    public static ReplicationStatus replicating(InstanceKey master, long lag) {
        return new ReplicationStatus(master, true, true, "Yes", "", new BinlogCoordinates("mysql-bin.000001", 100),
                new BinlogCoordinates("mysql-bin.000001", 100), new BinlogCoordinates("relay-bin.000001", 10), "", "",
                0, 0, lag, 0, "", master.port(), false, "Slave_Pos", "", "", false);
    }

    public static ServerState state(ReplicationStatus replication, boolean readOnly, List<InstanceKey> replicas) {
        return new ServerState(1, "", "10.11.19-MariaDB-log", "", Flavor.MARIADB, readOnly, false, true, true, "ROW",
                "FULL", new BinlogCoordinates("mysql-bin.000001", 100), replication, GtidState.NONE,
                SemiSyncStatus.NONE, replicas, "", "", "", "", 100, 1);
    }

    public static Instance instance(int port, Integer masterPort, int depth, boolean valid) {
        ReplicationStatus r = masterPort == null ? null : replicating(key(masterPort), 0);
        return new Instance(key(port), state(r, masterPort != null, List.of()), "127.0.0.1:23306", depth, NOW, NOW,
                valid, valid ? 0 : 1, valid ? "" : "Connection refused");
    }
}
