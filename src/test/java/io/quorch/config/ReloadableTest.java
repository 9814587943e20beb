package io.quorch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.domain.InstanceKey;

/** Reading the reloadable settings from raw property values, and the reload's file checks. */
class ReloadableTest {

    static Reloadable read(Map<String, String> raw, List<String> problems) {
        return Reloadable.read(raw::get, problems);
    }

    @Test
    void defaultsWhenNothingIsSet() {
        List<String> problems = new ArrayList<>();
        assertEquals(Reloadable.DEFAULTS, read(Map.of(), problems));
        assertEquals(List.of(), problems);
        assertEquals(10, Reloadable.DEFAULTS.reasonableReplicationLagSeconds());
    }

    @Test
    void readsListsThresholdAndQueries() {
        List<String> problems = new ArrayList<>();
        Reloadable r = read(Map.of("quorch.discovery.ignore-replica-hostname-filters", "^x{2\\,3}-db,:23309$",
                "quorch.analysis.reasonable-replication-lag-seconds", "30",
                "quorch.discovery.promotion-rule-query", "SELECT rule FROM meta.promotion"), problems);
        assertEquals(List.of(), problems);
        assertTrue(r.discoveryIgnoreReplica().matches(new InstanceKey("h", 23309)));
        // a comma inside a filter survives the list syntax
        assertTrue(r.discoveryIgnoreReplica().matches(new InstanceKey("xx-db", 1)));
        assertEquals(30, r.reasonableReplicationLagSeconds());
        assertEquals(Optional.of("SELECT rule FROM meta.promotion"), r.promotionRuleQuery());
        assertEquals(Optional.empty(), r.replicationLagQuery());
    }

    @Test
    void everyProblemIsNamedByItsOrchestratorKey() {
        List<String> problems = new ArrayList<>();
        read(Map.of("quorch.analysis.reasonable-replication-lag-seconds", "-1",
                "quorch.analysis.recovery-ignore-hostname-filters", "(unclosed"), problems);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("ReasonableReplicationLagSeconds: ")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("RecoveryIgnoreHostnameFilters: ")), problems.toString());
    }

    @Test
    void theReloadableKeysAreListedAsUsersWriteThem() {
        assertTrue(Reloadable.KEYS.contains("DiscoveryIgnoreReplicaHostnameFilters"));
        assertTrue(Reloadable.KEYS.contains("ReasonableReplicationLagSeconds"));
        assertTrue(Reloadable.KEYS.contains("ReplicationLagQuery"));
        assertEquals(Reloadable.PROPERTIES.size(), Reloadable.KEYS.size());
    }

    @Test
    void aFileNamedInARequestIsCheckedAndEachProblemNamed(@TempDir Path dir) throws Exception {
        assertProblem("", "config: the file name is empty");
        assertProblem("a\nb", "config: not a usable file name");
        assertProblem(dir.resolve("missing.json").toString(), "no such file");
        assertProblem("/etc/shadow", "not a .json file");
        Path directory = java.nio.file.Files.createDirectories(dir.resolve("d.json"));
        assertProblem(directory.toString(), "not a regular file");
        Path ok = Files.writeString(dir.resolve("ok.json"), "{}");
        assertEquals(ok, ReloadableSettings.checkedFile(ok.toString()));
    }

    private static void assertProblem(String name, String expected) {
        var e = assertThrows(ConfigProblemsException.class, () -> ReloadableSettings.checkedFile(name));
        assertTrue(e.problems().get(0).contains(expected), e.problems().toString());
    }

    @Test
    void aParseErrorOfARequestedFileNeverQuotesItsContent() {
        assertEquals("configuration file /x/a.json is not valid JSON (line 1, column 5)",
                ReloadableSettings.withoutContent("configuration file /x/a.json is not valid JSON (line 1, column 5):"
                        + " Unrecognized token 'root:secret'"));
        assertEquals("RaftEnabled: expected true or false, got \"yes\"",
                ReloadableSettings.withoutContent("RaftEnabled: expected true or false, got \"yes\""));
    }

    @Test
    void aNodeWithoutConfigurationRefusesToReload() {
        var settings = new ReloadableSettings(Reloadable.DEFAULTS);
        assertThrows(ConfigProblemsException.class, () -> settings.reload(null));
        assertEquals(Reloadable.DEFAULTS, settings.get());
    }
}
