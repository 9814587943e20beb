package io.quorch.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Adds the orchestrator-style JSON file named by {@code quorch.config} (the QUORCH_CONFIG
 * environment variable or {@code -Dquorch.config=FILE}) to the configuration.
 */
public class OrchestratorJsonConfigSourceFactory implements ConfigSourceFactory {

    public static final String CONFIG_FILE_PROPERTY = "quorch.config";
    static final String LISTEN_ADDRESS_PROPERTY = "quorch.api.listen-address";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<ConfigSource> sources = new ArrayList<>();
        ConfigValue file = context.getValue(CONFIG_FILE_PROPERTY);
        if (file != null && file.getValue() != null && !file.getValue().isBlank()) {
            sources.add(OrchestratorJsonConfigSource.load(Path.of(file.getValue().trim())));
        }
        // ListenAddress from an environment variable (QUORCH_API_LISTEN_ADDRESS) or a system
        // property (sources above the file) sets the HTTP host and port too, over the file's
        ConfigValue listen = context.getValue(LISTEN_ADDRESS_PROPERTY);
        if (listen != null && listen.getValue() != null && !listen.getValue().isBlank()
                && listen.getSourceOrdinal() > OrchestratorJsonConfigSource.ORDINAL) {
            try {
                ListenAddress parsed = ListenAddress.parse(listen.getValue().trim());
                sources.add(new PropertiesConfigSource(Map.of("quarkus.http.host", parsed.host(), "quarkus.http.port",
                        Integer.toString(parsed.port())), "ListenAddress[" + listen.getSourceName() + "]",
                        OrchestratorJsonConfigSource.ORDINAL + 1));
            } catch (IllegalArgumentException e) {
                throw new ConfigProblemsException(List.of("ListenAddress: " + e.getMessage() + ", got \""
                        + listen.getValue() + "\""));
            }
        }
        return sources;
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(OrchestratorJsonConfigSource.ORDINAL);
    }
}
