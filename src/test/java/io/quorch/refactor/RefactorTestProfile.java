package io.quorch.refactor;

import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quorch.testing.SandboxAccess;

/**
 * Detection only (no automated recovery), the sandbox's replication user for make-co-master, and a
 * ReasonableMaintenanceReplicationLagSeconds of 2 so a test can make a replica lag beyond it quickly.
 */
public class RefactorTestProfile implements QuarkusTestProfile {

    public static final int MAX_LAG_SECONDS = 2;

    @Override
    public Map<String, String> getConfigOverrides() {
        return SandboxAccess.with(Map.of(
                "quorch.mysql.replication-user", "repl",
                "quorch.mysql.replication-password", "repl",
                "quorch.recovery.reasonable-maintenance-lag-seconds", Integer.toString(MAX_LAG_SECONDS),
                "quorch.backend.sqlite-file", Path.of("target", "test-data", "refactor-it-" + System.nanoTime() + ".db")
                        .toAbsolutePath().toString()));
    }
}
