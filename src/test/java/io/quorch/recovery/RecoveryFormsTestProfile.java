package io.quorch.recovery;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quorch.testing.SandboxAccess;

/**
 * No automated recovery (every recovery is asked for), regions by DetectRegionQuery (the first replica of a sandbox,
 * on its base port + 1, is "far"; every other server "near") with PreventCrossRegionMasterFailover, and a 30-minute
 * lost-in-recovery downtime.
 */
public class RecoveryFormsTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return SandboxAccess.with(Map.ofEntries(
                Map.entry("quorch.mysql.replication-user", "repl"),
                Map.entry("quorch.mysql.replication-password", "repl"),
                Map.entry("quorch.discovery.region-query", "SELECT IF(@@port % 100 = 1, 'far', 'near')"),
                Map.entry("quorch.recovery.prevent-cross-region", "true"),
                Map.entry("quorch.recovery.lost-instances-downtime-minutes", "30"),
                Map.entry("quorch.backend.sqlite-file", RecoveryTestProfile.DIR.resolve("recovery-forms-it-"
                        + System.nanoTime() + ".db").toString())));
    }
}
