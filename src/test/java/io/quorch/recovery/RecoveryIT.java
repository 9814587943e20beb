package io.quorch.recovery;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quorch.testing.Await;
import io.quorch.testing.PrometheusText;
import io.quorch.testing.Sandbox;
import io.restassured.path.json.JsonPath;

/** Failures of real MariaDB topologies, recovered (or rightly not) by quorch. */
@QuarkusTest
@TestProfile(RecoveryTestProfile.class)
class RecoveryIT {

    private Sandbox sandbox;

    @AfterEach
    void tearDown() throws Exception {
        Files.deleteIfExists(RecoveryTestProfile.BLOCK_FILE);
        if (sandbox != null) {
            for (int port : sandbox.ports()) {
                given().get("/api/forget/127.0.0.1/" + port);
            }
            sandbox.close();
            sandbox = null;
        }
    }

    /** A fresh topology, discovered and fully known, with a table holding some rows. */
    private Sandbox topology(String name, int replicas, boolean chain) {
        // each test reads only its own hooks' lines (sandboxes reuse ports, and target/ outlives a run)
        try {
            Files.deleteIfExists(RecoveryTestProfile.HOOKS_LOG);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        sandbox = Sandbox.up(name, replicas, chain);
        given().get("/api/discover/127.0.0.1/" + sandbox.primaryPort()).then().statusCode(200);
        Await.until("all instances known and valid", Duration.ofSeconds(15), () -> sandbox.ports().stream()
                .allMatch(p -> given().get("/api/instance/127.0.0.1/" + p).then().extract().statusCode() == 200
                        && instance(p).getBoolean("IsLastCheckValid")));
        sandbox.sql(sandbox.primaryPort(), "CREATE DATABASE quorch_test; CREATE TABLE quorch_test.t (id INT PRIMARY KEY)");
        insert(sandbox.primaryPort(), 1, 10);
        return sandbox;
    }

    static JsonPath instance(int port) {
        return given().get("/api/instance/127.0.0.1/" + port).then().extract().jsonPath();
    }

    void insert(int port, int from, int to) {
        StringBuilder values = new StringBuilder();
        for (int i = from; i <= to; i++) {
            values.append(i == from ? "" : ",").append("(").append(i).append(")");
        }
        sandbox.sql(port, "INSERT INTO quorch_test.t VALUES " + values);
    }

    void awaitRows(int port, int count) {
        Await.until(count + " rows on " + port, Duration.ofSeconds(15),
                () -> sandbox.sql(port, "SELECT COUNT(*) FROM quorch_test.t").equals(Integer.toString(count)));
    }

    /** The finished recovery of the failed server, once there is one. */
    static Map<String, Object> awaitRecovery(int failedPort, Duration timeout) {
        return Await.until("a finished recovery of port " + failedPort, timeout, () -> recoveryOf(failedPort)
                .filter(r -> Boolean.FALSE.equals(r.get("IsActive"))).orElse(null));
    }

    static Optional<Map<String, Object>> recoveryOf(int failedPort) {
        List<Map<String, Object>> all = given().get("/api/audit-recovery").then().statusCode(200).extract().jsonPath()
                .getList("$");
        return all.stream().filter(r -> ((Map<?, ?>) r.get("FailedKey")).get("Port").equals(failedPort)).findFirst();
    }

    /** Waits until the leader has analyzed again this many times: what did not happen by then was refused. */
    static void awaitAnalysisPasses(int more) {
        long start = analysisPasses();
        Await.until(more + " more analysis passes", Duration.ofSeconds(20), () -> analysisPasses() >= start + more);
    }

    static long analysisPasses() {
        return given().get("/api/recovery-metrics").then().statusCode(200).extract().jsonPath()
                .getLong("AnalysisPasses");
    }

    /** The sum of a metric's samples with these labels, as /q/metrics has it now. */
    static double metric(String name, String... labels) {
        Map<String, String> wanted = new java.util.HashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return PrometheusText.sum(given().get("/q/metrics").then().statusCode(200).extract().asString(), name, wanted);
    }

    static int successorPort(Map<String, Object> recovery) {
        return (Integer) ((Map<?, ?>) recovery.get("SuccessorKey")).get("Port");
    }

    void assertReplicatesFrom(int replica, int master) {
        Await.until(replica + " replicating from " + master, Duration.ofSeconds(15), () -> {
            String status = sandbox.sql(replica, "SHOW SLAVE STATUS\\G");
            return status.contains("Master_Port: " + master) && status.contains("Slave_IO_Running: Yes")
                    && status.contains("Slave_SQL_Running: Yes");
        });
    }

    @Test
    void deadPrimaryIsReplacedByTheMostAdvancedReplicaThenASecondFailureIsBlockedUntilAcknowledged()
            throws Exception {
        topology("failover", 3, false);
        int primary = sandbox.primaryPort();
        List<Integer> replicas = sandbox.replicaPorts();
        replicas.forEach(r -> awaitRows(r, 10));
        double succeeded = metric("quorch_recoveries_total", "analysis", "DeadMaster", "outcome", "success");
        double timed = metric("quorch_recovery_duration_seconds_count", "analysis", "DeadMaster", "outcome", "success");
        double unreachable = metric("quorch_probes_total", "outcome", "unreachable");

        sandbox.kill(primary);
        Map<String, Object> recovery = awaitRecovery(primary, Duration.ofSeconds(20));
        assertEquals(true, recovery.get("IsSuccessful"), recovery.toString());
        assertEquals("DeadMaster", recovery.get("Analysis"));
        // the metrics count the failover with its outcome, and the refused connections to the dead primary
        // (resolving the recovery and counting it are two steps: the audit may show it a moment earlier)
        Await.until("the failover counted", Duration.ofSeconds(5), () -> metric("quorch_recoveries_total", "analysis",
                "DeadMaster", "type", "automatic", "outcome", "success") == succeeded + 1);
        assertEquals(timed + 1, metric("quorch_recovery_duration_seconds_count", "analysis", "DeadMaster", "outcome",
                "success"));
        assertTrue(metric("quorch_probes_total", "outcome", "unreachable") > unreachable);
        assertTrue(metric("quorch_hooks_total", "stage", "PreFailoverProcesses", "outcome", "ok") >= 1);
        int successor = successorPort(recovery);
        assertTrue(replicas.contains(successor));
        assertEquals("0", sandbox.sql(successor, "SELECT @@global.read_only"));
        assertEquals("", sandbox.sql(successor, "SHOW SLAVE STATUS"));
        List<Integer> others = replicas.stream().filter(r -> r != successor).toList();
        others.forEach(r -> assertReplicatesFrom(r, successor));
        insert(successor, 11, 20);
        others.forEach(r -> awaitRows(r, 20));

        String uid = (String) recovery.get("UID");
        List<String> steps = given().get("/api/audit-recovery-steps/" + uid).then().statusCode(200).extract()
                .jsonPath().getList("Message");
        assertTrue(steps.stream().anyMatch(s -> s.startsWith("@PROMOTED 127.0.0.1:" + successor + ": promoted")), steps.toString());
        assertTrue(steps.stream().anyMatch(s -> s.startsWith("repointing")), steps.toString());
        assertTrue(given().get("/api/audit-failure-detection").then().extract().jsonPath().getList("Analysis")
                .contains("DeadMaster"));
        String hooks = Files.readString(RecoveryTestProfile.HOOKS_LOG);
        assertTrue(hooks.contains("pre DeadMaster 127.0.0.1:" + primary + " 3"), hooks);
        assertTrue(hooks.contains("post DeadMaster 127.0.0.1:" + primary + " 127.0.0.1:" + successor + " true"), hooks);

        // the old primary comes back: it must not take writes
        sandbox.start(primary);
        Await.until("returning primary fenced", Duration.ofSeconds(10),
                () -> sandbox.sql(primary, "SELECT @@global.read_only").equals("1"));

        // a second failure of the cluster within RecoveryPeriodBlockSeconds is blocked...
        sandbox.kill(successor);
        Await.until("blocked recovery", Duration.ofSeconds(15), () -> given().get("/api/blocked-recoveries").then()
                .extract().jsonPath().getList("FailedInstanceKey.Port").contains(successor));
        awaitAnalysisPasses(3);
        assertTrue(recoveryOf(successor).isEmpty(), "no recovery while blocked");
        // ...until acknowledged
        given().get("/api/ack-recovery/cluster/127.0.0.1:" + primary + "?comment=checked").then().statusCode(200);
        Map<String, Object> second = awaitRecovery(successor, Duration.ofSeconds(20));
        assertEquals(true, second.get("IsSuccessful"), second.toString());
        int third = successorPort(second);
        assertTrue(others.contains(third));
        others.stream().filter(r -> r != third).forEach(r -> assertReplicatesFrom(r, third));
        sandbox.start(successor);
    }

    @Test
    void aPreferredReplicaThatIsBehindCatchesUpAndWins() {
        topology("prefer", 3, false);
        int primary = sandbox.primaryPort();
        int preferred = sandbox.replicaPorts().get(2);
        given().get("/api/register-candidate/127.0.0.1/" + preferred + "/prefer").then().statusCode(200);
        Await.until("rule visible", Duration.ofSeconds(5),
                () -> instance(preferred).getString("PromotionRule").equals("prefer"));
        sandbox.replicaPorts().forEach(r -> awaitRows(r, 10));
        sandbox.sql(preferred, "STOP SLAVE");
        insert(primary, 11, 30);
        sandbox.replicaPorts().subList(0, 2).forEach(r -> awaitRows(r, 30));
        assertEquals("10", sandbox.sql(preferred, "SELECT COUNT(*) FROM quorch_test.t"));

        sandbox.kill(primary);
        Map<String, Object> recovery = awaitRecovery(primary, Duration.ofSeconds(30));
        assertEquals(true, recovery.get("IsSuccessful"), recovery.toString());
        assertEquals(preferred, successorPort(recovery));
        assertEquals("30", sandbox.sql(preferred, "SELECT COUNT(*) FROM quorch_test.t"), "caught up before promotion");
        sandbox.replicaPorts().subList(0, 2).forEach(r -> assertReplicatesFrom(r, preferred));
        insert(preferred, 31, 35);
        sandbox.replicaPorts().subList(0, 2).forEach(r -> awaitRows(r, 35));
    }

    @Test
    void aMustNotReplicaIsNeverPromoted() {
        topology("must-not", 2, false);
        int banned = sandbox.replicaPorts().get(0);
        given().get("/api/register-candidate/127.0.0.1/" + banned + "/must_not").then().statusCode(200);
        given().get("/api/register-candidate/127.0.0.1/" + banned + "/must").then().statusCode(400);
        sandbox.replicaPorts().forEach(r -> awaitRows(r, 10));
        sandbox.kill(sandbox.primaryPort());
        Map<String, Object> recovery = awaitRecovery(sandbox.primaryPort(), Duration.ofSeconds(20));
        assertEquals(true, recovery.get("IsSuccessful"), recovery.toString());
        assertEquals(sandbox.replicaPorts().get(1), successorPort(recovery));
        assertReplicatesFrom(banned, sandbox.replicaPorts().get(1));
    }

    @Test
    void aDeadIntermediatePrimaryHasItsReplicasMovedUp() {
        topology("intermediate", 3, true);
        int primary = sandbox.primaryPort();
        int intermediate = primary + 1;
        sandbox.ports().forEach(p -> awaitRows(p, 10));
        sandbox.kill(intermediate);
        Map<String, Object> recovery = awaitRecovery(intermediate, Duration.ofSeconds(20));
        assertEquals(true, recovery.get("IsSuccessful"), recovery.toString());
        assertEquals("DeadIntermediateMaster", recovery.get("Analysis"));
        assertReplicatesFrom(primary + 2, primary);
        assertReplicatesFrom(primary + 3, primary);
        insert(primary, 11, 15);
        awaitRows(primary + 2, 15);
        awaitRows(primary + 3, 15);
        assertEquals("1", sandbox.sql(primary + 2, "SELECT @@global.read_only"));
        sandbox.start(intermediate);
    }

    @Test
    void aDowntimedPrimaryIsNotRecoveredUntilItsDowntimeEnds() throws Exception {
        topology("downtime", 2, false);
        int primary = sandbox.primaryPort();
        given().get("/api/begin-downtime/127.0.0.1/" + primary + "/ops/maintenance/10m").then().statusCode(200)
                .body("Code", equalTo("OK"));
        given().get("/api/begin-downtime/127.0.0.1/" + primary + "/ops/maintenance/soon").then().statusCode(400);
        assertTrue(instance(primary).getBoolean("IsDowntimed"));
        sandbox.kill(primary);
        Await.until("DeadMaster analysed while downtimed", Duration.ofSeconds(10), () -> {
            List<Map<String, Object>> entries = given().get("/api/replication-analysis/instance/127.0.0.1/" + primary)
                    .then().extract().jsonPath().getList("Details");
            return entries.stream().anyMatch(e -> "DeadMaster".equals(e.get("Analysis"))
                    && Boolean.TRUE.equals(e.get("IsDowntimed")));
        });
        awaitAnalysisPasses(3);
        assertTrue(recoveryOf(primary).isEmpty(), "no recovery of a downtimed primary");
        given().get("/api/end-downtime/127.0.0.1/" + primary).then().statusCode(200);
        assertEquals(true, awaitRecovery(primary, Duration.ofSeconds(20)).get("IsSuccessful"));
    }

    @Test
    void anUnreachablePrimaryWhoseReplicasStillReplicateIsNotFailedOver() throws Exception {
        topology("unreachable", 2, false);
        int primary = sandbox.primaryPort();
        long pid = sandbox.pid(primary);
        signal("STOP", pid);
        try {
            Await.until("UnreachableMaster", Duration.ofSeconds(3), () -> {
                List<String> codes = given().get("/api/replication-analysis/instance/127.0.0.1/" + primary).then()
                        .extract().jsonPath().getList("Details.Analysis");
                return codes.contains("UnreachableMaster");
            });
            // the leader looks at it again while it is unreachable, and does not act
            awaitAnalysisPasses(2);
        } finally {
            signal("CONT", pid);
        }
        Await.until("primary answers again", Duration.ofSeconds(10),
                () -> instance(primary).getBoolean("IsLastCheckValid"));
        assertTrue(recoveryOf(primary).isEmpty(), "no failover of a primary whose replicas still replicate");
        assertEquals("0", sandbox.sql(primary, "SELECT @@global.read_only"));
    }

    @Test
    void gracefulTakeoverSwapsRolesWithoutLosingWrites() {
        topology("graceful", 2, false);
        int primary = sandbox.primaryPort();
        int designated = sandbox.replicaPorts().get(0);
        int sibling = sandbox.replicaPorts().get(1);
        insert(primary, 11, 500);
        given().get("/api/graceful-master-takeover/127.0.0.1:" + primary + "/127.0.0.1/" + designated).then()
                .statusCode(200).body("Code", equalTo("OK")).body("Details.SuccessorKey.Port", equalTo(designated));
        assertEquals("500", sandbox.sql(designated, "SELECT COUNT(*) FROM quorch_test.t"));
        assertEquals("0", sandbox.sql(designated, "SELECT @@global.read_only"));
        assertEquals("1", sandbox.sql(primary, "SELECT @@global.read_only"));
        assertReplicatesFrom(sibling, designated);
        String old = sandbox.sql(primary, "SHOW SLAVE STATUS\\G");
        assertTrue(old.contains("Master_Port: " + designated) && old.contains("Slave_IO_Running: No"), old);

        // and back, with -auto: the demoted primary replicates at once
        sandbox.sql(primary, "START SLAVE");
        assertReplicatesFrom(primary, designated);
        Await.until("old primary seen replicating", Duration.ofSeconds(10),
                () -> instance(primary).getBoolean("ReplicationIOThreadRuning"));
        insert(designated, 501, 600);
        given().get("/api/graceful-master-takeover-auto/127.0.0.1:" + designated + "/127.0.0.1/" + primary).then()
                .statusCode(200).body("Details.SuccessorKey.Port", equalTo(primary));
        assertEquals("600", sandbox.sql(primary, "SELECT COUNT(*) FROM quorch_test.t"));
        assertReplicatesFrom(designated, primary);
        assertReplicatesFrom(sibling, primary);
        // refused before anything changes, in orchestrator's words
        given().get("/api/graceful-master-takeover/127.0.0.1:" + primary + "/127.0.0.1/1").then().statusCode(400)
                .body("Message", equalTo("GracefulMasterTakeover: indicated designated instance 127.0.0.1:1 must be"
                        + " directly replicating from the master 127.0.0.1:" + primary));
    }

    @Test
    void aFailingPreFailoverHookAbortsThePromotion() throws Exception {
        topology("pre-hook", 1, false);
        Files.createDirectories(RecoveryTestProfile.DIR);
        Files.writeString(RecoveryTestProfile.BLOCK_FILE, "");
        int primary = sandbox.primaryPort();
        int replica = sandbox.replicaPorts().get(0);
        double failed = metric("quorch_recoveries_total", "analysis", "DeadMaster", "outcome", "failure");
        double hooksFailed = metric("quorch_hooks_total", "stage", "PreFailoverProcesses", "outcome", "failed");
        sandbox.kill(primary);
        Map<String, Object> recovery = awaitRecovery(primary, Duration.ofSeconds(20));
        assertEquals(false, recovery.get("IsSuccessful"));
        Await.until("the failed recovery counted with its outcome", Duration.ofSeconds(5), () -> metric(
                "quorch_recoveries_total", "analysis", "DeadMaster", "type", "automatic", "outcome", "failure")
                == failed + 1);
        assertEquals(hooksFailed + 1, metric("quorch_hooks_total", "stage", "PreFailoverProcesses", "outcome",
                "failed"));
        assertTrue(recovery.get("AllErrors").toString().contains("PreFailoverProcesses failed"), recovery.toString());
        assertEquals("1", sandbox.sql(replica, "SELECT @@global.read_only"), "not promoted");
        assertNotEquals("", sandbox.sql(replica, "SHOW SLAVE STATUS"));
        assertTrue(Files.readString(RecoveryTestProfile.HOOKS_LOG).contains("unsuccessful DeadMaster 127.0.0.1:"
                + primary));
        assertFalse(Files.readString(RecoveryTestProfile.HOOKS_LOG).contains("pre DeadMaster 127.0.0.1:" + primary));
    }

    static void signal(String signal, long pid) throws Exception {
        Process p = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertEquals(0, p.waitFor());
    }
}
