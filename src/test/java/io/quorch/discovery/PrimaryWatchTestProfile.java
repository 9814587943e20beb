package io.quorch.discovery;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quorch.testing.SandboxAccess;

/** A 30-second poll, so that only the primaries' watch can make anything happen within seconds; recovery on. */
public class PrimaryWatchTestProfile implements QuarkusTestProfile {

    public static final int POLL_SECONDS = 30;

    @Override
    public Map<String, String> getConfigOverrides() {
        return SandboxAccess.with(Map.of(
                "quorch.discovery.instance-poll-seconds", Integer.toString(POLL_SECONDS),
                "quorch.discovery.primary-liveness-check-millis", "500",
                "quorch.mysql.replication-user", "repl",
                "quorch.mysql.replication-password", "repl",
                "quorch.recovery.master-cluster-filters", "*",
                "quorch.backend.sqlite-file", "target/test-data/primary-watch-it-" + System.nanoTime() + ".db"));
    }
}
