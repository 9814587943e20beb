package io.quorch.control;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quorch.testing.SandboxAccess;

/** Fast polling, the sandbox's credentials, a fresh backend of its own for each run. */
public class ReplicationControlTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return SandboxAccess.with(Map.of(
                "quorch.mysql.read-timeout-seconds", "2",
                "quorch.backend.sqlite-file", java.nio.file.Path.of("target", "test-data")
                        .toAbsolutePath().resolve("replication-control-it-" + System.nanoTime() + ".db").toString()));
    }
}
