package io.quorch.security;

import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quorch.testing.SandboxAccess;

/**
 * Credentials with every quoting character, a detected cluster alias that is a shell attack, and
 * takeover hooks that write what they were given.
 */
public class HostileInputTestProfile implements QuarkusTestProfile {

    public static final Path DIR = Path.of("target", "test-data", "hostile-" + ProcessHandle.current().pid())
            .toAbsolutePath();
    /** Short: it also goes into a report_host, which MariaDB limits to 60 characters. */
    public static final String MARKER = "/tmp/qh-" + ProcessHandle.current().pid();
    public static final String REPLICATION_PASSWORD = "p'a\"ss\\w0rd";
    public static final String ALIAS = "x;touch " + MARKER + " $(touch " + MARKER + ") `touch " + MARKER + "` ' \"";

    @Override
    public Map<String, String> getConfigOverrides() {
        return SandboxAccess.with(Map.ofEntries(
                Map.entry("quorch.mysql.replication-user", "repl2"),
                Map.entry("quorch.mysql.replication-password", REPLICATION_PASSWORD),
                Map.entry("quorch.discovery.cluster-alias-query", "SELECT CONCAT('x;touch ', '" + MARKER
                        + "', ' $(touch " + MARKER + ") `touch " + MARKER + "` ', CHAR(39), ' ', CHAR(34))"),
                Map.entry("quorch.recovery.hooks.pre-graceful-takeover",
                        "printf '%s\\\\n' {failureClusterAlias} > " + DIR.resolve("alias-placeholder") + ","
                                + "printf '%s\\\\n' \"$ORC_FAILURE_CLUSTER_ALIAS\" > " + DIR.resolve("alias-env") + ","
                                + "env > " + DIR.resolve("env")),
                // (a list property: SmallRye reads "\\" as one backslash and "\," as a comma that does not split)
                Map.entry("quorch.backend.sqlite-file", DIR.resolve("quorch.db").toString())));
    }
}
