package io.quorch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.testing.Ports;
import io.quorch.testing.QuorchProcess;
import io.quorch.testing.Sandbox;

/** quorch on a real MariaDB backend that dies under it: unhealthy at once, then it bails out. */
class BackendLostIT {

    @TempDir
    Path dir;

    @Test
    void reportsTheLostBackendThenExitsAfterTheBailOutPeriod() throws Exception {
        try (Sandbox backend = Sandbox.up("backend-lost", 0, false)) {
            int http = Ports.free();
            Path config = dir.resolve("quorch.conf.json");
            Files.writeString(config, """
                    {"BackendDB": "mysql", "MySQLOrchestratorHost": "127.0.0.1", "MySQLOrchestratorPort": %d,
                     "MySQLOrchestratorDatabase": "quorch_backend", "MySQLOrchestratorUser": "quorch",
                     "MySQLOrchestratorPassword": "quorch", "BackendBailOutSeconds": 4, "ListenAddress": ":%d"}
                    """.formatted(backend.primaryPort(), http));
            try (QuorchProcess q = QuorchProcess.start(config, dir, Map.of())) {
                String base = "http://127.0.0.1:" + http;
                var health = q.awaitHttp(base + "/api/health", 200, Duration.ofSeconds(60));
                assertTrue(health.body().contains("\"Backend\":\"mysql\""), health.body());
                int newest = io.quorch.store.sql.Migrations.all().get(io.quorch.store.sql.Migrations.all().size() - 1)
                        .version();
                assertEquals(Integer.toString(newest), backend.sql(backend.primaryPort(),
                        "SELECT MAX(version) FROM quorch_backend.quorch_schema"));

                backend.kill(backend.primaryPort());
                var unhealthy = q.awaitHttp(base + "/api/health", 500, Duration.ofSeconds(10));
                assertTrue(unhealthy.body().contains("\"Code\":\"ERROR\""), unhealthy.body());
                q.awaitHttp(base + "/q/health/ready", 503, Duration.ofSeconds(5));

                assertEquals(StartupFailure.EXIT_BACKEND, q.awaitExit(Duration.ofSeconds(30)), q.output());
                assertTrue(q.output().contains("backend lost for"), q.output());
            }
        }
    }
}
