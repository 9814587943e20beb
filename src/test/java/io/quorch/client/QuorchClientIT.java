package io.quorch.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.testing.Await;
import io.quorch.testing.Ports;
import io.quorch.testing.RaftCluster;
import io.quorch.testing.Sandbox;
import io.restassured.path.json.JsonPath;

/**
 * scripts/quorch-client run as a user runs it (bash, with QUORCH_API set) against one real raft
 * group of three quorch processes and one MariaDB sandbox (a primary and two replicas), shared by
 * the ordered tests below: every command, leader detection, the follower proxy, an unreachable
 * endpoint, error responses; changes are checked by their effect.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuorchClientIT {

    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration SHORT = Duration.ofSeconds(30);
    private static final Path SCRIPT = Path.of("scripts", "quorch-client").toAbsolutePath();
    private static final String H = "127.0.0.1";

    /** The commands the client must offer (help lists each on a line of its own). */
    private static final List<String> COMMANDS = List.of("help", "which-api", "api", "discover", "forget",
            "forget-cluster", "clusters", "clusters-alias", "which-cluster", "which-cluster-alias", "topology",
            "topology-tabulated", "instance", "which-master", "which-replicas", "all-instances",
            "replication-analysis", "recover", "recover-lite", "graceful-master-takeover",
            "graceful-master-takeover-auto", "force-master-failover", "force-master-takeover", "begin-downtime", "end-downtime", "register-candidate",
            "ack-cluster-recoveries", "ack-all-recoveries", "audit-recovery", "disable-global-recoveries",
            "enable-global-recoveries", "check-global-recoveries", "raft-leader", "raft-health",
            "raft-elect-leader");

    @TempDir
    static Path dir;

    static Sandbox sandbox;
    static RaftCluster cluster;
    /** Every node's API, as QUORCH_API lists them. */
    static String all;
    static int primary;
    static int replica1;
    static int replica2;
    /** Set by the forced failover, used by the tests after it. */
    static int forcedSuccessor;
    static int survivor;

    @BeforeAll
    static void up() {
        for (String tool : List.of("bash", "curl", "jq")) {
            if (run(List.of("bash", "-c", "command -v " + tool), Map.of()).exit() != 0) {
                fail("scripts/quorch-client needs " + tool + " on the PATH (apt-get install " + tool + ")");
            }
        }
        sandbox = Sandbox.up("client", 2, false);
        primary = sandbox.primaryPort();
        replica1 = sandbox.replicaPorts().get(0);
        replica2 = sandbox.replicaPorts().get(1);
        cluster = RaftCluster.start(dir, 3, "\"InstancePollSeconds\": 0.5, \"MySQLConnectTimeoutSeconds\": 0.5,"
                + " \"MySQLReadTimeoutSeconds\": 1, \"MySQLReplicaUser\": \"repl\", \"MySQLReplicaPassword\": \"repl\"");
        all = IntStream.range(0, 3).mapToObj(i -> cluster.url(i) + "/api").collect(Collectors.joining(" "));
        cluster.awaitSingleLeader(START);
        for (int i = 0; i < 3; i++) {
            int n = i;
            Await.until("raft-health on node " + n, SHORT, () -> cluster.local(n, "/api/raft-health").statusCode() == 200);
        }
    }

    @AfterAll
    static void down() {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            if (sandbox != null) {
                sandbox.close();
            }
        }
    }

    // ------------------------------------------------------------------------------------------

    record Result(int exit, String out, String err) {

        String text() {
            return out.strip();
        }

        List<String> lines() {
            String t = out.strip();
            return t.isEmpty() ? List.of() : List.of(t.split("\n"));
        }

        @Override
        public String toString() {
            return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    /** Runs a command line with the given environment added; stdout and stderr are kept apart. */
    static Result run(List<String> cmd, Map<String, String> env) {
        try {
            Path out = Files.createTempFile("quorch-client", ".out");
            Path err = Files.createTempFile("quorch-client", ".err");
            try {
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
                pb.environment().remove("ORCHESTRATOR_API");
                pb.environment().remove("QUORCH_API");
                pb.environment().remove("ORCHESTRATOR_INSTANCE");
                pb.environment().remove("QUORCH_INSTANCE");
                pb.environment().putAll(env);
                Process p = pb.start();
                p.getOutputStream().close();
                if (!p.waitFor(150, TimeUnit.SECONDS)) {
                    p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    p.waitFor(10, TimeUnit.SECONDS);
                    fail(String.join(" ", cmd) + " still running after 150 s");
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** bash scripts/quorch-client ARGS with QUORCH_API=apis. */
    static Result clientAt(String apis, String... args) {
        return clientEnv(Map.of("QUORCH_API", apis), args);
    }

    static Result clientEnv(Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        cmd.addAll(List.of(args));
        return run(cmd, env);
    }

    /** The client against every node; must succeed; its stdout, stripped. */
    static String ok(String... args) {
        Result r = clientAt(all, args);
        assertEquals(0, r.exit(), String.join(" ", args) + ": " + r);
        return r.text();
    }

    static List<String> okLines(String... args) {
        Result r = clientAt(all, args);
        assertEquals(0, r.exit(), String.join(" ", args) + ": " + r);
        return r.lines();
    }

    /** The client against every node; must fail; the result. */
    static Result failing(String... args) {
        Result r = clientAt(all, args);
        assertNotEquals(0, r.exit(), String.join(" ", args) + " should fail: " + r);
        return r;
    }

    static String key(int port) {
        return H + ":" + port;
    }

    /** The instance's JSON as the API gives it, fetched through the client's api command. */
    static JsonPath instanceJson(int port) {
        return JsonPath.from(ok("-c", "api", "-path", "instance/" + H + "/" + port));
    }

    static String readOnly(int port) {
        return sandbox.sql(port, "SELECT @@global.read_only");
    }

    static List<Map<String, Object>> audit() {
        return JsonPath.from(ok("-c", "audit-recovery")).getList("$");
    }

    // ------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void findsTheLeaderAndDescribesTheGroup() {
        int leader = cluster.awaitSingleLeader(START);
        assertEquals(cluster.url(leader) + "/api", ok("-c", "which-api"));
        assertEquals(cluster.url(leader) + "/api", ok("which-api"), "the command as the first argument");
        assertEquals(cluster.raftAddress(leader), ok("-c", "raft-leader"));
        assertEquals("healthy", ok("-c", "raft-health"));
        int follower = (leader + 1) % 3;
        Result hostname = clientAt(cluster.url(follower) + "/api", "-c", "raft-leader-hostname");
        assertEquals(0, hostname.exit(), hostname.toString());
        assertFalse(hostname.text().isEmpty(), hostname.toString());

        String help = ok("-c", "help");
        for (String command : COMMANDS) {
            assertTrue(help.lines().anyMatch(l -> l.matches("\\s+" + java.util.regex.Pattern.quote(command)
                    + "\\s+\\S.*")), "help lists " + command + ":\n" + help);
        }
        assertEquals(help, ok("--help"));
    }

    @Test
    @Order(2)
    void followersOnlyAnUnreachableEndpointAndOrchestratorApi() {
        int leader = cluster.awaitSingleLeader(START);
        List<Integer> followers = IntStream.range(0, 3).filter(i -> i != leader).boxed().toList();
        String followersOnly = followers.stream().map(i -> cluster.url(i) + "/api").collect(Collectors.joining(" "));

        Result which = clientAt(followersOnly, "-c", "which-api");
        assertEquals(0, which.exit(), which.toString());
        assertTrue(followers.stream().anyMatch(i -> which.text().equals(cluster.url(i) + "/api")), which.toString());

        // a change sent to followers only reaches the leader through the proxy, and every node applies it
        Result disabled = clientAt(followersOnly, "-c", "disable-global-recoveries");
        assertEquals(0, disabled.exit(), disabled.toString());
        assertEquals("disabled", disabled.text());
        for (int i = 0; i < 3; i++) {
            int n = i;
            Await.until("recoveries disabled on node " + n, SHORT,
                    () -> cluster.local(n, "/api/check-global-recoveries").body().contains("\"Details\":\"disabled\""));
        }
        // one follower URL, given without the /api suffix
        Result enabled = clientAt(cluster.url(followers.get(1)), "-c", "enable-global-recoveries");
        assertEquals(0, enabled.exit(), enabled.toString());
        assertEquals("enabled", enabled.text());
        assertEquals("enabled", ok("-c", "check-global-recoveries"));

        // the first endpoint does not answer: it is skipped
        String closed = "http://127.0.0.1:" + Ports.free() + "/api";
        Result skipped = clientAt(closed + " " + all, "-c", "which-api");
        assertEquals(0, skipped.exit(), skipped.toString());
        assertEquals(cluster.url(leader) + "/api", skipped.text());
        Result clusters = clientAt(closed + " " + all, "-c", "clusters");
        assertEquals(0, clusters.exit(), clusters.toString());

        // drop-in: ORCHESTRATOR_API when QUORCH_API is not set
        Result orchestrator = clientEnv(Map.of("ORCHESTRATOR_API", all), "-c", "which-api");
        assertEquals(0, orchestrator.exit(), orchestrator.toString());
        assertEquals(cluster.url(leader) + "/api", orchestrator.text());

        // nothing answers at all
        Result nothing = clientAt(closed, "-c", "clusters");
        assertNotEquals(0, nothing.exit(), nothing.toString());
        assertTrue(nothing.err().contains("cannot access quorch"), nothing.toString());
    }

    @Test
    @Order(3)
    void errorsExitNonZeroWithTheServersMessage() {
        Result unknown = failing("-c", "instance", "-i", key(1));
        assertEquals(1, unknown.exit(), unknown.toString());
        assertTrue(unknown.err().contains("instance not found: 127.0.0.1:1"), unknown.toString());
        assertEquals("", unknown.out(), unknown.toString());

        Result noPort = failing("-c", "instance", "-i", H);
        assertTrue(noPort.err().contains("instance not found: 127.0.0.1:3306"), "port defaults to 3306: " + noPort);

        Result path = failing("-c", "api", "-path", "no-such-endpoint");
        assertTrue(path.err().contains("unknown API path: /api/no-such-endpoint"), path.toString());
        assertEquals("ERROR", JsonPath.from(path.out()).getString("Code"), path.toString());

        Result rule = failing("-c", "register-candidate", "-i", key(1), "-R", "must");
        assertTrue(rule.err().contains("\"must\" is not supported"), rule.toString());

        Result command = failing("-c", "no-such-command");
        assertTrue(command.err().contains("unsupported command: no-such-command"), command.toString());
        Result nothing = failing();
        assertTrue(nothing.err().contains("no command given"), nothing.toString());
        Result option = failing("-c", "clusters", "--no-such-option");
        assertTrue(option.err().contains("unknown option --no-such-option"), option.toString());
        Result noInstance = failing("-c", "which-master");
        assertTrue(noInstance.err().contains("instance"), noInstance.toString());
        Result noReason = failing("-c", "begin-downtime", "-i", key(primary));
        assertTrue(noReason.err().contains("reason"), noReason.toString());
        Result noRule = failing("-c", "register-candidate", "-i", key(primary));
        assertTrue(noRule.err().contains("promotion-rule"), noRule.toString());
        Result noComment = failing("-c", "ack-all-recoveries");
        assertTrue(noComment.err().contains("comment"), noComment.toString());
        Result noHost = failing("-c", "raft-elect-leader");
        assertTrue(noHost.err().contains("hostname"), noHost.toString());
        Result noPath = failing("-c", "api");
        assertTrue(noPath.err().contains("path"), noPath.toString());
    }

    @Test
    @Order(4)
    void discoversAndReadsTheTopology() {
        assertEquals(key(primary), ok("-c", "discover", "-i", key(primary)));
        Set<String> everyone = Set.of(key(primary), key(replica1), key(replica2));
        Await.until("all three instances known", SHORT, () -> Set.copyOf(okLines("-c", "all-instances")).equals(everyone));
        String name = key(primary);

        assertEquals(List.of(name), okLines("-c", "clusters"));
        assertEquals(List.of(name + "," + name), okLines("-c", "clusters-alias"));
        assertEquals(name, ok("-c", "which-cluster", "-i", key(replica1)));
        assertEquals(name, ok("-c", "which-cluster", "-a", name));
        assertEquals(name, ok("-c", "which-cluster-alias", "-i", key(replica2)));

        List<String> tree = Await.until("the topology with both replicas replicating", SHORT, () -> {
            List<String> t = okLines("-c", "topology", "-i", key(primary));
            return t.size() == 3 && t.get(1).contains(",ok,") && t.get(2).contains(",ok,") ? t : null;
        });
        assertTrue(tree.get(0).startsWith(key(primary) + " "), tree.toString());
        assertEquals(Set.of(key(replica1), key(replica2)),
                Set.of(tree.get(1).split(" ")[1], tree.get(2).split(" ")[1]), tree.toString());
        List<String> tabulated = okLines("-c", "topology-tabulated", "-a", name);
        assertEquals(3, tabulated.size(), tabulated.toString());
        // orchestrator's columns: every one padded to its widest entry, so the separators line up
        assertTrue(tabulated.get(0).matches(java.util.regex.Pattern.quote(key(primary)) + " *\\|.*"),
                tabulated.toString());
        assertEquals(1, tabulated.stream().map(l -> java.util.stream.IntStream.range(0, l.length())
                .filter(c -> l.charAt(c) == '|').boxed().toList()).distinct().count(), tabulated.toString());

        assertEquals(key(replica1), ok("-c", "instance", "-i", key(replica1)));
        assertEquals(replica1, JsonPath.from(ok("-c", "instance", "-i", key(replica1), "--json")).getInt("Key.Port"));
        assertEquals(key(primary), ok("-c", "which-master", "-i", key(replica1)));
        assertEquals("", ok("-c", "which-master", "-i", key(primary)), "a primary has no master");
        assertEquals(Set.of(key(replica1), key(replica2)), Set.copyOf(okLines("-c", "which-replicas", "-i", key(primary))));
        assertEquals(List.of(), okLines("-c", "which-replicas", "-i", key(replica1)));
        assertEquals(everyone, Set.copyOf(okLines("-c", "all-instances")));

        // raw API calls: -path, -p, a positional path, a leading /api/
        assertEquals(List.of(name), JsonPath.from(ok("-c", "api", "-path", "clusters")).getList("$"));
        assertEquals(List.of(name), JsonPath.from(ok("-c", "api", "-p", "/api/clusters")).getList("$"));
        assertEquals(List.of(name), JsonPath.from(ok("api", "clusters")).getList("$"));
        assertEquals(replica2, instanceJson(replica2).getInt("Key.Port"));

        // long option forms, orchestrator-client style and GNU style
        assertEquals(name, ok("-command", "which-cluster", "-instance", key(replica1)));
        assertEquals(name, ok("--command", "which-cluster", "--instance", key(replica1)));
        assertEquals(name, ok("--command=which-cluster", "--instance=" + key(replica1)));
        assertEquals(key(replica1), ok("-c", "instance", "-i", H, "-D", Integer.toString(replica1)));
    }

    @Test
    @Order(5)
    void downtimeCandidatesAndTheGlobalRecoverySwitch() {
        assertEquals(key(replica2), ok("-c", "begin-downtime", "-i", key(replica2), "-o", "ops", "-r", "disk swap",
                "-u", "1h"));
        JsonPath down = Await.until("replica 2 downtimed", SHORT, () -> {
            JsonPath j = instanceJson(replica2);
            return j.getBoolean("IsDowntimed") ? j : null;
        });
        assertEquals("ops", down.getString("DowntimeOwner"));
        assertEquals("disk swap", down.getString("DowntimeReason"));
        assertTrue(ok("-c", "topology", "-a", key(primary)).contains("downtimed"));
        assertEquals(key(replica2), ok("-c", "end-downtime", "-i", key(replica2)));
        Await.until("replica 2 no longer downtimed", SHORT, () -> !instanceJson(replica2).getBoolean("IsDowntimed"));

        assertEquals(key(replica1), ok("-c", "register-candidate", "-i", key(replica1), "-R", "prefer"));
        Await.until("replica 1 a preferred candidate", SHORT,
                () -> "prefer".equals(instanceJson(replica1).getString("PromotionRule")));
        assertEquals(key(replica2), ok("-c", "register-candidate", "-i", key(replica2), "--promotion-rule", "prefer_not"));
        Await.until("replica 2 not preferred", SHORT,
                () -> "prefer_not".equals(instanceJson(replica2).getString("PromotionRule")));

        assertEquals("disabled", ok("-c", "disable-global-recoveries"));
        assertEquals("disabled", ok("-c", "check-global-recoveries"));
        for (int i = 0; i < 3; i++) {
            int n = i;
            Await.until("recoveries disabled on node " + n, SHORT,
                    () -> cluster.local(n, "/api/check-global-recoveries").body().contains("\"Details\":\"disabled\""));
        }
        assertEquals("enabled", ok("-c", "enable-global-recoveries"));
        assertEquals("enabled", ok("-c", "check-global-recoveries"));
    }

    @Test
    @Order(6)
    void replicationAnalysisNamesTheProblem() {
        String expected = key(primary) + " (cluster " + key(primary) + "): AllMasterReplicasNotReplicating";
        sandbox.sql(replica1, "STOP SLAVE");
        sandbox.sql(replica2, "STOP SLAVE");
        try {
            Await.until("the analysis names the stopped replicas", SHORT,
                    () -> okLines("-c", "replication-analysis").contains(expected));
            assertTrue(okLines("-c", "replication-analysis", "-a", key(primary)).contains(expected));
            assertEquals(key(replica1), ok("-c", "is-replication-stopped", "-i", key(replica1)));
        } finally {
            sandbox.sql(replica1, "START SLAVE");
            sandbox.sql(replica2, "START SLAVE");
        }
        Await.until("no problem left", SHORT, () -> okLines("-c", "replication-analysis").isEmpty());
        for (int port : List.of(replica1, replica2)) {
            Await.until(port + " replicating", SHORT, () -> key(port).equals(ok("-c", "is-replicating", "-i", key(port))));
        }
    }

    @Test
    @Order(7)
    void gracefulTakeoversMoveThePrimaryAndAcksAcknowledgeThem() {
        // auto: the old primary replicates from the new one
        assertEquals(key(replica1), ok("-c", "graceful-master-takeover-auto", "-a", key(primary), "-d", key(replica1)));
        assertEquals("0", readOnly(replica1));
        assertEquals("1", readOnly(primary));
        Await.until("the old primary replicates from the new one", SHORT,
                () -> key(replica1).equals(ok("-c", "which-master", "-i", key(primary)))
                        && key(primary).equals(ok("-c", "is-replicating", "-i", key(primary))));
        Await.until("replica 2 moved under the new primary", SHORT,
                () -> key(replica1).equals(ok("-c", "which-master", "-i", key(replica2)))
                        && key(replica2).equals(ok("-c", "is-replicating", "-i", key(replica2))));
        Await.until("the cluster named after its new primary", SHORT,
                () -> okLines("-c", "clusters").equals(List.of(key(replica1))));
        assertFalse(ok("-c", "topology", "-a", key(replica1)).isEmpty());

        // and back, by instance and designated replica
        assertEquals(key(primary), ok("-c", "graceful-master-takeover", "-i", key(replica1), "-d", key(primary)));
        assertEquals("0", readOnly(primary));
        assertEquals("1", readOnly(replica1));
        sandbox.sql(replica1, "START SLAVE"); // a plain takeover leaves the demoted primary stopped
        for (int port : List.of(replica1, replica2)) {
            Await.until(port + " replicates from the primary again", SHORT,
                    () -> key(primary).equals(ok("-c", "which-master", "-i", key(port)))
                            && key(port).equals(ok("-c", "is-replicating", "-i", key(port))));
        }
        Await.until("the cluster named after the primary again", SHORT,
                () -> okLines("-c", "clusters").equals(List.of(key(primary))));

        List<Map<String, Object>> recoveries = audit();
        assertEquals(2, recoveries.size(), recoveries.toString());
        assertTrue(recoveries.stream().allMatch(r -> Boolean.TRUE.equals(r.get("IsSuccessful"))), recoveries.toString());
        assertTrue(recoveries.stream().noneMatch(r -> Boolean.TRUE.equals(r.get("Acknowledged"))), recoveries.toString());

        // a recovery belongs to the cluster as it was named then: the first one to the primary's cluster
        assertEquals("1", ok("-c", "ack-cluster-recoveries", "-i", key(primary), "-C", "planned"));
        recoveries = audit();
        assertEquals(1, recoveries.stream().filter(r -> Boolean.TRUE.equals(r.get("Acknowledged"))
                && "planned".equals(r.get("AcknowledgedComment"))).count(), recoveries.toString());
        assertEquals("1", ok("-c", "ack-all-recoveries", "-r", "all done"));
        recoveries = audit();
        assertTrue(recoveries.stream().allMatch(r -> Boolean.TRUE.equals(r.get("Acknowledged"))), recoveries.toString());
        assertEquals("0", ok("-c", "ack-all-recoveries", "-C", "nothing left"));
    }

    @Test
    @Order(8)
    void forcedFailoverAndManualRecovery() {
        String successor = ok("-c", "force-master-failover", "-a", key(primary));
        forcedSuccessor = Integer.parseInt(successor.substring(successor.lastIndexOf(':') + 1));
        assertTrue(forcedSuccessor == replica1 || forcedSuccessor == replica2, successor);
        assertEquals("0", readOnly(forcedSuccessor));
        assertEquals("1", readOnly(primary), "the old primary is fenced");
        survivor = forcedSuccessor == replica1 ? replica2 : replica1;
        Await.until("the other replica under the new primary", SHORT,
                () -> key(forcedSuccessor).equals(ok("-c", "which-master", "-i", key(survivor))));

        // nothing to recover on a healthy server: the server says so
        Result healthy = failing("-c", "recover", "-i", key(survivor));
        assertTrue(healthy.err().contains("no recoverable failure"), healthy.toString());

        sandbox.kill(forcedSuccessor);
        String dead = key(forcedSuccessor) + " (cluster " + key(forcedSuccessor) + "): DeadMaster";
        Await.until("DeadMaster analysed", SHORT, () -> okLines("-c", "replication-analysis").contains(dead));
        assertEquals(key(survivor), ok("-c", "recover", "-i", key(forcedSuccessor)));
        assertEquals("0", readOnly(survivor));

        List<Map<String, Object>> recoveries = audit();
        assertEquals(4, recoveries.size(), recoveries.toString());
        // the fenced old primary is a cluster of its own, under its old name: two of the four were of it
        List<Map<String, Object>> ofCluster = JsonPath.from(ok("-c", "audit-recovery", "-a", key(primary)))
                .getList("$");
        assertEquals(2, ofCluster.size(), ofCluster.toString());
        assertTrue(ofCluster.stream().allMatch(r -> key(primary).equals(r.get("ClusterName"))), ofCluster.toString());
    }

    @Test
    @Order(9)
    void raftElectLeaderMovesLeadership() {
        int leader = cluster.awaitSingleLeader(START);
        int target = (leader + 1) % 3;
        Result elect = clientAt(all, "-c", "raft-elect-leader", "-H", cluster.raftAddress(target));
        assertEquals(0, elect.exit(), elect.toString());
        Await.until("node " + target + " leads", SHORT, () -> cluster.leaders().equals(List.of(target)));
        Await.until("which-api follows the leader", SHORT, () -> ok("-c", "which-api").equals(cluster.url(target) + "/api"));
        assertEquals(cluster.raftAddress(target), ok("-c", "raft-leader"));

        // asked of a follower alone, the client sends the request to the leader itself
        int follower = IntStream.range(0, 3).filter(i -> i != target && i != leader).findFirst().orElseThrow();
        Await.until("follower " + follower + " healthy and knowing the leader's URL", SHORT,
                () -> cluster.local(follower, "/api/raft-health").statusCode() == 200
                        && cluster.local(follower, "/api/raft-status").body()
                                .contains("\"LeaderURI\":\"" + cluster.url(target) + "\""));
        Result back = clientAt(cluster.url(follower) + "/api", "-c", "raft-elect-leader", "-H",
                cluster.raftAddress(leader));
        assertEquals(0, back.exit(), back.toString());
        Await.until("node " + leader + " leads again", SHORT, () -> cluster.leaders().equals(List.of(leader)));
        for (int i = 0; i < 3; i++) {
            int n = i;
            Await.until("raft-health on node " + n, SHORT, () -> cluster.local(n, "/api/raft-health").statusCode() == 200);
        }
    }

    @Test
    @Order(10)
    void forgetAndForgetCluster() {
        assertTrue(okLines("-c", "all-instances").contains(key(forcedSuccessor)));
        Result forget = clientAt(all, "-c", "forget", "-i", key(forcedSuccessor));
        assertEquals(0, forget.exit(), forget.toString());
        Await.until("the dead instance forgotten", SHORT,
                () -> !okLines("-c", "all-instances").contains(key(forcedSuccessor)));

        // the fenced old primary is a cluster of its own now
        Await.until("the old primary alone in its cluster", SHORT,
                () -> okLines("-c", "clusters").contains(key(primary)));
        Result forgetCluster = clientAt(all, "-c", "forget-cluster", "-a", key(primary));
        assertEquals(0, forgetCluster.exit(), forgetCluster.toString());
        Await.until("the cluster forgotten", SHORT, () -> !okLines("-c", "clusters").contains(key(primary)));
        Result gone = failing("-c", "instance", "-i", key(primary));
        assertTrue(gone.err().contains("instance not found"), gone.toString());
        assertEquals(List.of(key(survivor)), okLines("-c", "clusters"));
    }
}
