package io.quorch.sim;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** One quorch over a simulated fleet: a two-second poll, recovery on for every cluster, its own backend file. */
public class ScaleTestProfile implements QuarkusTestProfile {

    public static final double POLL_SECONDS = 2;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quorch.discovery.instance-poll-seconds", Double.toString(POLL_SECONDS),
                "quorch.mysql.user", "quorch",
                "quorch.mysql.password", "quorch",
                "quorch.mysql.connect-timeout-seconds", "1",
                "quorch.mysql.read-timeout-seconds", "2",
                "quorch.recovery.master-cluster-filters", "*",
                "quorch.recovery.intermediate-master-cluster-filters", "*",
                "quorch.backend.sqlite-file", "target/test-data/scale-it-" + ProcessHandle.current().pid() + ".db");
    }
}
