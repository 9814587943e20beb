package io.quorch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A real raft group: N quorch processes from the built jar on loopback, each with its own SQLite
 * backend and raft directory. close() stops every process by PID.
 */
public final class RaftCluster implements AutoCloseable {

    private final Path dir;
    private final List<Integer> raftPorts = new ArrayList<>();
    private final List<Integer> httpPorts = new ArrayList<>();
    private final List<Path> configs = new ArrayList<>();
    private final QuorchProcess[] nodes;

    private RaftCluster(Path dir, int size) {
        this.dir = dir;
        this.nodes = new QuorchProcess[size];
    }

    /** Writes every node's configuration (extra JSON members appended to each) and starts all nodes. */
    public static RaftCluster start(Path dir, int size, String extraJson) {
        RaftCluster c = new RaftCluster(dir, size);
        for (int i = 0; i < size; i++) {
            c.raftPorts.add(Ports.free());
            c.httpPorts.add(Ports.free());
        }
        String members = c.raftPorts.stream().map(p -> "\"127.0.0.1:" + p + "\"").collect(Collectors.joining(", "));
        try {
            for (int i = 0; i < size; i++) {
                Path nodeDir = dir.resolve("node" + i);
                Files.createDirectories(nodeDir);
                Path config = nodeDir.resolve("quorch.conf.json");
                Files.writeString(config, """
                        {"ListenAddress": ":%d", "SQLite3DataFile": "%s", "RaftEnabled": true,
                         "RaftDataDir": "%s", "RaftBind": "127.0.0.1:%d", "RaftNodes": [%s],
                         "MySQLTopologyUser": "quorch", "MySQLTopologyPassword": "quorch"%s}
                        """.formatted(c.httpPorts.get(i), nodeDir.resolve("quorch.db"), nodeDir.resolve("raft"),
                        c.raftPorts.get(i), members, extraJson.isBlank() ? "" : ", " + extraJson));
                c.configs.add(config);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < size; i++) {
            c.start(i);
        }
        return c;
    }

    public int size() {
        return nodes.length;
    }

    public void start(int i) {
        if (nodes[i] != null && nodes[i].isAlive()) {
            return;
        }
        nodes[i] = QuorchProcess.start(configs.get(i), dir.resolve("node" + i), Map.of());
    }

    /** SIGKILL. */
    public void kill(int i) {
        if (nodes[i] != null) {
            ProcessHandle.of(nodes[i].pid()).ifPresent(ProcessHandle::destroyForcibly);
            try {
                nodes[i].awaitExit(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** SIGTERM and wait. */
    public void stop(int i) {
        if (nodes[i] != null) {
            nodes[i].close();
        }
    }

    public boolean isAlive(int i) {
        return nodes[i] != null && nodes[i].isAlive();
    }

    public QuorchProcess node(int i) {
        return nodes[i];
    }

    public String url(int i) {
        return "http://127.0.0.1:" + httpPorts.get(i);
    }

    public String raftAddress(int i) {
        return "127.0.0.1:" + raftPorts.get(i);
    }

    /** GET on node i, answered by node i itself (never proxied). */
    public HttpResponse<String> local(int i, String path) {
        return request(i, path, true);
    }

    /** GET on node i, as a client would send it (a follower proxies it to the leader). */
    public HttpResponse<String> get(int i, String path) {
        return request(i, path, false);
    }

    private HttpResponse<String> request(int i, String path, boolean local) {
        try {
            return QuorchProcess.get(url(i) + path, local ? Map.of("X-Quorch-Proxied-By", "test") : Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Indices of live nodes whose leader-check answers 200. */
    public List<Integer> leaders() {
        List<Integer> leaders = new ArrayList<>();
        for (int i = 0; i < nodes.length; i++) {
            if (!isAlive(i)) {
                continue;
            }
            try {
                if (local(i, "/api/leader-check").statusCode() == 200) {
                    leaders.add(i);
                }
            } catch (RuntimeException e) {
                // not listening (yet)
            }
        }
        return leaders;
    }

    /** Waits until exactly one live node answers leader-check 200; returns it. */
    public int awaitSingleLeader(Duration timeout) {
        return Await.until("exactly one leader", timeout, () -> {
            List<Integer> l = leaders();
            return l.size() == 1 ? l.get(0) : null;
        });
    }

    public String output(int i) {
        return nodes[i] == null ? "" : nodes[i].output();
    }

    @Override
    public void close() {
        for (QuorchProcess n : nodes) {
            if (n != null) {
                n.close();
            }
        }
    }
}
