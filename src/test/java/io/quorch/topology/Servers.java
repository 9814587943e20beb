package io.quorch.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import io.quorch.domain.BinlogCoordinates;
import io.quorch.domain.Flavor;
import io.quorch.domain.GtidState;
import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.ReplicationStatus;
import io.quorch.domain.SemiSyncStatus;
import io.quorch.domain.ServerState;

/** A topology for planning tests: servers by port, each a MariaDB 10.11 with binlogs, ROW, GTID unless changed. */
final class Servers {

    /** One server's facts, changed by the test before the snapshot is taken. */
    static final class S {
        int port;
        Integer master;
        String version = "10.11.19-MariaDB-log";
        String format = "ROW";
        boolean logBin = true;
        boolean logSlaveUpdates = true;
        long serverId;
        boolean gtid = true;
        String slavePos = "0-1-10";
        String currentPos = "0-1-10";
        Long lag = 0L;
        boolean replicating = true;
        boolean readOnly = true;
        boolean valid = true;
        boolean recent = true;

        Instance instance() {
            ReplicationStatus r = master == null ? null : new ReplicationStatus(TopologyTestData.key(master),
                    replicating, replicating, replicating ? "Yes" : "No", "", new BinlogCoordinates("mysql-bin.000001", 100),
                    new BinlogCoordinates("mysql-bin.000001", 100), new BinlogCoordinates("relay-bin.000001", 10), "", "",
                    0, 0, replicating ? lag : null, 0, "", master, false, gtid ? "Slave_Pos" : "No", "", "", false);
            GtidState g = new GtidState("", "", "", currentPos, slavePos, currentPos, true);
            ServerState s = new ServerState(serverId == 0 ? port : serverId, "", version, "", Flavor.MARIADB,
                    master != null && readOnly, false, logBin, logSlaveUpdates, format, "FULL",
                    new BinlogCoordinates("mysql-bin.000001", 100), r, g, SemiSyncStatus.NONE, List.of(), "", "", "",
                    "", 100, 1);
            return new Instance(TopologyTestData.key(port), s, "127.0.0.1:1", 0,
                    recent ? TopologyTestData.NOW : TopologyTestData.NOW.minusSeconds(600), TopologyTestData.NOW, valid,
                    0, "");
        }
    }

    private final Map<Integer, S> servers = new LinkedHashMap<>();
    private Set<Integer> maintenance = Set.of();

    Servers primary(int port) {
        S s = new S();
        s.port = port;
        s.readOnly = false;
        servers.put(port, s);
        return this;
    }

    Servers replica(int port, int master) {
        S s = new S();
        s.port = port;
        s.master = master;
        servers.put(port, s);
        return this;
    }

    Servers change(int port, UnaryOperator<S> how) {
        how.apply(servers.get(port));
        return this;
    }

    /** Every server replicates by binlog file and position. */
    Servers withoutGtid() {
        servers.values().forEach(s -> s.gtid = false);
        return this;
    }

    Servers inMaintenance(Integer... ports) {
        maintenance = Set.of(ports);
        return this;
    }

    TopologySnapshot snapshot() {
        List<Instance> all = new ArrayList<>();
        servers.values().forEach(s -> all.add(s.instance()));
        return TopologySnapshot.of(all, k -> maintenance.contains(k.port()), 20, TopologyTestData.NOW,
                Duration.ofSeconds(1));
    }

    MovePlanner planner() {
        return new MovePlanner(snapshot());
    }

    ReplicasPlanner replicas() {
        return new ReplicasPlanner(snapshot());
    }

    Instance get(int port) {
        return servers.get(port).instance();
    }

    static InstanceKey k(int port) {
        return TopologyTestData.key(port);
    }
}
