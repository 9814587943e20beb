package io.quorch.control;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quorch.testing.Await;
import io.quorch.testing.Sandbox;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * Replication control, instance operations and maintenance against a real MariaDB primary with two
 * replicas: each change is checked on the server itself, each refusal leaves the server as it was,
 * and replication still carries a row from the primary to both replicas at the end. The client
 * commands run as a user runs them.
 */
@QuarkusTest
@TestProfile(ReplicationControlTestProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicationControlIT {

    private static final String H = "127.0.0.1";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Path CLIENT = Path.of("scripts", "quorch-client").toAbsolutePath();

    private static Sandbox sandbox;
    private static int primary;
    private static int r1;
    private static int r2;

    @BeforeAll
    static void up() {
        sandbox = Sandbox.up("replctl", 2, false);
        primary = sandbox.primaryPort();
        r1 = sandbox.replicaPorts().get(0);
        r2 = sandbox.replicaPorts().get(1);
        sandbox.sql(primary, "CREATE DATABASE IF NOT EXISTS quorch_test");
        sandbox.sql(primary, "CREATE TABLE IF NOT EXISTS quorch_test.t (id INT PRIMARY KEY)");
    }

    @AfterAll
    static void down() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static JsonPath ok(String path) {
        return given().get("/api/" + path).then().statusCode(200).extract().jsonPath();
    }

    /** The change is refused with this status and a message naming the reason. */
    private static void refused(String path, int status, String reason) {
        JsonPath j = given().get("/api/" + path).then().statusCode(status).extract().jsonPath();
        assertEquals("ERROR", j.getString("Code"));
        assertTrue(j.getString("Message").contains(reason), path + ": " + j.getString("Message"));
    }

    private static String at(int port) {
        return H + "/" + port;
    }

    private static JsonPath instance(int port) {
        return ok("instance/" + at(port));
    }

    /** One field of SHOW SLAVE STATUS, read from the server itself. */
    private static String slave(int port, String field) {
        for (String line : sandbox.sql(port, "SHOW SLAVE STATUS\\G").split("\n")) {
            String t = line.trim();
            if (t.startsWith(field + ":")) {
                return t.substring(field.length() + 1).trim();
            }
        }
        return "";
    }

    private static boolean replicating(int port) {
        return slave(port, "Slave_IO_Running").equals("Yes") && slave(port, "Slave_SQL_Running").equals("Yes");
    }

    /** The ports of the server's replicas as quorch knows them. */
    private static List<Integer> replicaPorts(int port) {
        return given().get("/api/instance-replicas/" + at(port)).then().statusCode(200).extract().jsonPath()
                .getList("Key.Port", Integer.class);
    }

    private static String rows(int port) {
        return sandbox.sql(port, "SELECT COUNT(*) FROM quorch_test.t");
    }

    record Result(int exit, String out, String err) {
    }

    private static Result client(String... args) {
        try {
            Path out = Files.createTempFile("client", ".out");
            Path err = Files.createTempFile("client", ".err");
            try {
                List<String> cmd = new ArrayList<>(List.of("bash", CLIENT.toString()));
                cmd.addAll(List.of(args));
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
                pb.environment().remove("ORCHESTRATOR_API");
                pb.environment().putAll(Map.of("QUORCH_API", "http://127.0.0.1:" + RestAssured.port + "/api"));
                Process p = pb.start();
                p.getOutputStream().close();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    fail("quorch-client " + String.join(" ", args) + " still running after 60 s");
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8).strip(),
                        Files.readString(err, StandardCharsets.UTF_8).strip());
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String clientOk(String... args) {
        Result r = client(args);
        assertEquals(0, r.exit(), String.join(" ", args) + ": " + r);
        return r.out();
    }

    // ---------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void discoversTheTopology() {
        ok("discover/" + at(primary));
        Await.until("all three instances", WAIT, () -> given().get("/api/cluster/" + H + ":" + primary).then()
                .extract().jsonPath().getList("$").size() == 3);
    }

    @Test
    @Order(2)
    void stopsStartsRestartsAndStopsNicely() {
        JsonPath stopped = ok("stop-replica/" + at(r1));
        assertEquals("Replica stopped: " + H + ":" + r1, stopped.getString("Message"));
        assertFalse(stopped.getBoolean("Details.Slave_SQL_Running"));
        assertEquals(0, stopped.getInt("Details.ReplicationIOThreadState"));
        assertEquals("No", slave(r1, "Slave_IO_Running"));
        assertEquals("No", slave(r1, "Slave_SQL_Running"));

        // POST, as a careful client sends a change; the old spelling
        JsonPath started = given().post("/api/start-slave/" + at(r1)).then().statusCode(200).extract().jsonPath();
        assertTrue(started.getBoolean("Details.Slave_SQL_Running"));
        assertTrue(started.getBoolean("Details.Slave_IO_Running"));
        assertTrue(replicating(r1));

        String before = slave(r1, "Master_Log_File");
        assertTrue(ok("restart-replica/" + at(r1)).getBoolean("Details.ReplicationIOThreadRuning"));
        assertTrue(replicating(r1));
        assertEquals(before, slave(r1, "Master_Log_File"));

        sandbox.sql(primary, "INSERT INTO quorch_test.t VALUES (100)");
        JsonPath nice = ok("stop-replica-nice/" + at(r1));
        assertFalse(nice.getBoolean("Details.Slave_IO_Running"));
        assertEquals(slave(r1, "Read_Master_Log_Pos"), slave(r1, "Exec_Master_Log_Pos"),
                "stopped nicely: everything received is applied");
        assertEquals(slave(r1, "Master_Log_File"), slave(r1, "Relay_Master_Log_File"));
        ok("start-replica/" + at(r1));
        assertTrue(replicating(r1));
    }

    @Test
    @Order(3)
    void setsReadOnlyAndWriteable() {
        JsonPath w = ok("set-writeable/" + at(r2));
        assertEquals("Server set as writeable", w.getString("Message"));
        assertFalse(w.getBoolean("Details.ReadOnly"));
        assertEquals("0", sandbox.sql(r2, "SELECT @@global.read_only"));
        JsonPath ro = ok("set-read-only/" + at(r2));
        assertEquals("Server set as read-only", ro.getString("Message"));
        assertTrue(ro.getBoolean("Details.ReadOnly"));
        assertEquals("1", sandbox.sql(r2, "SELECT @@global.read_only"));
    }

    @Test
    @Order(3)
    void switchesSemiSyncAndKillsAQuery() throws Exception {
        assertTrue(ok("enable-semi-sync-master/" + at(primary)).getBoolean("Details.SemiSyncMasterEnabled"));
        assertEquals("1", sandbox.sql(primary, "SELECT @@global.rpl_semi_sync_master_enabled"));
        assertFalse(ok("disable-semi-sync-master/" + at(primary)).getBoolean("Details.SemiSyncMasterEnabled"));
        assertTrue(ok("enable-semi-sync-replica/" + at(r2)).getBoolean("Details.SemiSyncReplicaEnabled"));
        assertEquals("1", sandbox.sql(r2, "SELECT @@global.rpl_semi_sync_slave_enabled"));
        assertFalse(ok("disable-semi-sync-slave/" + at(r2)).getBoolean("Details.SemiSyncReplicaEnabled"));
        Await.until("r2 replicating after its IO thread restarted", WAIT, () -> replicating(r2));

        var sleeping = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> sandbox.sql(primary, "SELECT SLEEP(120)"));
        String id = Await.until("the query running", WAIT, () -> {
            String s = sandbox.sql(primary, "SELECT ID FROM information_schema.PROCESSLIST"
                    + " WHERE INFO = 'SELECT SLEEP(120)'");
            return s.isEmpty() ? null : s;
        });
        assertEquals("Query killed on : " + H + ":" + primary, ok("kill-query/" + at(primary) + "/" + id)
                .getString("Message"));
        // the killed query ends at once: MariaDB reports it interrupted (MySQL's SLEEP() would answer 1)
        String end = sleeping.handle((out, e) -> e == null ? out : String.valueOf(e.getMessage()))
                .get(20, TimeUnit.SECONDS);
        assertTrue(end.equals("1") || end.contains("Query execution was interrupted"), end);
        refused("kill-query/" + at(primary) + "/" + id, 404, "no process " + id);
    }

    @Test
    @Order(4)
    void detachesAndReattachesTheMasterHost() {
        JsonPath d = ok("detach-replica-master-host/" + at(r1));
        assertEquals("//" + H, d.getString("Details.MasterKey.Hostname"));
        assertTrue(d.getBoolean("Details.IsDetachedMaster"));
        assertEquals("//" + H, slave(r1, "Master_Host"));
        assertFalse(replicaPorts(primary).contains(r1), "a detached replica stands outside its source's topology");
        refused("detach-replica-master-host/" + at(r1), 409, "instance already detached: " + H + ":" + r1);
        assertEquals("//" + H, slave(r1, "Master_Host"), "a refusal changes nothing");

        JsonPath a = ok("reattach-replica-master-host/" + at(r1));
        assertEquals(H, a.getString("Details.MasterKey.Hostname"));
        assertFalse(a.getBoolean("Details.IsDetachedMaster"));
        assertEquals(H, slave(r1, "Master_Host"));
        Await.until("r1 replicating again", WAIT, () -> replicating(r1));
        assertTrue(replicaPorts(primary).contains(r1), "reattached, it is its source's replica again");
        refused("reattach-replica-master-host/" + at(r1), 409, "instance does not seem to be detached");
    }

    @Test
    @Order(5)
    void skipsTheStatementABrokenReplicaFailedOn() {
        refused("skip-query/" + at(r2), 409, "Slave SQL thread is running on " + H + ":" + r2);
        // a row written on the replica alone, then the same key on the primary: a duplicate-key error
        sandbox.sql(r2, "SET SESSION sql_log_bin = 0; INSERT INTO quorch_test.t VALUES (7)");
        sandbox.sql(primary, "INSERT INTO quorch_test.t VALUES (7)");
        Await.until("r2 stops on the duplicate key", WAIT, () -> slave(r2, "Slave_SQL_Running").equals("No")
                && slave(r2, "Last_SQL_Errno").equals("1062"));
        JsonPath s = ok("skip-query/" + at(r2));
        assertEquals("Query skipped on " + H + ":" + r2, s.getString("Message"));
        Await.until("r2 replicating after the skip", WAIT, () -> replicating(r2));
        sandbox.sql(primary, "INSERT INTO quorch_test.t VALUES (9)");
        Await.until("r2 caught up", WAIT, () -> rows(r2).equals(rows(primary)));
        refused("skip-query/" + at(primary), 409, "instance is not a replica: " + H + ":" + primary);
    }

    @Test
    @Order(6)
    void delaysReplicationKeepingTheThreadsRunning() {
        JsonPath d = ok("delay-replication/" + at(r1) + "/3600");
        assertEquals(3600, d.getInt("Details.SQLDelay"));
        assertEquals("3600", slave(r1, "SQL_Delay"));
        assertTrue(replicating(r1));
        refused("delay-replication/" + at(r1) + "/soon", 400, "Invalid value provided for seconds");
        refused("delay-replication/" + at(r1) + "/99999999999", 400, "Invalid value provided for seconds");
        assertEquals("3600", slave(r1, "SQL_Delay"), "a refusal changes nothing");
        assertEquals(0, ok("delay-replication/" + at(r1) + "/0").getInt("Details.SQLDelay"));
        assertEquals("0", slave(r1, "SQL_Delay"));
    }

    @Test
    @Order(7)
    void maintenanceIsListedShownAndRefusesChangesUntilItEnds() {
        JsonPath b = ok("begin-maintenance/" + at(r1) + "/alice/kernel upgrade");
        assertEquals(r1, b.getInt("Details.Port"));
        assertEquals("true", ok("in-maintenance/" + at(r1)).getString("Message"));
        assertEquals(H + ":" + r1, ok("in-maintenance/" + at(r1)).getString("Details"));
        List<Map<String, Object>> list = given().get("/api/maintenance").then().statusCode(200).extract().jsonPath()
                .<Map<String, Object>>getList("$").stream()
                .filter(m -> Integer.valueOf(r1).equals(((Map<?, ?>) m.get("Key")).get("Port"))).toList();
        assertEquals(1, list.size(), list.toString());
        assertEquals("alice", list.get(0).get("Owner"));
        assertEquals("kernel upgrade", list.get(0).get("Reason"));
        JsonPath i = instance(r1);
        assertTrue(i.getBoolean("InMaintenance"));
        assertEquals("alice", i.getString("MaintenanceOwner"));

        refused("begin-maintenance/" + at(r1) + "/bob/other", 409, "Cannot begin maintenance for instance: "
                + H + ":" + r1);
        refused("detach-replica-master-host/" + at(r1), 409, "Cannot begin maintenance on " + H + ":" + r1);
        assertEquals(H, slave(r1, "Master_Host"), "a refused change leaves the replica as it was");
        assertTrue(replicating(r1));

        ok("end-maintenance/" + at(r1));
        assertEquals("false", ok("in-maintenance/" + at(r1)).getString("Message"));
        assertFalse(instance(r1).getBoolean("InMaintenance"));
        refused("end-maintenance/" + at(r1), 409, "Instance is not in maintenance mode");
        ok("begin-maintenance/" + at(r2) + "/ops/short/90s");
        JsonPath mark = given().get("/api/maintenance").then().statusCode(200).extract().jsonPath();
        int token = mark.getInt("find { it.Key.Port == " + r2 + " }.MaintenanceId");
        assertEquals(token, ok("end-maintenance/" + token).getInt("Details"));
        assertEquals("false", ok("in-maintenance/" + at(r2)).getString("Message"));
    }

    @Test
    @Order(8)
    void refusalsNameTheReasonAndChangeNothing() {
        refused("start-replica/" + at(primary), 409, "instance is not a replica: " + H + ":" + primary);
        refused("reset-replica/" + at(r1), 409, "Cannot reset slave on: " + H + ":" + r1
                + " because replication is running");
        assertTrue(replicating(r1));
        refused("detach-replica/" + at(r1), 409, "because replication is running");
        refused("stop-replica/" + H + "/99999", 400, "invalid instance");
        refused("stop-replica/nowhere.invalid/3306", 404, "instance not found: nowhere.invalid:3306");
        refused("purge-binary-logs/" + at(primary) + "/bad%27name", 400, "expected log file name or 'latest'");
        refused("kill-query/" + at(primary) + "/-3", 400, "process id must be a positive number");
        refused("gtid-errant-reset-master/" + at(r1), 409, "is MariaDB");
        refused("locate-gtid-errant/" + at(r1), 409, "applies to MySQL GTID");
        assertEquals("0", sandbox.sql(primary, "SELECT @@global.read_only"), "the primary stays writable");

        // purging past what a stopped replica still needs is refused, then allowed once it caught up
        ok("stop-replica/" + at(r1));
        ok("flush-binary-logs/" + at(primary));
        String current = sandbox.sql(primary, "SHOW MASTER STATUS").split("\t")[0];
        // the refusal names a replica that still needs the older logs (the stopped one, or one not yet polled)
        refused("purge-binary-logs/" + at(primary) + "/latest", 409, "Unsafe to purge binary logs on " + H + ":"
                + primary + " up to " + current + " because replica " + H + ":");
        assertEquals(2, sandbox.sql(primary, "SHOW BINARY LOGS").split("\n").length > 1 ? 2 : 0,
                "nothing was purged");
        ok("start-replica/" + at(r1));
        Await.until("r1 reads the new binary log", WAIT, () -> slave(r1, "Relay_Master_Log_File").equals(current));
        ok("refresh/" + at(r1));
        Await.until("r2 reads the new binary log", WAIT, () -> slave(r2, "Relay_Master_Log_File").equals(current));
        ok("refresh/" + at(r2));
        // the server keeps a log until its storage engine checkpointed it: purge again until it is gone
        Await.until("the older binary logs purged", WAIT, () -> ok("purge-binary-logs/" + at(primary) + "/latest")
                .getString("Message").startsWith("Binary logs purged") && sandbox.sql(primary, "SHOW BINARY LOGS")
                        .split("\n")[0].split("\t")[0].equals(current));
    }

    @Test
    @Order(9)
    void theClientRunsTheCommands() {
        assertEquals(H + ":" + r2, clientOk("-c", "stop-replica", "-i", H + ":" + r2));
        assertEquals("No", slave(r2, "Slave_SQL_Running"));
        assertEquals(H + ":" + r2, clientOk("-c", "start-slave", "-i", H + ":" + r2));
        assertTrue(replicating(r2));
        assertEquals(H + ":" + r2, clientOk("-c", "set-writeable", "-i", H + ":" + r2));
        assertEquals("0", sandbox.sql(r2, "SELECT @@global.read_only"));
        assertEquals(H + ":" + r2, clientOk("-c", "set-read-only", "-i", H + ":" + r2));
        assertEquals("1", sandbox.sql(r2, "SELECT @@global.read_only"));
        assertEquals("120", clientOk("-c", "delay-replication", "-i", H + ":" + r2, "-S", "120"));
        assertEquals("0", clientOk("-c", "delay-replication", "-i", H + ":" + r2, "--seconds", "0"));
        assertEquals("[\"stop slave io_thread;\",\"stop slave sql_thread;\",\"set global slave_net_timeout=5;\","
                + "\"start slave sql_thread;\",\"start slave io_thread;\"]", clientOk("-c",
                        "restart-replica-statements", "-i", H + ":" + r2, "-q", "set global slave_net_timeout=5"));
        assertEquals(H + ":" + r2, clientOk("-c", "begin-maintenance", "-i", H + ":" + r2, "-r", "swap", "-o", "me"));
        assertTrue(instance(r2).getBoolean("InMaintenance"));
        Result again = client("-c", "begin-maintenance", "-i", H + ":" + r2, "-r", "swap");
        assertEquals(1, again.exit(), again.toString());
        assertTrue(again.err().contains("Cannot begin maintenance for instance"), again.toString());
        assertEquals(H + ":" + r2, clientOk("-c", "end-maintenance", "-i", H + ":" + r2));
        Result bad = client("-c", "delay-replication", "-i", H + ":" + r2);
        assertTrue(bad.exit() != 0 && bad.err().contains("seconds (-S)"), bad.toString());
    }

    @Test
    @Order(10)
    void everyChangeIsAuditedAndReplicationStillCarriesARowToEveryReplica() {
        List<Map<String, Object>> audit = given().get("/api/audit").then().statusCode(200).extract().jsonPath()
                .getList("$");
        assertTrue(audit.stream().anyMatch(e -> "stop-slave".equals(e.get("type"))
                && String.valueOf(e.get("message")).contains("before: read_only=1, master=" + H + ":" + primary
                        + ", io=Yes") && String.valueOf(e.get("message")).contains("after: read_only=1")),
                audit.toString());
        assertTrue(audit.stream().anyMatch(e -> "begin-maintenance".equals(e.get("type"))), audit.toString());
        sandbox.sql(primary, "INSERT INTO quorch_test.t VALUES (1000)");
        for (int port : List.of(r1, r2)) {
            Await.until("the row on " + port, WAIT, () -> sandbox.sql(port,
                    "SELECT COUNT(*) FROM quorch_test.t WHERE id = 1000").equals("1"));
            assertTrue(replicating(port));
        }
    }
}
