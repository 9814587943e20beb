package io.quorch.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Cluster aliases: detected ones (DetectClusterAliasQuery) and manual overrides, which win. */
public interface ClusterAliasStore {

    /** Sets an alias; a detected alias never replaces a manual one. */
    void setAlias(String clusterName, String alias, boolean manual, Instant at);

    Optional<String> alias(String clusterName);

    /** The cluster an alias names, a manual alias first, then the most recently registered. */
    default Optional<String> clusterByAlias(String alias) {
        return clustersByAlias(alias).stream().findFirst();
    }

    /**
     * Every cluster the alias was ever registered for, a manual alias first, then the most recently
     * registered: a topology torn down and rebuilt under a new primary is a new cluster name, and
     * the old name keeps its alias row until it is forgotten.
     */
    List<String> clustersByAlias(String alias);

    Map<String, String> all();

    void forget(String clusterName);
}
