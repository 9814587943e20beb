package io.quorch.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The log's format. Quarkus reads it for its console handler (application.properties sets
 * quarkus.log.console.json.enabled from it); QUARKUS_LOG_CONSOLE_JSON_ENABLED, when set, wins.
 */
@ConfigMapping(prefix = "quorch.log")
public interface LogConfig {

    /** EnableJSONLogs: one JSON object per log line on the console instead of plain text. Default false. */
    @WithDefault("false")
    boolean json();
}
