package io.quorch.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;

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
        OrchestratorJsonConfigSource json = null;
        if (file != null && file.getValue() != null && !file.getValue().isBlank()) {
            json = OrchestratorJsonConfigSource.load(Path.of(file.getValue().trim()));
            sources.add(json);
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
        // UseSSL and its files, from wherever they come, set Quarkus' HTTPS server and TLS registry
        List<String> problems = new ArrayList<>();
        Map<String, String> https = HttpsSettings.derive(effective(context, json), problems);
        if (!problems.isEmpty()) {
            throw new ConfigProblemsException(problems);
        }
        if (!https.isEmpty()) {
            sources.add(new PropertiesConfigSource(https, "HttpsSettings", OrchestratorJsonConfigSource.ORDINAL + 2));
        }
        return sources;
    }

    /** A property's value as the configuration will see it: sources above the file, the file, then the rest. */
    private static Function<String, String> effective(ConfigSourceContext context, OrchestratorJsonConfigSource json) {
        return name -> {
            ConfigValue v = context.getValue(name);
            if (v != null && v.getValue() != null && v.getSourceOrdinal() > OrchestratorJsonConfigSource.ORDINAL) {
                return v.getValue();
            }
            if (json != null && json.getValue(name) != null) {
                return json.getValue(name);
            }
            return v == null ? null : v.getValue();
        };
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(OrchestratorJsonConfigSource.ORDINAL);
    }
}
