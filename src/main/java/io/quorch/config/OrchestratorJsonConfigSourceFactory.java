package io.quorch.config;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;

/**
 * Adds the orchestrator-style JSON file named by {@code quorch.config} (the QUORCH_CONFIG
 * environment variable or {@code -Dquorch.config=FILE}) to the configuration.
 */
public class OrchestratorJsonConfigSourceFactory implements ConfigSourceFactory {

    public static final String CONFIG_FILE_PROPERTY = "quorch.config";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue file = context.getValue(CONFIG_FILE_PROPERTY);
        if (file == null || file.getValue() == null || file.getValue().isBlank()) {
            return List.of();
        }
        return List.of(OrchestratorJsonConfigSource.load(Path.of(file.getValue().trim())));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(OrchestratorJsonConfigSource.ORDINAL);
    }
}
