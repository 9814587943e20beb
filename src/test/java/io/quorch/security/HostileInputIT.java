package io.quorch.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quorch.mysql.ReplicationStatusParser;
import io.quorch.testing.Await;
import io.quorch.testing.Sandbox;
import io.restassured.path.json.JsonPath;

/**
 * Real MariaDB servers that say hostile things: a replica whose report_host is a shell command, a
 * cluster alias that is one too, and a replication password with every quoting character on
 * servers running NO_BACKSLASH_ESCAPES. Nothing runs, the topology is still discovered, the bad
 * host is reported, and a takeover with those credentials works.
 */
@QuarkusTest
@TestProfile(HostileInputTestProfile.class)
class HostileInputIT {

    private Sandbox sandbox;
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            warnings.add(r instanceof ExtLogRecord e ? e.getFormattedMessage() : r.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @AfterEach
    void tearDown() throws Exception {
        Logger.getLogger(ReplicationStatusParser.class.getName()).removeHandler(capture);
        Files.deleteIfExists(Path.of(HostileInputTestProfile.MARKER));
        if (sandbox != null) {
            for (int port : sandbox.ports()) {
                given().get("/api/forget/127.0.0.1/" + port);
            }
            sandbox.close();
        }
    }

    static JsonPath instance(int port) {
        return given().get("/api/instance/127.0.0.1/" + port).then().extract().jsonPath();
    }

    @Test
    void hostileHostsAliasesAndPasswordsAreOnlyData() throws Exception {
        Logger.getLogger(ReplicationStatusParser.class.getName()).addHandler(capture);
        Files.createDirectories(HostileInputTestProfile.DIR);
        Path marker = Path.of(HostileInputTestProfile.MARKER);
        Files.deleteIfExists(marker);
        sandbox = Sandbox.up("hostile", 2, false);
        int primary = sandbox.primaryPort();
        int designated = sandbox.replicaPorts().get(0);
        int sibling = sandbox.replicaPorts().get(1);
        for (int port : sandbox.ports()) {
            sandbox.sql(port, "SET GLOBAL sql_mode = CONCAT(@@GLOBAL.sql_mode, ',NO_BACKSLASH_ESCAPES')");
        }
        // written under NO_BACKSLASH_ESCAPES: the backslash is an ordinary character; replicated to every server
        sandbox.sql(primary, "SET SESSION sql_mode = 'NO_BACKSLASH_ESCAPES';"
                + " CREATE USER 'repl2'@'%' IDENTIFIED BY 'p''a\"ss\\w0rd';"
                + " CREATE USER 'repl2'@'127.0.0.1' IDENTIFIED BY 'p''a\"ss\\w0rd';"
                + " GRANT REPLICATION SLAVE ON *.* TO 'repl2'@'%', 'repl2'@'127.0.0.1'");
        String hostileHost = "h;touch " + marker + ";$(touch " + marker + ")";
        int hostile = sandbox.addReplica(primary, "report_host=" + hostileHost);
        Await.until("the primary listing the hostile report_host", Duration.ofSeconds(15),
                () -> sandbox.sql(primary, "SHOW SLAVE HOSTS").contains(hostileHost));

        given().get("/api/discover/127.0.0.1/" + primary).then().statusCode(200);
        Await.until("the primary and its two good replicas known and valid", Duration.ofSeconds(20),
                () -> List.of(primary, designated, sibling).stream().allMatch(
                        p -> given().get("/api/instance/127.0.0.1/" + p).then().extract().statusCode() == 200
                                && instance(p).getBoolean("IsLastCheckValid")));
        Await.until("a warning naming the reporting server and the bad host", Duration.ofSeconds(10),
                () -> warnings.stream().anyMatch(w -> w.contains("127.0.0.1:" + primary)
                        && w.contains("not a valid host name or address") && w.contains("touch")));
        assertTrue(instance(primary).getBoolean("IsLastCheckValid"), "the reporting server's probe succeeds");
        List<Map<String, Object>> replicas = instance(primary).getList("Replicas");
        assertEquals(2, replicas.size(), replicas.toString());
        List<Object> all = given().get("/api/all-instances").then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals(3, all.size(), "the hostile replica is neither crawled nor stored");
        assertFalse(Files.exists(marker), "a reported host ran a command");

        Await.until("the detected alias registered", Duration.ofSeconds(15),
                () -> HostileInputTestProfile.ALIAS.equals(given().get("/api/cluster-info/127.0.0.1:" + primary)
                        .then().extract().jsonPath().getString("ClusterAlias")));

        given().get("/api/graceful-master-takeover-auto/127.0.0.1:" + primary + "/127.0.0.1/" + designated).then()
                .statusCode(200).body("Details.SuccessorKey.Port", equalTo(designated));
        Await.until("the old primary replicating from the new one as repl2", Duration.ofSeconds(20), () -> {
            String status = sandbox.sql(primary, "SHOW SLAVE STATUS\\G");
            return status.contains("Master_Port: " + designated) && status.contains("Master_User: repl2")
                    && status.contains("Slave_IO_Running: Yes") && status.contains("Slave_SQL_Running: Yes");
        });

        assertFalse(Files.exists(marker), "the alias ran a command in a hook");
        String alias = HostileInputTestProfile.ALIAS + "\n";
        assertEquals(alias, Files.readString(HostileInputTestProfile.DIR.resolve("alias-placeholder")));
        assertEquals(alias, Files.readString(HostileInputTestProfile.DIR.resolve("alias-env")));
        for (String line : Files.readAllLines(HostileInputTestProfile.DIR.resolve("env"))) {
            String name = line.contains("=") ? line.substring(0, line.indexOf('=')) : "";
            assertTrue(name.isEmpty() || List.of("PATH", "HOME", "PWD", "SHLVL", "_").contains(name)
                    || name.startsWith("ORC_"), "hook environment holds " + line);
        }

        String everything = given().get("/api/audit-recovery").then().statusCode(200).extract().asString()
                + given().get("/api/audit").then().extract().asString();
        for (Object uid : given().get("/api/audit-recovery").then().extract().jsonPath().getList("UID")) {
            everything += given().get("/api/audit-recovery-steps/" + uid).then().statusCode(200).extract().asString();
        }
        assertTrue(everything.toLowerCase(java.util.Locale.ROOT).contains("graceful"), everything);
        assertFalse(everything.contains("ss\\w0rd") || everything.contains("ss\\\\w0rd"), everything);
        assertTrue(sandbox.ports().contains(hostile));

        // a replica told to replicate from a "host" that is a shell command: its probe records the
        // error and that host is never crawled
        String hostileMaster = "m;touch " + marker;
        sandbox.sql(sibling, "STOP SLAVE; CHANGE MASTER TO MASTER_HOST = '" + hostileMaster + "'; START SLAVE");
        Await.until("the bad Master_Host recorded as the replica's error", Duration.ofSeconds(15), () -> {
            JsonPath i = instance(sibling);
            return !i.getBoolean("IsLastCheckValid") && i.getString("LastCheckError").contains("Master_Host")
                    && i.getString("LastCheckError").contains("not a valid host name or address");
        });
        assertEquals(3, given().get("/api/all-instances").then().extract().jsonPath().getList("$").size());
        assertFalse(Files.exists(marker), "a reported primary ran a command");
    }
}
