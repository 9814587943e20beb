package io.quorch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real MariaDB replication topology from scripts/sandbox, in its own directory and on its own
 * loopback ports. close() tears it down (every mariadbd stopped by PID, the directory removed).
 */
public final class Sandbox implements AutoCloseable {

    private static final AtomicInteger NEXT_BASE = new AtomicInteger(24000 + (int) (ProcessHandle.current().pid() % 40) * 100);

    private final Path dir;
    private final int basePort;
    private String host = "127.0.0.1";
    private final List<Integer> ports = new ArrayList<>();

    private Sandbox(Path dir, int basePort) {
        this.dir = dir;
        this.basePort = basePort;
    }

    /** A primary and N replicas (chained under the first replica with chain). */
    public static Sandbox up(String name, int replicas, boolean chain) {
        return up(name, replicas, chain, "127.0.0.1");
    }

    /** The same, the servers reporting and replicating by the given address (also listened on). */
    public static Sandbox up(String name, int replicas, boolean chain, String host) {
        return up(name, replicas, chain, host, List.of());
    }

    /**
     * A primary and N replicas that accept only TLS on TCP (require_secure_transport), with a CA of
     * their own (scripts/sandbox up --tls); see {@link #tlsDir()}.
     */
    public static Sandbox upWithTls(String name, int replicas) {
        return up(name, replicas, false, "127.0.0.1", List.of("--tls"));
    }

    /** A primary and N replicas replicating by binlog file and position, without GTID (up --no-gtid). */
    public static Sandbox upWithoutGtid(String name, int replicas, boolean chain) {
        return up(name, replicas, chain, "127.0.0.1", List.of("--no-gtid"));
    }

    private static Sandbox up(String name, int replicas, boolean chain, String host, List<String> options) {
        int base = freeBase(replicas + 4);
        Path dir = Path.of("target", "sandboxes", name + "-" + base).toAbsolutePath();
        Sandbox s = new Sandbox(dir, base);
        s.host = host;
        List<String> args = new ArrayList<>(List.of("up", "--replicas", Integer.toString(replicas)));
        if (chain) {
            args.add("--chain");
        }
        args.addAll(options);
        try {
            s.run(Duration.ofSeconds(180), args.toArray(String[]::new));
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        for (int i = 0; i <= replicas; i++) {
            s.ports.add(base + i);
        }
        return s;
    }

    private static int freeBase(int span) {
        while (true) {
            int base = NEXT_BASE.getAndAdd(100);
            if (base + span > 65000) {
                NEXT_BASE.set(24000);
                continue;
            }
            boolean free = true;
            for (int p = base; p < base + span && free; p++) {
                free = portFree(p);
            }
            if (free) {
                return base;
            }
        }
    }

    private static boolean portFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public int primaryPort() {
        return basePort;
    }

    public List<Integer> ports() {
        return List.copyOf(ports);
    }

    public List<Integer> replicaPorts() {
        return ports.subList(1, ports.size());
    }

    public Path dir() {
        return dir;
    }

    /**
     * The certificates of a TLS sandbox: ca.pem (its own CA), server.pem/server.key (the servers',
     * for 127.0.0.1 and localhost), client.pem/client.key (CN=client, signed by the same CA).
     */
    public Path tlsDir() {
        return dir.resolve("tls");
    }

    /** Runs SQL as root on the instance; returns tab-separated rows. */
    public String sql(int port, String statement) {
        return run(Duration.ofSeconds(60), "sql", Integer.toString(port), statement).trim();
    }

    public void kill(int port) {
        run(Duration.ofSeconds(60), "kill", Integer.toString(port));
    }

    public void stop(int port) {
        run(Duration.ofSeconds(60), "stop", Integer.toString(port));
    }

    public void start(int port) {
        run(Duration.ofSeconds(60), "start", Integer.toString(port));
    }

    public long pid(int port) {
        return Long.parseLong(run(Duration.ofSeconds(10), "pid", Integer.toString(port)).trim());
    }

    public String status() {
        return run(Duration.ofSeconds(60), "status");
    }

    /** A new replica of the given master; returns its port. */
    public int addReplica(int masterPort) {
        return addReplica(masterPort, new String[0]);
    }

    /** A new replica of the given master with extra [mysqld] option lines (NAME=VALUE); returns its port. */
    public int addReplica(int masterPort, String... mysqldOptions) {
        List<String> args = new ArrayList<>(List.of("add-replica", Integer.toString(masterPort)));
        for (String option : mysqldOptions) {
            args.add("--mysqld");
            args.add(option);
        }
        int port = Integer.parseInt(run(Duration.ofSeconds(120), args.toArray(String[]::new)).trim());
        ports.add(port);
        return port;
    }

    /** Runs a scripts/sandbox command on this sandbox; returns stdout, fails with stderr. */
    public String run(Duration timeout, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(script().toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("SANDBOX_DIR", dir.toString());
        pb.environment().put("SANDBOX_BASE_PORT", Integer.toString(basePort));
        pb.environment().put("SANDBOX_HOST", host);
        try {
            Path err = Files.createTempFile("sandbox", ".err");
            pb.redirectError(err.toFile());
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("scripts/sandbox " + String.join(" ", args) + " timed out");
            }
            String stderr = Files.readString(err);
            Files.deleteIfExists(err);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("scripts/sandbox " + String.join(" ", args) + " failed ("
                        + p.exitValue() + "): " + stderr);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path script() {
        Path p = Path.of("scripts", "sandbox").toAbsolutePath();
        if (!Files.isExecutable(p)) {
            throw new IllegalStateException("scripts/sandbox not found at " + p);
        }
        return p;
    }

    @Override
    public void close() {
        run(Duration.ofSeconds(120), "down");
    }
}
