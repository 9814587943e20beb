package io.quorch.metrics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** /q/metrics and /q/openapi as the running application serves them, with authentication on. */
@QuarkusTest
@TestProfile(MetricsEndpointTestProfile.class)
class MetricsEndpointTest {

    private static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    @Test
    void prometheusScrapesWithoutCredentialsAndSeesQuorchsAndQuarkusFigures() throws Exception {
        // an API call to a route with path parameters, so the HTTP figures have one
        given().auth().preemptive().basic(MetricsEndpointTestProfile.USER, MetricsEndpointTestProfile.PASSWORD)
                .get("/api/instance/db-secret-name.example/3306").then().statusCode(404);
        String metrics = scrape();
        assertTrue(metrics.contains("quorch_leader 1.0"), "a single node leads:\n" + metrics);
        assertTrue(metrics.contains("quorch_raft_role{role=\"leader\",} 1.0")
                || metrics.contains("quorch_raft_role{role=\"leader\"} 1.0"), metrics);
        assertTrue(metrics.contains("quorch_probes_total{outcome=\"ok\""), metrics);
        assertTrue(metrics.contains("quorch_instances{state=\"failing\""), metrics);
        assertTrue(metrics.contains("quorch_poll_interval_seconds"), metrics);
        assertTrue(metrics.contains("quorch_backend_duration_seconds_count{operation=\"query\""), metrics);
        assertTrue(metrics.contains("http_server_requests_seconds_count{"), metrics);
        // the process' own meters, bound at the first scrape (JvmMeters), are in that scrape's answer
        assertTrue(metrics.contains("jvm_memory_used_bytes{"), metrics);
        assertTrue(metrics.contains("process_uptime_seconds"), metrics);
        assertTrue(metrics.contains("system_cpu_count"), metrics);
        assertFalse(metrics.contains("db-secret-name"), "no label carries a server's name:\n" + metrics);

        // what the dashboard reads from Quarkus' own meters is served too
        Matcher m = Pattern.compile("\\b(?:http|jvm|process)_[a-z_]+").matcher(
                Files.readString(Path.of("deploy/grafana/quorch.json")));
        Set<String> missing = new TreeSet<>();
        while (m.find()) {
            if (!metrics.contains(m.group())) {
                missing.add(m.group());
            }
        }
        assertEquals(Set.of(), missing);
    }

    @Test
    void healthStaysOpenAndTheSwaggerUiIsForReaders() {
        given().get("/q/health/live").then().statusCode(200);
        // (served in dev and test mode only: RaftIT checks that the built jar has none)
        given().get("/q/swagger-ui/").then().statusCode(401);
    }

    @Test
    void theOpenApiDescriptionIsForReadersAndDescribesOrchestratorsRoutes() throws Exception {
        given().get("/q/openapi").then().statusCode(401).body("Code", equalTo("ERROR"))
                .header("WWW-Authenticate", equalTo("Basic realm=\"quorch\", charset=\"UTF-8\""));
        given().auth().preemptive().basic(MetricsEndpointTestProfile.USER, "wrong").get("/q/openapi").then()
                .statusCode(401);
        String json = given().auth().preemptive()
                .basic(MetricsEndpointTestProfile.USER, MetricsEndpointTestProfile.PASSWORD)
                .queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/openapi.json"), json);
        JsonPath doc = JsonPath.from(json);
        assertEquals("quorch", doc.getString("info.title"));
        Set<String> paths = doc.<String, Object>getMap("paths").keySet();
        for (String p : Set.of("/api/clusters", "/api/leader-check", "/api/instance/{host}/{port}",
                "/api/replication-analysis", "/api/audit-recovery")) {
            assertTrue(paths.contains(p), p + " in " + paths);
        }
        // fixed answers are typed: an instance has orchestrator's fields, the leader check a bare string
        assertEquals("#/components/schemas/Instance",
                doc.getString("paths.'/api/instance/{host}/{port}'.get.responses.'200'.content.'application/json'.schema.$ref"));
        assertEquals("#/components/schemas/Instance",
                doc.getString("paths.'/api/cluster/{clusterHint}'.get.responses.'200'.content.'application/json'.schema.items.$ref"));
        Map<String, Object> instance = doc.getMap("components.schemas.Instance.properties");
        for (String field : List.of("Key", "MasterKey", "ReadOnly", "ReplicationLagSeconds", "IsLastCheckValid",
                "ReplicationIOThreadRuning", "ClusterName")) {
            assertTrue(instance.containsKey(field), field + " in " + instance.keySet());
        }
        assertEquals("boolean", doc.getString("components.schemas.Instance.properties.ReadOnly.type"));
        assertEquals("OK", doc.getString("paths.'/api/leader-check'.get.responses.'200'.content.'application/json'.schema.enum[0]"));
        assertEquals("#/components/schemas/ApiResponse",
                doc.getString("paths.'/api/health'.get.responses.'200'.content.'application/json'.schema.$ref"));
    }
}
