package io.quorch.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.testing.Await;
import io.quorch.testing.Ports;
import io.quorch.testing.QuorchProcess;
import io.quorch.testing.RaftCluster;
import io.quorch.testing.Tls;

/** The built jar with each authentication method: who may read, who may change, what stays open. */
class SecurityIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String PASSWORD = "pa'ss\\w\"rd";

    @TempDir
    Path dir;

    @Test
    void basicAuthenticationProtectsReadsAndChangesButNotProbes() throws Exception {
        Path passwordFile = dir.resolve("http-password");
        Files.writeString(passwordFile, PASSWORD + "\n");
        int port = Ports.free();
        String base = "http://127.0.0.1:" + port;
        try (QuorchProcess q = start(port, "\"AuthenticationMethod\": \"basic\", \"HTTPAuthUser\": \"admin\", "
                + "\"HTTPAuthPasswordFile\": \"" + passwordFile + "\"")) {
            q.awaitHttp(base + "/api/leader-check", 200, Duration.ofSeconds(60));
            assertEquals(200, send("GET", base + "/api/health", Map.of()).statusCode());
            assertTrue(send("GET", base + "/api/raft-health", Map.of()).statusCode() != 401, "raft-health is open");

            HttpResponse<String> missing = send("GET", base + "/api/clusters", Map.of());
            assertEquals(401, missing.statusCode());
            assertTrue(missing.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
            assertTrue(missing.body().contains("\"Code\":\"ERROR\""), missing.body());
            assertEquals(401, send("GET", base + "/api/clusters", auth("admin", "wrong")).statusCode());
            assertEquals(401, send("GET", base + "/api/disable-global-recoveries", auth("admin", "wrong")).statusCode());
            assertEquals(200, send("GET", base + "/api/clusters", auth("admin", PASSWORD)).statusCode());

            assertEquals(200, send("GET", base + "/api/disable-global-recoveries", auth("admin", PASSWORD)).statusCode());
            assertTrue(globalRecoveriesDisabled(base, auth("admin", PASSWORD)));
            // every change may also be sent as POST
            assertEquals(200, send("POST", base + "/api/enable-global-recoveries", auth("admin", PASSWORD)).statusCode());
            assertFalse(globalRecoveriesDisabled(base, auth("admin", PASSWORD)));

            // a logged-in browser tricked by another site changes nothing; curl (no such headers) does
            Map<String, String> crossSite = new HashMap<>(auth("admin", PASSWORD));
            crossSite.put("Sec-Fetch-Site", "cross-site");
            HttpResponse<String> refused = send("POST", base + "/api/disable-global-recoveries", crossSite);
            assertEquals(403, refused.statusCode(), refused.body());
            Map<String, String> otherOrigin = new HashMap<>(auth("admin", PASSWORD));
            otherOrigin.put("Origin", "https://evil.example");
            assertEquals(403, send("GET", base + "/api/disable-global-recoveries", otherOrigin).statusCode());
            assertFalse(globalRecoveriesDisabled(base, auth("admin", PASSWORD)));

            assertFalse(q.output().contains(PASSWORD), "the password is never logged:\n" + q.output());
        }
    }

    @Test
    void multiLetsTheReadonlyUserReadOnly() throws Exception {
        int port = Ports.free();
        String base = "http://127.0.0.1:" + port;
        try (QuorchProcess q = start(port, "\"AuthenticationMethod\": \"multi\", \"HTTPAuthUser\": \"admin\", "
                + "\"HTTPAuthPassword\": \"" + PASSWORD.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")) {
            q.awaitHttp(base + "/api/leader-check", 200, Duration.ofSeconds(60));
            assertEquals(200, send("GET", base + "/api/clusters", auth("readonly", "anything")).statusCode());
            HttpResponse<String> refused = send("GET", base + "/api/disable-global-recoveries",
                    auth("readonly", "anything"));
            assertEquals(403, refused.statusCode());
            assertTrue(refused.body().contains("\"Message\":\"Unauthorized"), refused.body());
            assertFalse(globalRecoveriesDisabled(base, auth("readonly", "x")));
            assertEquals(401, send("GET", base + "/api/clusters", auth("guest", PASSWORD)).statusCode());
            assertEquals(200, send("GET", base + "/api/disable-global-recoveries", auth("admin", PASSWORD)).statusCode());
            assertTrue(globalRecoveriesDisabled(base, auth("readonly", "x")));
        }
    }

    @Test
    void proxyTrustsTheUserHeaderAndOnlyPowerUsersChange() throws Exception {
        int port = Ports.free();
        String base = "http://127.0.0.1:" + port;
        try (QuorchProcess q = start(port, "\"AuthenticationMethod\": \"proxy\", \"AuthUserHeader\": \"X-Auth-User\", "
                + "\"PowerAuthUsers\": [\"alice\"]")) {
            q.awaitHttp(base + "/api/leader-check", 200, Duration.ofSeconds(60));
            assertEquals(401, send("GET", base + "/api/clusters", Map.of()).statusCode());
            assertEquals(200, send("GET", base + "/api/clusters", Map.of("X-Auth-User", "bob")).statusCode());
            assertEquals(403, send("GET", base + "/api/disable-global-recoveries", Map.of("X-Auth-User", "bob"))
                    .statusCode());
            assertEquals(200, send("GET", base + "/api/disable-global-recoveries", Map.of("X-Auth-User", "alice"))
                    .statusCode());
            assertTrue(globalRecoveriesDisabled(base, Map.of("X-Auth-User", "bob")));
        }
    }

    @Test
    void readOnlyRefusesEveryChange() throws Exception {
        int port = Ports.free();
        String base = "http://127.0.0.1:" + port;
        try (QuorchProcess q = start(port, "\"ReadOnly\": true")) {
            q.awaitHttp(base + "/api/leader-check", 200, Duration.ofSeconds(60));
            assertEquals(200, send("GET", base + "/api/clusters", Map.of()).statusCode());
            HttpResponse<String> refused = send("GET", base + "/api/disable-global-recoveries", Map.of());
            assertEquals(403, refused.statusCode());
            assertTrue(refused.body().contains("ReadOnly"), refused.body());
            assertEquals(403, send("GET", base + "/api/discover/127.0.0.1/3306", Map.of()).statusCode());
            assertFalse(globalRecoveriesDisabled(base, Map.of()));
        }
    }

    @Test
    void aFollowerForwardsTheCallersCredentialsAndTheLeaderChecksThem() throws Exception {
        try (RaftCluster group = RaftCluster.start(dir.resolve("group"), 3, "\"AuthenticationMethod\": \"basic\", "
                + "\"HTTPAuthUser\": \"admin\", \"HTTPAuthPassword\": \"group-secret\"")) {
            int leader = group.awaitSingleLeader(Duration.ofSeconds(60));
            int follower = (leader + 1) % 3;
            String f = group.url(follower);
            assertEquals(401, send("GET", f + "/api/disable-global-recoveries", Map.of()).statusCode());
            assertEquals(401, send("GET", f + "/api/disable-global-recoveries", auth("admin", "wrong")).statusCode());
            // a follower that has not yet learned the new leader's address serves the request itself and
            // refuses the change (503): what is checked here is that once it forwards, the leader accepts
            Await.until("the follower forwards an authenticated change", Duration.ofSeconds(20),
                    () -> status(f + "/api/disable-global-recoveries", auth("admin", "group-secret")) == 200);
            assertTrue(globalRecoveriesDisabled(group.url(leader), auth("admin", "group-secret")));
            // a browser's change through the follower, from the page the follower served: the leader
            // checks its Origin against the host the browser used, which the follower passes on
            Map<String, String> samePage = new HashMap<>(auth("admin", "group-secret"));
            samePage.put("Origin", f);
            HttpResponse<String> viaFollower = send("POST", f + "/api/enable-global-recoveries", samePage);
            assertEquals(200, viaFollower.statusCode(), viaFollower.body());
            samePage.put("Origin", "https://evil.example");
            assertEquals(403, send("POST", f + "/api/disable-global-recoveries", samePage).statusCode());
        }
    }

    @Test
    void httpsServesTheApiOnListenAddressAndNoPlainHttp() throws Exception {
        Path tls = dir.resolve("tls");
        Tls.makeCerts(tls, "dba", "node,127.0.0.1,localhost");
        int port = Ports.free();
        String base = "https://127.0.0.1:" + port;
        try (QuorchProcess q = start(port, "\"UseSSL\": true, \"SSLCertFile\": \"" + tls.resolve("node.pem")
                + "\", \"SSLPrivateKeyFile\": \"" + tls.resolve("node.key") + "\"")) {
            HttpClient client = client(Tls.context(tls.resolve("ca.pem"), null, null));
            awaitStatus(q, client, base + "/api/leader-check", 200);
            assertEquals(200, send(client, "GET", base + "/api/clusters", Map.of()).statusCode());
            assertThrows(IOException.class, () -> send("GET", "http://127.0.0.1:" + port + "/api/clusters", Map.of()),
                    "plain HTTP is not served");
            // the client finds the leader and reads over HTTPS with the CA it is given, and refuses without it
            assertEquals(0, client("--cacert", tls.resolve("ca.pem").toString(), base + "/api"));
            assertTrue(client(null, null, base + "/api") != 0, "an unknown CA is refused");
        }
    }

    @Test
    void mutualTlsNeedsACertificateFromTheCaWithAValidOu() throws Exception {
        Path tls = dir.resolve("tls");
        Tls.makeCerts(tls, "dba", "node,127.0.0.1,localhost", "admin");
        Tls.makeCerts(tls, "web", "intruder");
        Path otherCa = dir.resolve("other-ca");
        Tls.makeCerts(otherCa, "dba", "stranger");
        int port = Ports.free();
        String base = "https://127.0.0.1:" + port;
        try (QuorchProcess q = start(port, "\"UseSSL\": true, \"UseMutualTLS\": true, \"SSLCertFile\": \""
                + tls.resolve("node.pem") + "\", \"SSLPrivateKeyFile\": \"" + tls.resolve("node.key")
                + "\", \"SSLCAFile\": \"" + tls.resolve("ca.pem") + "\", \"SSLValidOUs\": [\"dba\"]")) {
            HttpClient admin = client(Tls.context(tls.resolve("ca.pem"), tls.resolve("admin.pem"),
                    tls.resolve("admin.key")));
            awaitStatus(q, admin, base + "/api/leader-check", 200);
            assertEquals(200, send(admin, "GET", base + "/api/disable-global-recoveries", Map.of()).statusCode());

            HttpClient anonymous = client(Tls.context(tls.resolve("ca.pem"), null, null));
            for (String path : new String[] { "/api/clusters", "/api/leader-check", "/api/disable-global-recoveries" }) {
                HttpResponse<String> noCertificate = send(anonymous, "GET", base + path, Map.of());
                assertEquals(403, noCertificate.statusCode(), path);
                assertTrue(noCertificate.body().contains("UseMutualTLS"), noCertificate.body());
            }
            HttpClient stranger = client(Tls.context(tls.resolve("ca.pem"), otherCa.resolve("stranger.pem"),
                    otherCa.resolve("stranger.key")));
            assertThrows(IOException.class, () -> send(stranger, "GET", base + "/api/clusters", Map.of()),
                    "a certificate from another CA: no handshake");
            HttpClient intruder = client(Tls.context(tls.resolve("ca.pem"), tls.resolve("intruder.pem"),
                    tls.resolve("intruder.key")));
            HttpResponse<String> refused = send(intruder, "GET", base + "/api/enable-global-recoveries", Map.of());
            assertEquals(403, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("SSLValidOUs"), refused.body());
            assertTrue(globalRecoveriesDisabled(admin, base), "the refused change did nothing");
        }
    }

    @Test
    void aFollowerForwardsOverMutualTlsToTheLeader() throws Exception {
        Path tls = dir.resolve("tls");
        Tls.makeCerts(tls, "dba", "node,127.0.0.1,localhost", "admin");
        String json = "\"UseSSL\": true, \"UseMutualTLS\": true, \"SSLValidOUs\": [\"dba\"], \"SSLCertFile\": \""
                + tls.resolve("node.pem") + "\", \"SSLPrivateKeyFile\": \"" + tls.resolve("node.key")
                + "\", \"SSLCAFile\": \"" + tls.resolve("ca.pem") + "\"";
        try (RaftCluster group = RaftCluster.start(dir.resolve("group"), 3, json)) {
            group.useTls(Tls.context(tls.resolve("ca.pem"), tls.resolve("admin.pem"), tls.resolve("admin.key")));
            int leader = group.awaitSingleLeader(Duration.ofSeconds(60));
            int follower = (leader + 1) % 3;
            assertTrue(group.url(leader).startsWith("https://"));
            // the follower forwards over HTTPS, trusting the CA and showing its own certificate
            Await.until("the follower forwards over HTTPS", Duration.ofSeconds(20),
                    () -> group.get(follower, "/api/disable-global-recoveries").statusCode() == 200);
            assertTrue(group.local(leader, "/api/check-global-recoveries").body().contains("\"Details\":\"disabled\""));
        }
    }

    private static int status(String url, Map<String, String> headers) {
        try {
            return send("GET", url, headers).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs scripts/quorch-client -c clusters against api; returns its exit code. */
    private static int client(String flag, String value, String api) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("scripts/quorch-client", "-c",
                "clusters", "-U", api));
        if (flag != null) {
            cmd.add(flag);
            cmd.add(value);
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    private static HttpClient client(SSLContext ctx) {
        return HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofSeconds(2)).build();
    }

    private static void awaitStatus(QuorchProcess q, HttpClient client, String url, int status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!q.isAlive()) {
                throw new AssertionError("quorch exited; output:\n" + q.output());
            }
            try {
                HttpResponse<String> r = send(client, "GET", url, Map.of());
                if (r.statusCode() == status) {
                    return;
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + status + " from " + url + " (last: " + last + "); output:\n" + q.output());
    }

    private static boolean globalRecoveriesDisabled(HttpClient client, String base) throws Exception {
        return send(client, "GET", base + "/api/check-global-recoveries", Map.of()).body()
                .contains("\"Details\":\"disabled\"");
    }

    private QuorchProcess start(int port, String json) throws Exception {
        Path config = dir.resolve("quorch-" + port + ".conf.json");
        Files.writeString(config, "{\"ListenAddress\": \"127.0.0.1:" + port + "\", \"SQLite3DataFile\": \""
                + dir.resolve("db-" + port + "/quorch.db") + "\", " + json + "}");
        return QuorchProcess.start(config, dir, Map.of());
    }

    private static boolean globalRecoveriesDisabled(String base, Map<String, String> headers) throws Exception {
        HttpResponse<String> r = send("GET", base + "/api/check-global-recoveries", headers);
        assertEquals(200, r.statusCode(), r.body());
        return r.body().contains("\"Details\":\"disabled\"");
    }

    private static Map<String, String> auth(String user, String password) {
        return Map.of("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpResponse<String> send(String method, String url, Map<String, String> headers) throws Exception {
        return send(HTTP, method, url, headers);
    }

    private static HttpResponse<String> send(HttpClient client, String method, String url, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(b::header);
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
