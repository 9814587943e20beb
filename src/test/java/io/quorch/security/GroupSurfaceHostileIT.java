package io.quorch.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quorch.testing.Await;
import io.quorch.testing.RaftCluster;
import io.quorch.testing.Sandbox;

/**
 * The routes the nodes of a group call on each other (failure verdicts, the shared-probing hello
 * and result stream), fed what an attacker reaching the HTTP port, or a broken peer, would send, on
 * one real group of three under AuthenticationMethod "multi" over a real healthy MariaDB primary
 * with a replica. Each refusal is checked for its status, its message and its absence of effect:
 * nothing recovered, nothing audited for a refused verdict, the probing still shared by the three.
 */
class GroupSurfaceHostileIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = "admin";
    private static final String PASSWORD = "group-s3cret";
    private static final String OUTSIDE = "127.0.0.9";

    @TempDir
    static Path dir;
    private static Sandbox sandbox;
    private static RaftCluster c;
    private static int leader;
    private static int a;
    private static int b;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void up() throws Exception {
        sandbox = Sandbox.up("group-surface", 1, false);
        c = RaftCluster.start(dir, 3, "\"InstancePollSeconds\": 1, \"FailureDetectionQuorum\": \"majority\","
                + " \"RecoverMasterClusterFilters\": [\"*\"], \"AuthenticationMethod\": \"multi\", \"HTTPAuthUser\": \""
                + ADMIN + "\", \"HTTPAuthPassword\": \"" + PASSWORD + "\"");
        leader = c.awaitSingleLeader(Duration.ofSeconds(90));
        a = (leader + 1) % 3;
        b = (leader + 2) % 3;
        var discovered = send(leader, "GET", "/api/discover/127.0.0.1/" + sandbox.primaryPort(), null, admin());
        assertEquals(200, discovered.statusCode(), discovered.body());
        for (int i = 0; i < 3; i++) {
            int n = i;
            Await.until("node " + n + " knows the primary and its replica", Duration.ofSeconds(30), () -> {
                var r = local(n, "/api/cluster/" + cluster());
                return r.statusCode() == 200 && r.body().split("\"Key\"").length - 1 == 2;
            });
        }
        awaitSharedByAll();
    }

    @AfterAll
    static void down() {
        if (c != null) {
            c.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static String cluster() {
        return "127.0.0.1:" + sandbox.primaryPort();
    }

    private static String admin() {
        return basic(ADMIN, PASSWORD);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> send(int node, String method, String path, String body, String auth) {
        try {
            var r = HttpRequest.newBuilder(URI.create(c.url(node) + path)).timeout(Duration.ofSeconds(40))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            if (auth != null) {
                r.header("Authorization", auth);
            }
            return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Node i's own answer to a read, as the group's admin. */
    private static HttpResponse<String> local(int node, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(c.url(node) + path)).timeout(Duration.ofSeconds(10))
                    .header("Authorization", admin()).header("X-Quorch-Local", "true").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A POST sent from another local address than the nodes' (127.0.0.1): status line and body. */
    private static String[] postFrom(String source, int node, String path, String body) throws IOException {
        int port = Integer.parseInt(c.url(node).substring(c.url(node).lastIndexOf(':') + 1));
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(source, 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(10_000);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            OutputStream out = s.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: " + admin()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            InputStream in = s.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int end = answer.indexOf("\r\n\r\n");
            String status = answer.substring(0, answer.indexOf("\r\n"));
            return new String[] { status.split(" ")[1], end < 0 ? "" : answer.substring(end + 4) };
        }
    }

    private static String verdict(int node, String host, int port, String code, String evidence) {
        return "{\"Node\": \"" + c.raftAddress(node) + "\", \"Hostname\": \"" + host + "\", \"Port\": " + port
                + ", \"Analysis\": \"" + code + "\", \"Evidence\": \"" + evidence + "\"}";
    }

    private static HttpResponse<String> report(String body) {
        return send(leader, "POST", "/api/failure-verdict", body, admin());
    }

    private static String audit() {
        return local(leader, "/api/audit").body();
    }

    /** A refusal in orchestrator's error shape, naming the problem. */
    private static void refused(int status, String message, HttpResponse<String> r) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"Code\":\"ERROR\"") && r.body().contains(message), r.body());
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /** Every node shares the probing with the three, each heard at its own address. */
    private static boolean sharedByAll() {
        for (int i = 0; i < 3; i++) {
            JsonNode s = json(local(i, "/api/probe-share").body());
            if (!s.path("Shared").asBoolean() || s.path("Nodes").size() != 3) {
                return false;
            }
            for (JsonNode n : s.path("Nodes")) {
                int idx = List.of(0, 1, 2).stream().filter(k -> c.raftAddress(k).equals(n.path("Node").asText()))
                        .findFirst().orElse(-1);
                if (idx < 0 || !n.path("Heard").asBoolean() || !n.path("Uri").asText().equals(c.url(idx))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void awaitSharedByAll() {
        Await.until("the three nodes share the probing, each at its own address", Duration.ofSeconds(30),
                GroupSurfaceHostileIT::sharedByAll);
    }

    private static long probes(int node) {
        return json(local(node, "/api/discovery-metrics").body()).path("ProbesTotal").asLong();
    }

    @Test
    void withoutTheGroupsCredentialsNothingIsHeard() {
        String body = verdict(a, "127.0.0.1", sandbox.primaryPort(), "DeadMaster", "no-credentials");
        refused(401, "credentials required", send(leader, "POST", "/api/failure-verdict", body, null));
        refused(401, "wrong user or password",
                send(leader, "POST", "/api/failure-verdict", body, basic(ADMIN, "guess")));
        // "multi" lets anyone read as "readonly": not report
        refused(403, "only the nodes of the group report failure verdicts",
                send(leader, "POST", "/api/failure-verdict", body, basic("readonly", "anything")));
        refused(401, "credentials required", send(a, "GET", "/api/peer-probes", null, null));
        refused(403, "only the nodes of the group",
                send(leader, "POST", "/api/peer-probes/hello", "{}", basic("readonly", "x")));
        assertFalse(audit().contains("no-credentials"), audit());
    }

    @Test
    void aVerdictIsHeardOnlyDirectlyAndAHelloOnlyFromTheMembersRaftHost() throws Exception {
        int primary = sandbox.primaryPort();
        // sent through a follower, whose address would vouch for it
        refused(400, "goes to the leader directly", send(b, "POST", "/api/failure-verdict",
                verdict(a, "127.0.0.1", primary, "DeadMaster", "through-a-follower"), admin()));
        // a verdict is not refused for its address (a mesh or NAT between the nodes must not stop failovers):
        // the leader, which sees the primary alive, audits the disagreement and recovers nothing
        String[] other = postFrom(OUTSIDE, leader, "/api/failure-verdict",
                verdict(a, "127.0.0.1", primary, "DeadMaster", "from-another-address"));
        assertEquals("200", other[0], other[1]);
        Await.until("the verdict audited as a disagreement", Duration.ofSeconds(10),
                () -> audit().contains(c.raftAddress(a) + " reports DeadMaster (from-another-address)"));
        assertFalse(audit().contains("through-a-follower"), audit());
        assertEquals(200, report(verdict(a, "127.0.0.1", primary, "NoProblem", "over")).statusCode());

        String[] hello = postFrom(OUTSIDE, leader, "/api/peer-probes/hello", "{\"Node\": \"" + c.raftAddress(a)
                + "\", \"Uri\": \"http://127.0.0.1:1\", \"DataCenter\": \"\"}");
        assertEquals("403", hello[0], hello[1]);
        assertTrue(hello[1].contains("must come from its raft host"), hello[1]);
        assertEquals("[]", local(leader, "/api/audit-recovery").body().trim(), "nothing recovered");
    }

    @Test
    void verdictsOnUnknownServersOrFarFromTheLeadersClockAreRefusedAndTheBookStaysBounded() {
        int primary = sandbox.primaryPort();
        for (int i = 0; i < 200; i++) {
            var r = report(verdict(a, "ghost-" + i + ".example", 3306, "DeadMaster", "ghost"));
            refused(404, "instance not found: ghost-" + i + ".example:3306", r);
        }
        for (int i = 0; i < 200; i++) {
            var r = report(verdict(b, "127.0.0.1", primary, "DeadMaster", "again-and-again"));
            assertEquals(200, r.statusCode(), r.body());
        }
        refused(400, "ahead of the leader's clock", report(verdict(b, "127.0.0.1", primary, "DeadMaster", "future")
                .replace("}", ", \"ReportedAt\": \"9999-12-31T23:59:59Z\"}")));
        refused(400, "is too old", report(verdict(b, "127.0.0.1", primary, "DeadMaster", "past")
                .replace("}", ", \"ReportedAt\": \"1970-01-01T00:00:00Z\"}")));
        Await.until("the repeated verdict audited", Duration.ofSeconds(10),
                () -> audit().contains(c.raftAddress(b) + " reports DeadMaster (again-and-again)"));
        String audit = audit();
        assertFalse(audit.contains("ghost"), "a verdict on a server nobody knows is not kept: " + audit);
        assertEquals(1, audit.split("again-and-again", -1).length - 1, "one audit line for a repeated verdict");
        assertEquals(200, report(verdict(b, "127.0.0.1", primary, "NoProblem", "over")).statusCode());
        assertEquals("[]", local(leader, "/api/audit-recovery").body().trim(), "nothing recovered");
    }

    @Test
    void malformedVerdictsAndHellosAre400sNamingTheProblem() {
        int primary = sandbox.primaryPort();
        refused(400, "at most 4096 characters", report(verdict(a, "127.0.0.1", primary, "DeadMaster", "x".repeat(5000))));
        refused(400, "must be a JSON object", report("{\"Node\": "));
        refused(400, "must be a JSON object", report("[]"));
        refused(400, "Analysis: unknown code \\\"DeadMaster?\\\"", report(verdict(a, "127.0.0.1", primary,
                "DeadMaster\\u0000", "")));
        refused(400, "Port: a whole number", report(verdict(a, "127.0.0.1", primary, "DeadMaster", "")
                .replace("\"Port\": " + primary, "\"Port\": \"" + primary + "\"")));
        refused(400, "is not another member of the raft group", report(verdict(leader, "127.0.0.1", primary,
                "DeadMaster", "")));
        refused(400, "is not another member of the raft group", report(verdict(a, "127.0.0.1", primary,
                "DeadMaster", "").replace(c.raftAddress(a), "127.0.0.1:1")));
        refused(503, "not the raft leader", send(a, "POST", "/api/peer-probes/hello", "{}", admin()));
        refused(400, "is not another member", send(leader, "POST", "/api/peer-probes/hello",
                "{\"Node\": \"127.0.0.1:1\", \"Uri\": \"http://127.0.0.1:1\"}", admin()));
        refused(400, "host must be the one of the node's raft address", send(leader, "POST",
                "/api/peer-probes/hello", "{\"Node\": \"" + c.raftAddress(a) + "\", \"Uri\": \"http://10.9.9.9:3000\"}",
                admin()));
        refused(400, "Uri: must be http(s)://host:port", send(leader, "POST", "/api/peer-probes/hello",
                "{\"Node\": \"" + c.raftAddress(a) + "\", \"Uri\": \"http://127.0.0.1:3000/x?y\"}", admin()));
        refused(400, "DataCenter: at most 64", send(leader, "POST", "/api/peer-probes/hello", "{\"Node\": \""
                + c.raftAddress(a) + "\", \"Uri\": \"" + c.url(a) + "\", \"DataCenter\": \"dc\\n1\"}", admin()));
    }

    @Test
    void junkCursorsOnTheResultStreamAre400sAndTheProbingGoesOn() {
        String number = "a number from 0 to 9223372036854775807 is required";
        for (String since : new String[] { "-1", "99999999999999999999", "abc", "1e3", "+5", "%00", "%E2%80%AE5" }) {
            refused(400, "since: " + number, send(a, "GET", "/api/peer-probes?epoch=x&since=" + since, null, admin()));
        }
        for (String wait : new String[] { "-5", "30001", "9223372036854775808", "soon" }) {
            refused(400, "wait: a number from 0 to 30000 is required",
                    send(a, "GET", "/api/peer-probes?wait=" + wait, null, admin()));
        }
        // a stranger's epoch gets the full picture; a cursor beyond the newest an empty page, after the wait
        JsonNode full = json(send(a, "GET", "/api/peer-probes?epoch=" + "z".repeat(1000) + "&since=5", null, admin())
                .body());
        assertTrue(full.path("Full").asBoolean(), full.toString());
        var beyond = send(a, "GET", "/api/peer-probes?epoch=" + full.path("Epoch").asText() + "&since="
                + Long.MAX_VALUE + "&wait=200", null, admin());
        assertEquals(200, beyond.statusCode(), beyond.body());
        assertEquals(0, json(beyond.body()).path("Results").size(), beyond.body());
        assertEquals(Long.MAX_VALUE, json(beyond.body()).path("Next").asLong(), beyond.body());

        long[] before = { probes(0), probes(1), probes(2) };
        awaitSharedByAll();
        Await.until("every node still probes", Duration.ofSeconds(10),
                () -> probes(0) > before[0] && probes(1) > before[1] && probes(2) > before[2]);
    }
}
