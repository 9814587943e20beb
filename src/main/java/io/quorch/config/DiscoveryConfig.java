package io.quorch.config;

import java.util.List;
import java.util.Optional;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Discovery and polling of managed servers. */
@ConfigMapping(prefix = "quorch.discovery")
public interface DiscoveryConfig {

    /** InstancePollSeconds: how often every known server is probed; fractions such as 0.5 allowed. Default 5. */
    @WithDefault("5")
    @DecimalMin(value = "0", inclusive = false, message = "must be greater than 0, got ${validatedValue}")
    double instancePollSeconds();

    /** DiscoveryMaxConcurrency: probes in flight at once. Default 300. */
    @WithDefault("300")
    @Min(value = 1, message = "must be at least 1, got ${validatedValue}")
    int maxConcurrency();

    /**
     * PrimaryLivenessCheckMillis: how long a primary's watch connection may stay idle before it is
     * pinged; two missed pings in a row re-probe the primary and its replicas. 0 turns the watch
     * off. Default 500.
     */
    @WithDefault("500")
    @Min(value = 0, message = "must be 0 (off) or more, got ${validatedValue}")
    @Max(value = 60000, message = "must be at most 60000, got ${validatedValue}")
    int primaryLivenessCheckMillis();

    /** DiscoveryIgnoreHostnameFilters: regular expressions of host names never discovered. */
    Optional<List<String>> ignoreHostnameFilters();

    /** DetectClusterAliasQuery: a query run on the cluster's primary whose first column is the alias. */
    Optional<String> clusterAliasQuery();

    /** DetectDataCenterQuery: a query whose first column is the server's data center. */
    Optional<String> dataCenterQuery();

    /** DataCenterPattern: a regular expression whose first group, applied to the host name, is the data center. */
    Optional<String> dataCenterPattern();

    /** DetectRegionQuery. */
    Optional<String> regionQuery();

    /** RegionPattern. */
    Optional<String> regionPattern();

    /** DetectPhysicalEnvironmentQuery. */
    Optional<String> physicalEnvironmentQuery();

    /** PhysicalEnvironmentPattern. */
    Optional<String> physicalEnvironmentPattern();

    /** UnseenInstanceForgetHours: instances not seen for this long are forgotten. Default 240. */
    @WithDefault("240")
    @Min(value = 1, message = "must be at least 1, got ${validatedValue}")
    int unseenInstanceForgetHours();
}
