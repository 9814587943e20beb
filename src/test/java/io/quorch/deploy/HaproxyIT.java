package io.quorch.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.testing.Await;
import io.quorch.testing.Ports;
import io.quorch.testing.RaftCluster;

/**
 * Debian's real haproxy with deploy/haproxy/haproxy.cfg, and haproxy-https.cfg (their bind and
 * server lines, and the HTTPS variant's certificate files, pointed at a real three-node group on
 * loopback): requests reach the leader, and after the leader is killed, the new one.
 */
class HaproxyIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Path CONFIG = Path.of("deploy", "haproxy", "haproxy.cfg");
    private static final Path HTTPS_CONFIG = Path.of("deploy", "haproxy", "haproxy-https.cfg");

    @TempDir
    Path dir;

    /** The shipped file with only its listening address and its three server addresses replaced. */
    static String adapt(String shipped, int frontend, RaftCluster c) {
        return adapt(shipped, frontend, c, Map.of());
    }

    /** The same, with the given file paths replaced as well. */
    static String adapt(String shipped, int frontend, RaftCluster c, Map<String, Path> files) {
        for (var f : files.entrySet()) {
            assertTrue(shipped.contains(f.getKey()), f.getKey() + " in the shipped file");
            shipped = shipped.replace(f.getKey(), f.getValue().toString());
        }
        List<String> out = new ArrayList<>();
        int server = 0;
        for (String line : shipped.split("\n", -1)) {
            String t = line.trim();
            if (t.startsWith("bind ")) {
                line = line.replaceFirst("bind \\S+", "bind 127.0.0.1:" + frontend);
            } else if (t.startsWith("server ")) {
                String address = URI.create(c.url(server++)).getAuthority();
                line = line.replaceFirst("(server \\S+ )\\S+", "$1" + address);
            }
            out.add(line);
        }
        assertEquals(3, server, "three server lines in " + CONFIG);
        return String.join("\n", out);
    }

    static String get(int port, String path) {
        return get(HTTP, "http", port, path);
    }

    static String get(HttpClient client, String scheme, int port, String path) {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() + " " + r.body();
        } catch (Exception e) {
            return "failed " + e.getMessage();
        }
    }

    /**
     * The HTTPS variant in front of a group serving its API over mutual TLS and speaking raft over
     * mutual TLS: HAProxy checks leader-check over HTTPS with the group's CA and its own client
     * certificate, and passes each client's TLS connection through to the leader.
     */
    @Test
    void theHttpsVariantPassesClientsThroughToTheLeader() throws Exception {
        Path certs = dir.resolve("tls");
        var raftTls = RaftCluster.raftTls(certs, 3);
        io.quorch.testing.Tls.makeCerts(certs, "quorch", "admin", "haproxy");
        Path check = dir.resolve("quorch-check.pem");
        Files.writeString(check, Files.readString(certs.resolve("haproxy.pem"))
                + Files.readString(certs.resolve("haproxy.key")));
        java.util.function.IntFunction<String> json = i -> raftTls.apply(i) + ", \"UseSSL\": true,"
                + " \"UseMutualTLS\": true, \"SSLCertFile\": \"" + certs.resolve("node" + i + ".pem")
                + "\", \"SSLPrivateKeyFile\": \"" + certs.resolve("node" + i + ".key") + "\", \"SSLCAFile\": \""
                + certs.resolve("ca.pem") + "\"";
        javax.net.ssl.SSLContext admin = io.quorch.testing.Tls.context(certs.resolve("ca.pem"),
                certs.resolve("admin.pem"), certs.resolve("admin.key"));
        HttpClient client = HttpClient.newBuilder().sslContext(admin).connectTimeout(Duration.ofSeconds(2)).build();
        try (RaftCluster c = RaftCluster.start(dir.resolve("raft"), 3, json)) {
            c.useTls(admin);
            int leader = c.awaitSingleLeader(Duration.ofSeconds(90));
            int frontend = Ports.free();
            Path cfg = dir.resolve("haproxy-https.cfg");
            Files.writeString(cfg, adapt(Files.readString(HTTPS_CONFIG), frontend, c, Map.of(
                    "/etc/quorch/tls/ca.pem", certs.resolve("ca.pem"), "/etc/haproxy/quorch-check.pem", check)));
            Process checked = new ProcessBuilder("haproxy", "-c", "-f", cfg.toString()).redirectErrorStream(true)
                    .start();
            String out = new String(checked.getInputStream().readAllBytes());
            assertEquals(0, checked.waitFor(), "haproxy -c: " + out);
            Process haproxy = new ProcessBuilder("haproxy", "-db", "-f", cfg.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy-https.log").toFile()).start();
            try {
                Await.until("haproxy passes clients through to the leader", Duration.ofSeconds(20),
                        () -> get(client, "https", frontend, "/api/raft-state").equals("200 \"Leader\"") ? true : null);
                for (int i = 0; i < 5; i++) {
                    assertEquals("200 \"Leader\"", get(client, "https", frontend, "/api/raft-state"));
                }
                assertTrue(get(HTTP, "http", frontend, "/api/raft-state").startsWith("failed"), "no plain HTTP");

                c.kill(leader);
                int next = c.awaitSingleLeader(Duration.ofSeconds(30));
                assertTrue(next != leader);
                Await.until("haproxy passes clients through to the new leader", Duration.ofSeconds(20),
                        () -> get(client, "https", frontend, "/api/raft-state").equals("200 \"Leader\"") ? true : null);
            } finally {
                haproxy.destroy();
                if (!haproxy.waitFor(10, TimeUnit.SECONDS)) {
                    haproxy.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    @Test
    void requestsReachTheLeaderAndFollowItAfterItIsKilled() throws Exception {
        Process check = new ProcessBuilder("haproxy", "-c", "-f", CONFIG.toString()).redirectErrorStream(true).start();
        String checked = new String(check.getInputStream().readAllBytes());
        assertEquals(0, check.waitFor(), "haproxy -c: " + checked);

        try (RaftCluster c = RaftCluster.start(dir.resolve("raft"), 3, "")) {
            int leader = c.awaitSingleLeader(Duration.ofSeconds(90));
            int frontend = Ports.free();
            Path cfg = dir.resolve("haproxy.cfg");
            Files.writeString(cfg, adapt(Files.readString(CONFIG), frontend, c));
            Process haproxy = new ProcessBuilder("haproxy", "-db", "-f", cfg.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
            try {
                // raft-state is node-local (never proxied): "Leader" means the leader itself answered
                Await.until("haproxy sends requests to the leader", Duration.ofSeconds(20),
                        () -> get(frontend, "/api/raft-state").equals("200 \"Leader\"") ? true : null);
                for (int i = 0; i < 10; i++) {
                    assertEquals("200 \"Leader\"", get(frontend, "/api/raft-state"));
                    assertEquals("200 \"OK\"", get(frontend, "/api/leader-check"));
                }

                c.kill(leader);
                int next = c.awaitSingleLeader(Duration.ofSeconds(30));
                assertTrue(next != leader);
                Await.until("haproxy sends requests to the new leader", Duration.ofSeconds(20),
                        () -> get(frontend, "/api/raft-state").equals("200 \"Leader\"") ? true : null);
                assertTrue(c.local(next, "/api/raft-state").body().contains("Leader"));
                for (int i = 0; i < 10; i++) {
                    assertEquals("200 \"Leader\"", get(frontend, "/api/raft-state"));
                }
            } finally {
                haproxy.destroy();
                if (!haproxy.waitFor(10, TimeUnit.SECONDS)) {
                    haproxy.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }
}
