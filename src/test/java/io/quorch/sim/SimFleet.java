package io.quorch.sim;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A fleet of simulated servers on one port, each at its own loopback address (127.20.a.b), in
 * clusters of one primary and some replicas; in every chainEvery-th cluster the last replica
 * replicates from the first (an intermediate primary). Every tick each writable primary commits one
 * transaction and every replica whose IO thread can reach its source catches up with it.
 */
public final class SimFleet implements AutoCloseable {

    /** How often primaries write and replicas catch up. */
    static final long TICK_MILLIS = 100;

    private final int port;
    private final Map<String, SimServer> byHost = new LinkedHashMap<>();
    private final Map<String, List<SimSession>> sessions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("sim-tick").daemon(true).factory());

    /**
     * @param servers    how many servers (rounded down to whole clusters, at least one cluster)
     * @param replicas   replicas per cluster
     * @param chainEvery every how many clusters the last replica is chained under the first (0: never)
     */
    public SimFleet(int servers, int port, int replicas, int chainEvery) {
        this.port = port;
        int size = replicas + 1;
        int clusters = Math.max(1, servers / size);
        if (clusters * size > 250 * 250) {
            throw new IllegalArgumentException("at most " + 250 * 250 + " servers");
        }
        int n = 0;
        for (int c = 0; c < clusters; c++) {
            SimServer primary = null;
            SimServer first = null;
            for (int r = 0; r < size; r++, n++) {
                String host = address(n);
                SimServer s = new SimServer(host, port, 1000 + n, primary == null ? host : primary.cluster);
                if (primary == null) {
                    primary = s;
                } else {
                    boolean chained = chainEvery > 0 && c % chainEvery == 0 && r == size - 1 && size > 2;
                    SimServer source = chained ? first : primary;
                    s.replicate(source.host, port, "repl");
                    s.threads(true, true);
                    s.readOnly(true);
                    if (first == null) {
                        first = s;
                    }
                }
                byHost.put(host, s);
            }
        }
        ticker.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The n-th server's address: 127.20.a.b with b from 1 to 250. */
    static String address(int n) {
        return "127.20." + (n / 250) + "." + (1 + n % 250);
    }

    public int port() {
        return port;
    }

    public Collection<SimServer> servers() {
        return byHost.values();
    }

    public SimServer server(String host) {
        return byHost.get(host);
    }

    /** The primaries: servers that replicate from nothing. */
    public List<SimServer> primaries() {
        return byHost.values().stream().filter(s -> !s.isReplica()).toList();
    }

    /** The servers that name host as their source. */
    public List<SimServer> replicasOf(String host) {
        List<SimServer> out = new ArrayList<>();
        for (SimServer s : byHost.values()) {
            if (host.equals(s.masterHost())) {
                out.add(s);
            }
        }
        return out;
    }

    /** Stops the server: its connections end and new ones are refused; its replicas' IO threads fail. */
    public void kill(String host) {
        SimServer s = required(host);
        s.alive(false);
        s.paused(false);
        List<SimSession> open = sessions.remove(host);
        if (open != null) {
            open.forEach(SimSession::close);
        }
    }

    /** Starts a killed server again, as it was (its replication configuration kept). */
    public void revive(String host) {
        required(host).alive(true);
    }

    /** A paused server accepts connections and statements but answers nothing until resumed. */
    public void pause(String host, boolean paused) {
        required(host).paused(paused);
    }

    public void latency(String host, int millis) {
        required(host).latencyMillis(millis);
    }

    private SimServer required(String host) {
        SimServer s = byHost.get(host);
        if (s == null) {
            throw new IllegalArgumentException("no simulated server at " + host);
        }
        return s;
    }

    void opened(SimServer s, SimSession session) {
        sessions.computeIfAbsent(s.host, h -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(session);
    }

    void closed(SimServer s, SimSession session) {
        List<SimSession> open = sessions.get(s.host);
        if (open != null) {
            open.remove(session);
        }
    }

    /** Whether the replica's IO thread is connected to a source that can serve it; sets its error when not. */
    boolean connected(SimServer replica) {
        String mh = replica.masterHost();
        if (mh == null || !replica.ioStarted() || !replica.alive()) {
            return false;
        }
        SimServer source = mh.startsWith("//") || replica.masterPort() != port ? null : byHost.get(mh);
        if (source == null || !source.alive()) {
            replica.ioFailure(2003, "error reconnecting to master '" + replica.masterUser() + "@" + mh + ":"
                    + replica.masterPort() + "' - retry-time: 1  maximum-retries: 100000  message: Can't connect to"
                    + " MySQL server on '" + mh + "' (111 \"Connection refused\")");
            return false;
        }
        if (source.seq() < replica.seq()) {
            replica.ioFailure(1236, "Got fatal error 1236 from master when reading data from binary log: 'Error:"
                    + " connecting slave requested to start from GTID " + replica.gtid()
                    + ", which is not in the master's binlog'");
            return false;
        }
        replica.ioFailure(0, "");
        return true;
    }

    /** Primaries write; replicas catch up, a chain one level per pass. */
    void tick() {
        try {
            for (SimServer s : byHost.values()) {
                if (!s.isReplica() && s.alive() && !s.readOnly()) {
                    s.write();
                }
            }
            for (int pass = 0; pass < 3; pass++) {
                for (SimServer s : byHost.values()) {
                    if (s.isReplica() && connected(s) && s.sqlStarted()) {
                        SimServer source = byHost.get(s.masterHost());
                        if (source.seq() > s.seq()) {
                            s.position(source.seq(), source.originId());
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            System.err.println("sim: tick failed: " + e);
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        sessions.values().forEach(l -> l.forEach(SimSession::close));
        sessions.clear();
    }
}
