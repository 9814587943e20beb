package io.quorch.store;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Cluster aliases: detected ones (DetectClusterAliasQuery) and manual overrides, which win. */
public interface ClusterAliasStore {

    /** Sets an alias; a detected alias never replaces a manual one. */
    void setAlias(String clusterName, String alias, boolean manual, Instant at);

    Optional<String> alias(String clusterName);

    Optional<String> clusterByAlias(String alias);

    Map<String, String> all();

    void forget(String clusterName);
}
