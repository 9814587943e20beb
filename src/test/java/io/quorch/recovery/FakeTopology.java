package io.quorch.recovery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.quorch.discovery.DiscoveryException;
import io.quorch.discovery.TopologyProbes;
import io.quorch.domain.BinlogCoordinates;
import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.ReplicationStatus;
import io.quorch.domain.ServerState;
import io.quorch.mysql.ReplicaCommands;
import io.quorch.mysql.ReplicationCommander.Target;
import io.quorch.store.InstanceStore;
import io.quorch.topology.TopologyTestData;

/**
 * MariaDB servers in memory: commands change them and are recorded, probes write what they look
 * like to a real instance store, and any command can be made to fail on demand.
 */
final class FakeTopology implements ReplicaCommands, TopologyProbes {

    static final class Server {
        final InstanceKey key;
        boolean alive = true;
        boolean readOnly;
        InstanceKey master;
        boolean io;
        boolean sql;
        boolean detached;
        String region = "";
        String dataCenter = "";
        /** Seconds_Behind_Master while replicating, and while the SQL thread has relay log left to apply. */
        long lag;

        Server(InstanceKey key) {
            this.key = key;
        }
    }

    private final InstanceStore store;
    private final Map<InstanceKey, Server> servers = new LinkedHashMap<>();
    final List<String> commands = Collections.synchronizedList(new ArrayList<>());
    /** A command ("setReadOnly 23306 0") that matches fails. */
    volatile Predicate<String> failing = c -> false;
    /** Runs after every command that succeeded (e.g. to lose leadership at a chosen point). */
    volatile java.util.function.Consumer<String> after = c -> {
    };

    FakeTopology(InstanceStore store) {
        this.store = store;
    }

    static InstanceKey key(int port) {
        return TopologyTestData.key(port);
    }

    FakeTopology primary(int port) {
        servers.put(key(port), new Server(key(port)));
        return this;
    }

    FakeTopology replica(int port, int masterPort) {
        Server s = new Server(key(port));
        s.readOnly = true;
        s.master = key(masterPort);
        s.io = true;
        s.sql = true;
        servers.put(s.key, s);
        return this;
    }

    Server server(int port) {
        return servers.get(key(port));
    }

    /** The server stops answering; its replicas' IO threads stop (as slave_net_timeout would make them). */
    FakeTopology kill(int port) {
        server(port).alive = false;
        servers.values().stream().filter(s -> key(port).equals(s.master)).forEach(s -> s.io = false);
        return this;
    }

    /** Probes every server, primaries first, as discovery would have by now. */
    FakeTopology probeAll() {
        for (int round = 0; round < 2; round++) {
            for (Server s : servers.values()) {
                try {
                    probeNow(s.key, Duration.ofSeconds(1));
                } catch (DiscoveryException e) {
                    // recorded as a failure
                }
            }
        }
        return this;
    }

    /** Servers that take writes: alive, read_only off, no primary. */
    List<InstanceKey> writable() {
        return servers.values().stream().filter(s -> s.alive && !s.readOnly && s.master == null).map(s -> s.key)
                .toList();
    }

    @Override
    public synchronized Instance probeNow(InstanceKey key, Duration timeout) {
        Server s = servers.get(key);
        if (s == null || !s.alive) {
            store.writeFailure(key, Instant.now(), "Connection refused");
            throw new DiscoveryException("cannot probe " + key + ": Connection refused", false, null);
        }
        return store.writeProbe(key, state(s), Instant.now());
    }

    @Override
    public void requestProbe(InstanceKey key) {
        try {
            probeNow(key, Duration.ofSeconds(1));
        } catch (DiscoveryException e) {
            // recorded
        }
    }

    @Override
    public List<InstanceKey> replicaKeys(InstanceKey key) {
        return store.replicasOf(key).stream().map(Instance::key).toList();
    }

    @Override
    public Duration pollInterval() {
        return Duration.ofSeconds(1);
    }

    private ServerState state(Server s) {
        List<InstanceKey> replicas = servers.values().stream().filter(r -> s.key.equals(r.master)).map(r -> r.key)
                .toList();
        ReplicationStatus r = null;
        if (s.master != null) {
            BinlogCoordinates c = new BinlogCoordinates("mysql-bin.000001", 100);
            r = new ReplicationStatus(s.master, s.io, s.sql, s.io ? "Yes" : "No", s.sql ? "Yes" : "No", c, c,
                    new BinlogCoordinates("relay-bin.000001", 10), "", "", 0, 0, s.sql && (s.io || s.lag > 0) ? s.lag : null, 0, "",
                    s.master.port(), false, "Slave_Pos", "", "", false);
        }
        ServerState t = TopologyTestData.state(r, s.readOnly, replicas);
        return new ServerState(t.serverId(), t.serverUuid(), t.version(), t.versionComment(), t.flavor(), t.readOnly(),
                t.superReadOnly(), t.logBinEnabled(), t.logReplicationUpdatesEnabled(), t.binlogFormat(),
                t.binlogRowImage(), t.selfBinlogCoordinates(), t.replication(), t.gtid(), t.semiSync(), t.replicaKeys(),
                s.dataCenter, s.region, t.physicalEnvironment(), t.suggestedClusterAlias(), t.uptimeSeconds(),
                t.probeLatencyMillis());
    }

    private synchronized Server run(Target t, String command) {
        String entry = command;
        commands.add(entry);
        Server s = servers.get(t.key());
        if (failing.test(entry)) {
            throw new IllegalStateException("injected failure: " + entry);
        }
        if (s == null || !s.alive) {
            throw new IllegalStateException(t.key() + ": Connection refused");
        }
        return s;
    }

    private void done(String command) {
        after.accept(command);
    }

    @Override
    public void stopReplication(Target t) {
        String c = "stopReplication " + t.key().port();
        Server s = run(t, c);
        s.io = false;
        s.sql = false;
        done(c);
    }

    @Override
    public void stopIoThread(Target t) {
        String c = "stopIoThread " + t.key().port();
        run(t, c).io = false;
        done(c);
    }

    @Override
    public void startReplication(Target t) {
        String c = "startReplication " + t.key().port();
        Server s = run(t, c);
        if (s.master != null) {
            Server m = servers.get(s.master);
            s.io = m != null && m.alive;
            s.sql = true;
        }
        done(c);
    }

    @Override
    public void setReadOnly(Target t, boolean readOnly) {
        String c = "setReadOnly " + t.key().port() + " " + (readOnly ? 1 : 0);
        run(t, c).readOnly = readOnly;
        done(c);
    }

    @Override
    public void resetReplicaAll(Target t) {
        String c = "resetReplicaAll " + t.key().port();
        Server s = run(t, c);
        s.master = null;
        s.io = false;
        s.sql = false;
        done(c);
    }

    @Override
    public void changeMaster(Target t, InstanceKey master, boolean withCredentials) {
        String c = "changeMaster " + t.key().port() + " " + master.port();
        run(t, c).master = master;
        done(c);
    }

    @Override
    public void detachMasterHost(Target t, InstanceKey master) {
        String c = "detachMasterHost " + t.key().port();
        Server s = run(t, c);
        s.io = false;
        s.sql = false;
        s.detached = true;
        done(c);
    }

    @Override
    public String gtidPosition(Target t) {
        run(t, "gtidPosition " + t.key().port());
        return "0-1-100";
    }

    @Override
    public boolean waitForGtid(Target t, String position, Duration timeout) {
        String c = "waitForGtid " + t.key().port();
        run(t, c);
        done(c);
        return true;
    }

    @Override
    public boolean waitRelayLogApplied(Target t, Duration timeout) {
        run(t, "waitRelayLogApplied " + t.key().port());
        return true;
    }

    @Override
    public void changeMasterToCoordinates(Target t, InstanceKey master, BinlogCoordinates at, boolean withCredentials) {
        String c = "changeMasterToCoordinates " + t.key().port() + " " + master.port() + " " + at;
        run(t, c).master = master;
        done(c);
    }

    @Override
    public boolean startReplicationUntil(Target t, BinlogCoordinates at, Duration timeout) {
        run(t, "startReplicationUntil " + t.key().port() + " " + at);
        return true;
    }

    @Override
    public io.quorch.mysql.ReplicaSettings replicaSettings(Target t) {
        Server s = run(t, "replicaSettings " + t.key().port());
        return s.master == null ? null
                : new io.quorch.mysql.ReplicaSettings(s.master, "repl", BinlogCoordinates.NONE, s.io, s.sql, "", Map.of());
    }

    @Override
    public BinlogCoordinates binlogPosition(Target t) {
        run(t, "binlogPosition " + t.key().port());
        return BinlogCoordinates.NONE;
    }

    @Override
    public void restoreTls(Target t, io.quorch.mysql.ReplicaSettings before) {
        run(t, "restoreTls " + t.key().port());
    }
}
