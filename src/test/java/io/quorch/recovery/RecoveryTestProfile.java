package io.quorch.recovery;

import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quorch.testing.SandboxAccess;

/** Fast polling, recovery on for every cluster, hooks that write what they were given to a file. */
public class RecoveryTestProfile implements QuarkusTestProfile {

    public static final Path DIR = Path.of("target", "test-data").toAbsolutePath();
    public static final Path HOOKS_LOG = DIR.resolve("recovery-hooks.log");
    /** While this file exists, the PreFailoverProcesses hook fails. */
    public static final Path BLOCK_FILE = DIR.resolve("block-failover");

    @Override
    public Map<String, String> getConfigOverrides() {
        return SandboxAccess.with(Map.ofEntries(
                Map.entry("quorch.mysql.replication-user", "repl"),
                Map.entry("quorch.mysql.replication-password", "repl"),
                Map.entry("quorch.recovery.master-cluster-filters", "*"),
                Map.entry("quorch.recovery.intermediate-master-cluster-filters", "*"),
                Map.entry("quorch.recovery.period-block-seconds", "3600"),
                Map.entry("quorch.recovery.hooks.pre-failover",
                        "test ! -f " + BLOCK_FILE + " || { echo blocked by test; exit 1; },"
                                + "echo pre {failureType} {failedHost}:{failedPort} {countReplicas} >> " + HOOKS_LOG),
                Map.entry("quorch.recovery.hooks.post-master-failover",
                        "echo post {failureType} {failedHost}:{failedPort} {successorHost}:{successorPort}"
                                + " $ORC_IS_SUCCESSFUL >> " + HOOKS_LOG),
                Map.entry("quorch.recovery.hooks.post-unsuccessful-failover",
                        "echo unsuccessful {failureType} {failedHost}:{failedPort} >> " + HOOKS_LOG),
                Map.entry("quorch.backend.sqlite-file", DIR.resolve("recovery-it-" + System.nanoTime() + ".db").toString())));
    }
}
