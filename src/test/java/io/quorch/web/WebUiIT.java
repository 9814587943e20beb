package io.quorch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.testing.Await;
import io.quorch.testing.Ports;
import io.quorch.testing.QuorchProcess;
import io.quorch.testing.RaftCluster;
import io.quorch.testing.Sandbox;
import io.restassured.path.json.JsonPath;

/**
 * The web UI in a real browser (Debian's chromium driven by playwright-core, src/test/web/ui.mjs)
 * against one real quorch with "multi" authentication on a real MariaDB sandbox (a primary and two
 * replicas), shared by the ordered tests below; the failover comes last. The last test opens the UI
 * on a follower of a three-node raft group. Screenshots are left in target/web-ui.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiIT {

    private static final Path WEB = Path.of("src", "test", "web").toAbsolutePath();
    private static final Path ARTIFACTS = Path.of("target", "web-ui").toAbsolutePath();
    private static final String ADMIN = "admin";
    private static final String PASSWORD = "ui-secret";
    private static final String HOSTILE = "<img src=x onerror=window.__pwned=1>";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    static Path dir;

    static Sandbox sandbox;
    static QuorchProcess quorch;
    static String base;
    static String primary;
    static String replica1;
    static String replica2;

    @BeforeAll
    static void up() throws Exception {
        Path chromium = Path.of(System.getenv().getOrDefault("QUORCH_CHROMIUM", "/usr/bin/chromium"));
        if (!Files.isExecutable(chromium)) {
            fail("the web UI tests need Chromium at " + chromium + " (apt-get install chromium; scripts/test does)");
        }
        if (!Files.isDirectory(WEB.resolve("node_modules/playwright-core"))) {
            // what scripts/test does first; here so the test also runs on its own
            int npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(WEB.toFile()).inheritIO()
                    .start().waitFor();
            assertEquals(0, npm, "npm ci in " + WEB);
        }
        sandbox = Sandbox.up("webui", 2, false);
        int p = sandbox.primaryPort();
        primary = "127.0.0.1:" + p;
        replica1 = "127.0.0.1:" + (p + 1);
        replica2 = "127.0.0.1:" + (p + 2);
        int http = Ports.free();
        base = "http://127.0.0.1:" + http;
        Path config = dir.resolve("quorch.conf.json");
        Files.writeString(config, """
                {"ListenAddress": ":%d", "SQLite3DataFile": "%s", "MySQLTopologyUser": "quorch",
                 "MySQLTopologyPassword": "quorch", "InstancePollSeconds": 1, "MySQLConnectTimeoutSeconds": 1,
                 "MySQLReadTimeoutSeconds": 2, "RecoverMasterClusterFilters": ["*"],
                 "AuthenticationMethod": "multi", "HTTPAuthUser": "%s", "HTTPAuthPassword": "%s"}
                """.formatted(http, dir.resolve("quorch.db"), ADMIN, PASSWORD));
        quorch = QuorchProcess.start(config, dir, Map.of());
        quorch.awaitHttp(base + "/api/health", 200, Duration.ofSeconds(60));
        assertEquals(200, get("/api/discover/127.0.0.1/" + p, ADMIN).statusCode());
        Await.until("every server discovered and valid", Duration.ofSeconds(30), () -> Stream.of(primary, replica1, replica2)
                .allMatch(k -> Boolean.TRUE.equals(instance(k).get("IsLastCheckValid"))
                        && primary.equals(instance(k).getString("ClusterName"))));
    }

    @AfterAll
    static void down() {
        if (quorch != null) {
            quorch.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    @Order(1)
    void theUiIsServedWithAPolicyThatRunsOnlyItsOwnScripts() throws Exception {
        HttpResponse<String> page = get("/", null);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("/web/app.js"), page.body());
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("script-src 'self'") && csp.contains("default-src 'none'"), csp);
        HttpResponse<String> script = get("/web/app.js", null);
        assertEquals(200, script.statusCode());
        assertTrue(script.headers().firstValue("Content-Type").orElse("").contains("javascript"), script.headers().toString());
        assertEquals(302, get("/web/", null).statusCode());
        // the live stream and whoami are reads: credentials needed, a read-only user may
        assertEquals(401, get("/web/events", null).statusCode());
        assertEquals(401, get("/api/whoami", null).statusCode());
        JsonPath admin = JsonPath.from(get("/api/whoami", ADMIN).body());
        assertEquals(ADMIN, admin.getString("User"));
        assertTrue(admin.getBoolean("MayChange"));
        JsonPath readonly = JsonPath.from(get("/api/whoami", "readonly").body());
        assertEquals("readonly", readonly.getString("User"));
        assertFalse(readonly.getBoolean("MayChange"));
        assertTrue(firstEvent().matches("data: ?[0-9a-f]{24}"), "the stream starts with the state's fingerprint");
    }

    @Test
    @Order(2)
    void theClustersPageListsTheSandboxCluster() {
        JsonPath r = ui("clusters", ADMIN, primary);
        assertEquals(1, r.getInt("rows"), r.prettify());
        assertEquals("live", r.getString("live"));
    }

    @Test
    @Order(3)
    void theTreeDrawsEachServerUnderItsSource() {
        Map<String, String> parents = ui("tree", ADMIN, primary).getMap("parents");
        assertEquals(Map.of(primary, "", replica1, primary, replica2, primary), parents);
    }

    @Test
    @Order(4)
    void hostileAliasesAndReasonsAreShownAsTextAndRunNothing() throws Exception {
        assertEquals(200, get("/api/set-cluster-alias/" + primary + "?alias=" + enc(HOSTILE), ADMIN).statusCode());
        String[] r2 = replica2.split(":");
        assertEquals(200, get("/api/begin-downtime/" + r2[0] + "/" + r2[1] + "/" + enc("<b>owner</b>") + "/" + enc(HOSTILE)
                + "/10m", ADMIN).statusCode());
        try {
            JsonPath r = ui("hostile", ADMIN, primary, r2[0], r2[1]);
            assertNull(r.get("pwned"), "no script ran");
            assertEquals(0, r.getInt("images"), "no element was made from the strings");
            String text = r.getString("text");
            assertTrue(text.contains(HOSTILE), "the alias and reason are shown as they are: " + text);
            assertTrue(text.contains("<b>owner</b>"), text);
        } finally {
            get("/api/end-downtime/" + r2[0] + "/" + r2[1], ADMIN);
            get("/api/set-cluster-alias/" + primary + "?alias=webui", ADMIN);
        }
    }

    @Test
    @Order(5)
    void aReadOnlyUserSeesNoActions() {
        String[] r1 = replica1.split(":");
        JsonPath r = ui("readonly", "readonly", primary, r1[0], r1[1]);
        Map<String, Map<String, Integer>> seen = r.getMap("seen");
        assertEquals(5, seen.size(), r.prettify());
        seen.forEach((page, counts) -> {
            assertEquals(0, counts.get("buttons"), page + ": " + counts);
            assertEquals(0, counts.get("draggable"), page + ": " + counts);
        });
        assertTrue(r.getString("who").contains("read-only"), r.getString("who"));
    }

    @Test
    @Order(6)
    void aDragThatWouldMakeACycleIsRefusedWithTheReason() {
        JsonPath r = ui("cycle", ADMIN, primary, primary, replica1);
        assertTrue(r.getString("notice").contains("relocate: " + replica1 + " is a descendant of " + primary),
                r.getString("notice"));
        assertFalse(r.getBoolean("dialogOpen"), "nothing to confirm: the move was refused");
        assertEquals(primary, keyText(instance(replica1), "MasterKey"), "nothing moved");
        assertEquals("", keyText(instance(primary), "MasterKey"), "nothing moved");
    }

    @Test
    @Order(7)
    void beginDowntimeThroughTheUiShowsInTheApi() throws Exception {
        String[] r1 = replica1.split(":");
        JsonPath r = ui("downtime", ADMIN, r1[0], r1[1], "checked from the web UI");
        assertTrue(r.getString("confirmation").contains(replica1), r.getString("confirmation"));
        JsonPath i = instance(replica1);
        assertTrue(i.getBoolean("IsDowntimed"), i.prettify());
        assertEquals("checked from the web UI", i.getString("DowntimeReason"));
        assertEquals(200, get("/api/end-downtime/" + r1[0] + "/" + r1[1], ADMIN).statusCode());
    }

    @Test
    @Order(8)
    void aKilledPrimaryIsReplacedOnTheOpenPageWithoutAReload() throws Exception {
        Process node = node("failover", ADMIN, primary, primary, replica1, replica2);
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
                Writer in = new java.io.OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8)) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("READY")) {
                lines.add(line);
            }
            assertEquals("READY", line, "the page did not draw the cluster: " + lines);
            sandbox.kill(Integer.parseInt(primary.split(":")[1]));
            in.write("killed\n");
            in.close();
            JsonPath r = result(node, out, lines, Duration.ofSeconds(75));
            assertTrue(r.getBoolean("sameDocument"), "the page was not reloaded");
            String successor = r.getString("root");
            assertTrue(successor.equals(replica1) || successor.equals(replica2), r.prettify());
            assertTrue(r.getLong("rearranged") < 20_000, "the tree rearranged itself within 20 s: " + r.prettify());
            assertTrue(r.getString("hash").contains(URLEncoder.encode(successor, StandardCharsets.UTF_8).replace("%3A", ":"))
                    || r.getString("hash").contains(successor.replace(":", "%3A")), r.getString("hash"));
            String other = successor.equals(replica1) ? replica2 : replica1;
            assertEquals(successor, r.getMap("parents").get(other), "the other replica is drawn under the new primary");
        } finally {
            stop(node);
        }
    }

    @Test
    @Order(9)
    void theProblemsAndRaftPagesShowTheFailover() {
        String successor = Await.until("a successor", Duration.ofSeconds(10),
                () -> keyText(instance(replica1), "MasterKey").isEmpty() ? replica1 : keyText(instance(replica2),
                        "MasterKey").isEmpty() ? replica2 : null);
        String[] s = successor.split(":");
        JsonPath r = ui("pages", ADMIN, "dark", "problems=problems-dark.png", "raft=raft-dark.png",
                "cluster/" + successor + "=cluster-dark.png", "instance/" + s[0] + "/" + s[1] + "=instance-dark.png");
        String problems = r.getString("texts.problems");
        assertTrue(problems.contains("DeadMaster") && problems.contains(successor) && problems.contains("recovered"),
                problems);
        assertTrue(r.getString("texts.raft").contains("Single-node mode"), r.getString("texts.raft"));
        Map<String, String> texts = r.getMap("texts");
        assertTrue(texts.get("cluster/" + successor).contains("Recent recoveries"), texts.toString());
    }

    @Test
    @Order(10)
    void onAFollowerTheUiReadsLiveAndChangesThroughTheLeader() throws Exception {
        try (RaftCluster group = RaftCluster.start(dir.resolve("group"), 3, "\"AuthenticationMethod\": \"basic\", "
                + "\"HTTPAuthUser\": \"" + ADMIN + "\", \"HTTPAuthPassword\": \"" + PASSWORD + "\"")) {
            int leader = group.awaitSingleLeader(Duration.ofSeconds(60));
            int follower = (leader + 1) % 3;
            JsonPath r = uiAt(group.url(follower), "follower", ADMIN);
            assertTrue(r.getString("raft").contains("Follower"), r.getString("raft"));
            assertTrue(r.getString("raft").matches("(?s).*Term\\s+[1-9][0-9]*.*Applied index\\s+[0-9]+ \\(committed [0-9]+\\).*"),
                    "the follower's raft page shows its term and log: " + r.getString("raft"));
            HttpRequest check = HttpRequest.newBuilder(URI.create(group.url(leader) + "/api/check-global-recoveries"))
                    .header("Authorization", basic(ADMIN)).timeout(Duration.ofSeconds(10)).GET().build();
            String state = HTTP.send(check, HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(state.contains("\"disabled\""), "the leader applied the follower's change: " + state);
        }
    }

    // -- helpers

    private static JsonPath ui(String name, String user, String... args) {
        return uiAt(base, name, user, args);
    }

    private static JsonPath uiAt(String url, String name, String user, String... args) {
        Process node = nodeAt(url, name, user, args);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
            return result(node, out, new ArrayList<>(), Duration.ofSeconds(60));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            stop(node);
        }
    }

    /** Ends the script and the browser it started, by their PIDs. */
    private static void stop(Process node) {
        node.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        node.destroyForcibly();
    }

    private static Process node(String name, String user, String... args) {
        return nodeAt(base, name, user, args);
    }

    private static Process nodeAt(String url, String name, String user, String... args) {
        List<String> cmd = new ArrayList<>(List.of("node", "ui.mjs", name, url, user, PASSWORD));
        cmd.addAll(List.of(args));
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(WEB.toFile()).redirectErrorStream(true);
            pb.environment().put("QUORCH_UI_ARTIFACTS", ARTIFACTS.toString());
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the script's output to its end; its "OK {json}" line, or the test fails with all it printed. */
    private static JsonPath result(Process node, BufferedReader out, List<String> lines, Duration timeout) throws IOException {
        Thread killer = Thread.ofVirtual().start(() -> {
            try {
                if (!node.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    stop(node);
                }
            } catch (InterruptedException e) {
                // the script ended in time
            }
        });
        String line;
        while ((line = out.readLine()) != null) {
            lines.add(line);
        }
        killer.interrupt();
        String ok = lines.stream().filter(l -> l.startsWith("OK ")).findFirst().orElse(null);
        if (ok == null) {
            fail("the browser script failed:\n" + String.join("\n", lines) + "\nquorch:\n" + tail(quorch.output()));
        }
        return JsonPath.from(ok.substring(3));
    }

    private static String tail(String s) {
        return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    }

    private static String firstEvent() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/web/events")).timeout(Duration.ofSeconds(10))
                .header("Authorization", basic("readonly")).GET().build();
        HttpResponse<Stream<String>> r = HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        try (Stream<String> lines = r.body()) {
            return lines.filter(l -> l.startsWith("data:")).findFirst().orElse("");
        }
    }

    private static HttpResponse<String> get(String path, String user) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET();
        if (user != null) {
            b.header("Authorization", basic(user));
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private static JsonPath instance(String key) {
        String[] k = key.split(":");
        try {
            HttpResponse<String> r = get("/api/instance/" + k[0] + "/" + k[1], ADMIN);
            return JsonPath.from(r.statusCode() == 200 ? r.body() : "{}");
        } catch (IOException | InterruptedException e) {
            return JsonPath.from("{}");
        }
    }

    private static String keyText(JsonPath instance, String field) {
        String host = instance.getString(field + ".Hostname");
        return host == null || host.isEmpty() ? "" : host + ":" + instance.getInt(field + ".Port");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
