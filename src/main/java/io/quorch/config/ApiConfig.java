package io.quorch.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The HTTP API. */
@ConfigMapping(prefix = "quorch.api")
public interface ApiConfig {

    /** ListenAddress: "host:port" or ":port" (all interfaces). Default ":3000". */
    @WithDefault(":3000")
    String listenAddress();

    /** HTTPAdvertise: the URL other nodes and clients use to reach this node's API. Default: derived. */
    Optional<String> httpAdvertise();
}
