package io.quorch.refactor;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.quorch.testing.Await;
import io.quorch.testing.Sandbox;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** A real topology known to the quorch under test, and what the refactoring tests ask of it. */
final class RefactorFixture implements AutoCloseable {

    final Sandbox sandbox;
    private final AtomicInteger rows = new AtomicInteger();

    RefactorFixture(Sandbox sandbox) {
        this.sandbox = sandbox;
        given().get("/api/discover/127.0.0.1/" + sandbox.primaryPort()).then().statusCode(200);
        Await.until("all instances known and valid", Duration.ofSeconds(15), () -> sandbox.ports().stream()
                .allMatch(p -> given().get("/api/instance/127.0.0.1/" + p).then().extract().statusCode() == 200
                        && instance(p).getBoolean("IsLastCheckValid")));
        sandbox.sql(sandbox.primaryPort(), "CREATE DATABASE quorch_test; CREATE TABLE quorch_test.t (id INT PRIMARY KEY)");
        rowReachesEveryServer();
    }

    static JsonPath instance(int port) {
        return given().get("/api/instance/127.0.0.1/" + port).then().extract().jsonPath();
    }

    /** GET /api/{route}/127.0.0.1/{port}[/127.0.0.1/{other}]. */
    static Response call(String route, int port, Integer other) {
        return given().get("/api/" + route + "/127.0.0.1/" + port + (other == null ? "" : "/127.0.0.1/" + other));
    }

    /** The call succeeds with orchestrator's envelope; returns it. */
    static JsonPath ok(String route, int port, Integer other) {
        Response r = call(route, port, other);
        assertEquals(200, r.statusCode(), route + " answered " + r.asString());
        JsonPath json = r.jsonPath();
        assertEquals("OK", json.getString("Code"), r.asString());
        return json;
    }

    /** The call is refused with a 4xx and orchestrator's error envelope; returns the message. */
    static String refused(String route, int port, Integer other) {
        Response r = call(route, port, other);
        assertEquals(400, r.statusCode(), route + " answered " + r.asString());
        assertEquals("ERROR", r.jsonPath().getString("Code"));
        return r.jsonPath().getString("Message");
    }

    /** Where each server replicates from, as the server itself says (0 for none). */
    Map<Integer, Integer> masters() {
        Map<Integer, Integer> m = new LinkedHashMap<>();
        for (int p : sandbox.ports()) {
            String status = sandbox.sql(p, "SHOW SLAVE STATUS\\G");
            m.put(p, status.isBlank() ? 0 : Integer.parseInt(field(status, "Master_Port")));
        }
        return m;
    }

    /** The replica replicates from master, both threads running, by GTID or not as given. */
    void assertReplicatesFrom(int replica, int master, boolean gtid) {
        Await.until(replica + " replicating from " + master, Duration.ofSeconds(15), () -> {
            String s = sandbox.sql(replica, "SHOW SLAVE STATUS\\G");
            return field(s, "Master_Port").equals(Integer.toString(master)) && field(s, "Slave_IO_Running").equals("Yes")
                    && field(s, "Slave_SQL_Running").equals("Yes")
                    && field(s, "Using_Gtid").equals(gtid ? "Slave_Pos" : "No")
                    && field(s, "Master_User").equals("repl");
        });
    }

    /** A row written on the primary reaches every server. */
    void rowReachesEveryServer() {
        int id = rows.incrementAndGet();
        sandbox.sql(sandbox.primaryPort(), "INSERT INTO quorch_test.t VALUES (" + id + ")");
        for (int p : sandbox.ports()) {
            Await.until("row " + id + " on " + p, Duration.ofSeconds(15),
                    () -> sandbox.sql(p, "SELECT COUNT(*) FROM quorch_test.t").equals(Integer.toString(id)));
        }
    }

    static String field(String vertical, String name) {
        for (String line : vertical.split("\n")) {
            String t = line.trim();
            if (t.startsWith(name + ":")) {
                return t.substring(name.length() + 1).trim();
            }
        }
        return "";
    }

    @Override
    public void close() {
        for (int port : sandbox.ports()) {
            given().get("/api/forget/127.0.0.1/" + port);
        }
        sandbox.close();
    }
}
