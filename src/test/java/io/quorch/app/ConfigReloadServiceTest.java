package io.quorch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.config.OrchestratorJsonConfigSource;
import io.quorch.config.OrchestratorJsonConfigSourceFactory;
import io.quorch.config.ReloadableSettings;
import io.quorch.consensus.CommandApplier;
import io.quorch.consensus.ReplicatedCommand;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.NodeIdentity;
import io.quorch.store.NodeStateStore;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** How a node that did not take the request carries out a reload it finds in its state (applied by the raft log). */
class ConfigReloadServiceTest {

    static final Instant STARTED = Instant.parse("2026-12-01T12:00:00Z");
    static final InstanceKey BACKUP = new InstanceKey("db-backup", 3306);

    final Map<String, String> state = new HashMap<>();
    final NodeStateStore nodeState = new NodeStateStore() {
        @Override
        public void put(String name, String value) {
            state.put(name, value);
        }

        @Override
        public Optional<String> get(String name) {
            return Optional.ofNullable(state.get(name));
        }
    };

    ReloadableSettings settings(Path file) {
        return new ReloadableSettings(new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of(OrchestratorJsonConfigSourceFactory.CONFIG_FILE_PROPERTY,
                        file.toString()), "sys", 400))
                .withSources(OrchestratorJsonConfigSource.load(file)).build());
    }

    /** The log's apply, as every node runs it: it only records the request. */
    void applied(ReplicatedCommand.ReloadConfiguration command) {
        new CommandApplier(null, null, null, null, null, null, nodeState, null, forgotten -> { })
                .apply(command, 7);
    }

    @Test
    void aRequestRecordedByTheLogIsCarriedOutOnceAndOneFromBeforeTheStartIsNot(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("q.json"), "{\"DiscoveryIgnoreHostnameFilters\": []}");
        ReloadableSettings settings = settings(file);
        var service = new ConfigReloadService(settings, nodeState, null, new NodeIdentity("n1", "t", "v", STARTED));
        Files.writeString(file, "{\"DiscoveryIgnoreHostnameFilters\": [\"backup\"]}");

        applied(new ReplicatedCommand.ReloadConfiguration(null, STARTED.minusSeconds(60)));
        service.applyPending();
        assertFalse(settings.get().discoveryIgnore().matches(BACKUP), "a request older than this process: read at start");

        applied(new ReplicatedCommand.ReloadConfiguration(null, STARTED.plusSeconds(60)));
        service.applyPending();
        assertTrue(settings.get().discoveryIgnore().matches(BACKUP));

        // carried out once: a later edit of the file waits for the next request
        Files.writeString(file, "{\"DiscoveryIgnoreHostnameFilters\": []}");
        service.applyPending();
        assertTrue(settings.get().discoveryIgnore().matches(BACKUP));
    }

    @Test
    void aFileThisNodeCannotReadKeepsItsSettings(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("q.json"), "{\"DiscoveryIgnoreHostnameFilters\": [\"backup\"]}");
        ReloadableSettings settings = settings(file);
        var service = new ConfigReloadService(settings, nodeState, null, new NodeIdentity("n1", "t", "v", STARTED));
        var before = settings.get();
        applied(new ReplicatedCommand.ReloadConfiguration(dir.resolve("only-on-the-leader.json").toString(),
                STARTED.plusSeconds(60)));
        service.applyPending();
        assertEquals(before, settings.get());
        assertTrue(state.get(CommandApplier.CONFIG_RELOAD).endsWith(" " + dir.resolve("only-on-the-leader.json")));
    }
}
