package io.quorch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.domain.InstanceKey;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** A reload re-reads the start file, layers another on top, keeps environment overrides, and is all or nothing. */
class ReloadableSettingsTest {

    static final InstanceKey BACKUP = new InstanceKey("db-backup", 3306);

    static ReloadableSettings start(Path file, Map<String, String> environment) {
        var config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of(OrchestratorJsonConfigSourceFactory.CONFIG_FILE_PROPERTY,
                        file.toString()), "sys", 400))
                .withSources(new PropertiesConfigSource(environment, "env", 300))
                .withSources(OrchestratorJsonConfigSource.load(file)).build();
        return new ReloadableSettings(config);
    }

    @Test
    void aReloadChangesAFilterWithoutRestart(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("q.json"), """
                {"DiscoveryIgnoreReplicaHostnameFilters": [], "InstancePollSeconds": 5}""");
        ReloadableSettings settings = start(file, Map.of());
        assertFalse(settings.get().discoveryIgnoreReplica().matches(BACKUP));
        Files.writeString(file, """
                {"DiscoveryIgnoreReplicaHostnameFilters": ["backup"], "InstancePollSeconds": 1}""");
        var outcome = settings.reload(null);
        assertTrue(settings.get().discoveryIgnoreReplica().matches(BACKUP));
        assertEquals(List.of("InstancePollSeconds", "DiscoveryIgnoreReplicaHostnameFilters"), outcome.changed());
        assertEquals(List.of("InstancePollSeconds"), outcome.needRestart());
    }

    @Test
    void aLayeredFileWinsOverTheStartFileAndTheEnvironmentWinsOverBoth(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("q.json"), """
                {"ReasonableReplicationLagSeconds": 10, "ProblemIgnoreHostnameFilters": ["one"]}""");
        ReloadableSettings settings = start(file, Map.of("quorch.analysis.reasonable-replication-lag-seconds", "99"));
        assertEquals(99, settings.get().reasonableReplicationLagSeconds());
        Path extra = Files.writeString(dir.resolve("extra.json"), """
                {"ReasonableReplicationLagSeconds": 30, "ProblemIgnoreHostnameFilters": ["backup"]}""");
        settings.reload(extra.toString());
        assertEquals(99, settings.get().reasonableReplicationLagSeconds());
        assertTrue(settings.get().problemIgnore().matches(BACKUP));
        // a reload without the extra file returns to the start file
        settings.reload(null);
        assertFalse(settings.get().problemIgnore().matches(BACKUP));
    }

    @Test
    void aBadFileChangesNothingAndEveryProblemIsNamed(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("q.json"), """
                {"DiscoveryIgnoreHostnameFilters": ["backup"]}""");
        ReloadableSettings settings = start(file, Map.of());
        Reloadable before = settings.get();
        Files.writeString(file, """
                {"DiscoveryIgnoreHostnameFilters": ["db[1"], "ReasonableReplicationLagSeconds": -4}""");
        var e = assertThrows(ConfigProblemsException.class, () -> settings.reload(null));
        assertEquals(2, e.problems().size(), e.problems().toString());
        assertEquals(before, settings.get());
        Files.writeString(file, "{not json");
        assertThrows(ConfigProblemsException.class, () -> settings.reload(null));
        Files.writeString(file, """
                {"SSLSkipVerify": false, "OAuthClientId": "x"}""");
        var refused = assertThrows(ConfigProblemsException.class, () -> settings.check(null));
        assertTrue(refused.problems().get(0).startsWith("OAuthClientId"), refused.problems().toString());
        assertEquals(before, settings.get());
    }
}
