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
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.testing.Await;
import io.quorch.testing.Ports;
import io.quorch.testing.RaftCluster;

/**
 * Debian's real haproxy with deploy/haproxy/haproxy.cfg (its bind and server lines pointed at a
 * real three-node group on loopback): requests reach the leader, and after the leader is killed,
 * the new one.
 */
class HaproxyIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Path CONFIG = Path.of("deploy", "haproxy", "haproxy.cfg");

    @TempDir
    Path dir;

    /** The shipped file with only its listening address and its three server addresses replaced. */
    static String adapt(String shipped, int frontend, RaftCluster c) {
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
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() + " " + r.body();
        } catch (Exception e) {
            return "failed " + e.getMessage();
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
