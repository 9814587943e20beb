package io.quorch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.testing.Await;
import io.quorch.testing.QuorchProcess;
import io.quorch.testing.RaftCluster;

/**
 * A real 3-node group whose nodes advertise their HTTP API through recording relays, so the test
 * sees exactly what a follower forwards to the leader.
 */
class LeaderProxyIT {

    @TempDir
    Path dir;

    /** A TCP relay in front of one node that keeps a copy of every byte sent to the node. */
    static final class Relay implements AutoCloseable {
        final ServerSocket server;
        volatile int target;
        private final ByteArrayOutputStream seen = new ByteArrayOutputStream();
        private final List<Socket> sockets = new ArrayList<>();

        Relay() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(this::accept);
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket node = new Socket(InetAddress.getLoopbackAddress(), target);
                    synchronized (sockets) {
                        sockets.add(client);
                        sockets.add(node);
                    }
                    Thread.ofVirtual().start(() -> pump(client, node, true));
                    Thread.ofVirtual().start(() -> pump(node, client, false));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void pump(Socket from, Socket to, boolean record) {
            byte[] buf = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (record) {
                        synchronized (seen) {
                            seen.write(buf, 0, n);
                        }
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // the other side closed
            }
        }

        String seen() {
            synchronized (seen) {
                return seen.toString(StandardCharsets.ISO_8859_1);
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            synchronized (sockets) {
                for (Socket s : sockets) {
                    s.close();
                }
            }
        }
    }

    /** One raw HTTP/1.1 exchange, so any header may be sent; returns the answer's head and body. */
    static String raw(String url, String request) throws IOException {
        var uri = java.net.URI.create(url);
        try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            String h = head.toString(StandardCharsets.ISO_8859_1);
            var m = java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)").matcher(h);
            byte[] body = m.find() ? in.readNBytes(Integer.parseInt(m.group(1))) : new byte[0];
            return h + new String(body, StandardCharsets.UTF_8);
        }
    }

    @Test
    void followersForwardBodiesWithoutHopByHopHeadersAndRefuseForgedProxyHeaders() throws Exception {
        Relay[] relays = {new Relay(), new Relay(), new Relay()};
        try (RaftCluster c = RaftCluster.start(dir, 3,
                i -> "\"HTTPAdvertise\": \"http://127.0.0.1:" + relays[i].port() + "\"")) {
            try {
                exercise(c, relays);
            } catch (AssertionError | Exception e) {
                StringBuilder logs = new StringBuilder();
                for (int i = 0; i < 3; i++) {
                    String out = c.output(i);
                    logs.append("--- node ").append(i).append(":\n")
                            .append(out.substring(Math.max(0, out.length() - 6000))).append('\n');
                }
                throw new AssertionError(e.getMessage() + "\n" + logs, e);
            }
        } finally {
            for (Relay r : relays) {
                r.close();
            }
        }
    }

    private void exercise(RaftCluster c, Relay[] relays) throws Exception {
        {
            for (int i = 0; i < 3; i++) {
                relays[i].target = java.net.URI.create(c.url(i)).getPort();
            }
            int leader = c.awaitSingleLeader(Duration.ofSeconds(30));
            int follower = (leader + 1) % 3;
            Relay toLeader = relays[leader];
            Await.until("the follower proxies to the leader", Duration.ofSeconds(20), () -> {
                var r = c.get(follower, "/api/clusters");
                return r.statusCode() == 200 && toLeader.seen().contains("GET /api/clusters");
            });

            String body = "{\"marker\":\"body-7f3a\",\"more\":\"" + "x".repeat(3000) + "\"}";
            String answer = raw(c.url(follower), "POST /api/no-such-route?q=1 HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\n"
                    + "Connection: close, X-Drop-Me\r\n"
                    + "X-Drop-Me: named-by-connection\r\n"
                    + "Keep-Alive: timeout=5\r\n"
                    + "Proxy-Connection: keep-alive\r\n"
                    + "TE: trailers\r\n"
                    + "Upgrade: example/1\r\n"
                    + "Proxy-Authorization: Basic c2VjcmV0OnNlY3JldA==\r\n"
                    + "Trailer: X-Checksum\r\n"
                    + "X-End-To-End: kept\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n"
                    + "\r\n" + body);
            assertTrue(answer.contains("\"Code\":\"ERROR\""), answer);
            String forwarded = Await.until("the POST reaching the leader", Duration.ofSeconds(10), () -> {
                String seen = toLeader.seen();
                int at = seen.indexOf("POST /api/no-such-route?q=1 ");
                return at >= 0 && seen.indexOf("body-7f3a", at) > 0 && seen.indexOf("\"}", seen.indexOf("body-7f3a", at)) > 0
                        ? seen.substring(at) : null;
            });
            String headers = forwarded.substring(0, forwarded.indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT) + "\r\n";
            String sentBody = forwarded.substring(forwarded.indexOf("\r\n\r\n") + 4);
            assertTrue(sentBody.startsWith(body), "the body arrives whole: " + sentBody.length() + " bytes");
            assertTrue(headers.contains("\r\nx-end-to-end: kept\r\n"), headers);
            assertTrue(headers.contains("\r\ncontent-type: application/json\r\n"), headers);
            assertTrue(headers.contains("\r\ncontent-length: " + body.length() + "\r\n"), headers);
            assertTrue(headers.contains("\r\nx-quorch-proxied-by: " + c.raftAddress(follower) + "\r\n"), headers);
            for (String dropped : List.of("connection", "x-drop-me", "keep-alive", "proxy-connection", "te", "upgrade",
                    "proxy-authorization", "trailer", "transfer-encoding")) {
                assertFalse(headers.contains("\r\n" + dropped + ":"), dropped + " was forwarded: " + headers);
            }

            // a client cannot make a follower act as if a request had been forwarded to it
            int before = toLeader.seen().length();
            var forged = QuorchProcess.get(c.url(follower) + "/api/enable-global-recoveries",
                    Map.of("X-Quorch-Proxied-By", c.raftAddress(leader)));
            assertEquals(503, forged.statusCode(), forged.body());
            assertTrue(forged.body().contains("\"Code\":\"ERROR\""), forged.body());
            assertTrue(forged.body().contains("not the raft leader"), forged.body());
            assertTrue(forged.body().contains(c.raftAddress(leader)), "names the leader: " + forged.body());
            // (the nodes' own traffic, such as the shared probing's stream, may pass meanwhile: only this request counts)
            assertFalse(toLeader.seen().substring(before).contains("/api/enable-global-recoveries"),
                    "a request claiming to be forwarded is not forwarded");
            // the leader itself serves whatever it is sent
            assertEquals(200, QuorchProcess.get(c.url(leader) + "/api/clusters",
                    Map.of("X-Quorch-Proxied-By", "anyone")).statusCode());
            // the leader unreachable: 502 naming it
            relays[leader].close();
            var lost = c.get(follower, "/api/clusters");
            assertEquals(502, lost.statusCode(), lost.body());
            assertTrue(lost.body().contains("cannot reach the raft leader " + c.raftAddress(leader)), lost.body());
        }
    }
}
