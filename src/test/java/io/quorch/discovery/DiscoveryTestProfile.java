package io.quorch.discovery;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quorch.testing.SandboxAccess;

/** Fast polling and the sandbox's topology credentials. */
public class DiscoveryTestProfile implements QuarkusTestProfile {

    public static final double POLL_SECONDS = 0.5;

    @Override
    public Map<String, String> getConfigOverrides() {
        return SandboxAccess.with(Map.of(
                "quorch.discovery.instance-poll-seconds", Double.toString(POLL_SECONDS),
                "quorch.mysql.read-timeout-seconds", "2",
                "quorch.discovery.cluster-alias-query", "SELECT CONCAT('sandbox-', @@global.port)",
                // one file per test run: a manual alias left by an earlier run would win over the detected one
                "quorch.backend.sqlite-file", "target/test-data/discovery-it-" + ProcessHandle.current().pid() + ".db"));
    }
}
