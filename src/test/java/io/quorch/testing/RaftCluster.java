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
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

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
    /** Node i runs in network namespace quorch-ns{i} at 10.231.0.{i+1} (see scripts/lib/netns). */
    private final boolean namespaces;
    private Map<String, String> env = Map.of();
    /** With UseSSL: the client that speaks HTTPS to the nodes (trusting their CA, with a client certificate). */
    private java.net.http.HttpClient tls;

    private RaftCluster(Path dir, int size, boolean namespaces) {
        this.dir = dir;
        this.nodes = new QuorchProcess[size];
        this.namespaces = namespaces;
    }

    /** Nodes in their own network namespaces (already made by scripts/lib/netns up N), so links can be cut. */
    public static RaftCluster startInNamespaces(Path dir, int size, String extraJson) {
        RaftCluster c = new RaftCluster(dir, size, true);
        for (int i = 0; i < size; i++) {
            c.raftPorts.add(10008);
            c.httpPorts.add(3000);
        }
        c.writeConfigs(extraJson);
        for (int i = 0; i < size; i++) {
            c.start(i);
        }
        return c;
    }

    private String host(int i) {
        return namespaces ? "10.231.0." + (i + 1) : "127.0.0.1";
    }

    /** Writes every node's configuration (extra JSON members appended to each) and starts all nodes. */
    public static RaftCluster start(Path dir, int size, String extraJson) {
        return start(dir, size, extraJson, Map.of());
    }

    /** The same, with environment variables for every node's process. */
    public static RaftCluster start(Path dir, int size, String extraJson, Map<String, String> env) {
        return start(dir, size, i -> extraJson, env);
    }

    /** The same, with extra JSON members of each node's own (given the node's index). */
    public static RaftCluster start(Path dir, int size, IntFunction<String> extraJson) {
        return start(dir, size, extraJson, Map.of());
    }

    /** The same, with per-node extra JSON members and environment variables for every node's process. */
    public static RaftCluster start(Path dir, int size, IntFunction<String> extraJson, Map<String, String> env) {
        RaftCluster c = new RaftCluster(dir, size, false);
        c.env = Map.copyOf(env);
        for (int i = 0; i < size; i++) {
            c.raftPorts.add(Ports.free());
            c.httpPorts.add(Ports.free());
        }
        c.writeConfigs(extraJson);
        for (int i = 0; i < size; i++) {
            c.start(i);
        }
        return c;
    }

    /**
     * Raft mutual TLS for a group of size nodes on loopback: makes a CA and one certificate per node
     * (nodeN, for 127.0.0.1 and localhost) in certs with scripts/make-certs, and returns each node's
     * RaftTLSCertFile, RaftTLSKeyFile and RaftTLSCAFile members, to pass to {@link #start}.
     */
    public static IntFunction<String> raftTls(Path certs, int size) {
        try {
            String[] specs = IntStream.range(0, size).mapToObj(i -> "node" + i + ",127.0.0.1,localhost")
                    .toArray(String[]::new);
            Tls.makeCerts(certs, "quorch", specs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return i -> "\"RaftTLSCertFile\": \"" + certs.resolve("node" + i + ".pem") + "\", \"RaftTLSKeyFile\": \""
                + certs.resolve("node" + i + ".key") + "\", \"RaftTLSCAFile\": \"" + certs.resolve("ca.pem") + "\"";
    }

    private void writeConfigs(String extraJson) {
        writeConfigs(i -> extraJson);
    }

    private void writeConfigs(IntFunction<String> extraJsonOf) {
        RaftCluster c = this;
        int size = nodes.length;
        String members = IntStream.range(0, size).mapToObj(i -> "\"" + host(i) + ":" + raftPorts.get(i) + "\"")
                .collect(Collectors.joining(", "));
        try {
            for (int i = 0; i < size; i++) {
                String extraJson = extraJsonOf.apply(i);
                Path nodeDir = dir.resolve("node" + i);
                Files.createDirectories(nodeDir);
                Path config = nodeDir.resolve("quorch.conf.json");
                Files.writeString(config, """
                        {"ListenAddress": ":%d", "SQLite3DataFile": "%s", "RaftEnabled": true,
                         "RaftDataDir": "%s", "RaftBind": "%s:%d", "RaftNodes": [%s],
                         "MySQLTopologyUser": "quorch", "MySQLTopologyPassword": "quorch"%s}
                        """.formatted(c.httpPorts.get(i), nodeDir.resolve("quorch.db"), nodeDir.resolve("raft"),
                        host(i), c.raftPorts.get(i), members, extraJson.isBlank() ? "" : ", " + extraJson));
                c.configs.add(config);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int size() {
        return nodes.length;
    }

    public void start(int i) {
        if (nodes[i] != null && nodes[i].isAlive()) {
            return;
        }
        List<String> prefix = namespaces ? List.of("ip", "netns", "exec", "quorch-ns" + i) : List.of();
        nodes[i] = QuorchProcess.start(prefix, configs.get(i), dir.resolve("node" + i), env);
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

    /**
     * Deletes node i's raft directory and SQLite backend (with its WAL and shared-memory files),
     * as when a lost machine is replaced by a new one under the same name. The node must be stopped.
     */
    public void wipe(int i) {
        if (isAlive(i)) {
            throw new IllegalStateException("node " + i + " still runs; stop or kill it before wiping it");
        }
        Path nodeDir = dir.resolve("node" + i);
        try {
            for (String f : List.of("quorch.db", "quorch.db-wal", "quorch.db-shm")) {
                Files.deleteIfExists(nodeDir.resolve(f));
            }
            Path raft = nodeDir.resolve("raft");
            if (Files.exists(raft)) {
                try (var paths = Files.walk(raft)) {
                    for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isAlive(int i) {
        return nodes[i] != null && nodes[i].isAlive();
    }

    public QuorchProcess node(int i) {
        return nodes[i];
    }

    /** Talks HTTPS to the nodes from now on (for groups started with UseSSL), through this context. */
    public RaftCluster useTls(javax.net.ssl.SSLContext context) {
        tls = java.net.http.HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(1)).build();
        return this;
    }

    public String url(int i) {
        return (tls == null ? "http://" : "https://") + host(i) + ":" + httpPorts.get(i);
    }

    public String raftAddress(int i) {
        return host(i) + ":" + raftPorts.get(i);
    }

    /** The HTTP status node i gives itself for a path, asked from inside its own namespace (works while it is cut off). */
    public int statusFromInside(int i, String path) {
        return statusFromInside(i, path, 2);
    }

    /** The same, waiting up to maxSeconds for the answer (0 when none came). */
    public int statusFromInside(int i, String path, int maxSeconds) {
        try {
            Process p = new ProcessBuilder("ip", "netns", "exec", "quorch-ns" + i, "curl", "-s", "-m",
                    Integer.toString(maxSeconds), "-o",
                    "/dev/null", "-w", "%{http_code}", "-H", "X-Quorch-Local: true",
                    "http://127.0.0.1:" + httpPorts.get(i) + path).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return out.matches("\\d+") ? Integer.parseInt(out) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** The body node i gives itself for a path, asked from inside its namespace. */
    public String bodyFromInside(int i, String path) {
        try {
            Process p = new ProcessBuilder("ip", "netns", "exec", "quorch-ns" + i, "curl", "-s", "-m", "2", "-H",
                    "X-Quorch-Local: true", "http://127.0.0.1:" + httpPorts.get(i) + path)
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** GET on node i, answered by node i itself for read-only endpoints (X-Quorch-Local), else as a client's. */
    public HttpResponse<String> local(int i, String path) {
        return request(i, path, true);
    }

    /** GET on node i, as a client would send it (a follower proxies it to the leader). */
    public HttpResponse<String> get(int i, String path) {
        return request(i, path, false);
    }

    private HttpResponse<String> request(int i, String path, boolean local) {
        try {
            Map<String, String> headers = local ? Map.of("X-Quorch-Local", "true") : Map.of();
            if (tls != null) {
                var b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url(i) + path))
                        .timeout(Duration.ofSeconds(10)).GET();
                headers.forEach(b::header);
                return tls.send(b.build(), HttpResponse.BodyHandlers.ofString());
            }
            return QuorchProcess.get(url(i) + path, headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until every node's own backend holds the cluster named clusterKey with this many instances. */
    public void awaitEveryNodeKnows(String clusterKey, int instances, Duration timeout) {
        for (int i = 0; i < size(); i++) {
            int n = i;
            Await.until("node " + n + " knows the cluster " + clusterKey, timeout, () -> {
                var r = local(n, "/api/cluster/" + clusterKey);
                return r.statusCode() == 200 && r.body().split("\"Key\"").length - 1 == instances;
            });
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
