package io.quorch.config;

import java.util.List;
import java.util.Optional;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

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

    /** DiscoverySeeds: servers ("host" or "host:port") probed at start. */
    Optional<List<String>> seeds();

    /** DefaultInstancePort: the port of a server named without one. Default 3306. */
    @WithDefault("3306")
    @Min(value = 1, message = "must be from 1 to 65535, got ${validatedValue}")
    @Max(value = 65535, message = "must be from 1 to 65535, got ${validatedValue}")
    int defaultInstancePort();

    /** DiscoveryIgnoreHostnameFilters: servers never discovered (reloadable: see ReloadableSettings). */
    Optional<List<String>> ignoreHostnameFilters();

    /** DiscoveryIgnoreReplicaHostnameFilters: replicas not followed from their primary (reloadable). */
    Optional<List<String>> ignoreReplicaHostnameFilters();

    /** DiscoveryIgnoreMasterHostnameFilters: primaries not followed from a replica (reloadable). */
    Optional<List<String>> ignoreMasterHostnameFilters();

    /** HostnameResolveMethod: "none" or "default" (both keep the name as given). Default "default". */
    @WithDefault("default")
    @Pattern(regexp = "none|default", message = "must be \"none\" or \"default\" (quorch keeps host names as"
            + " given; \"cname\" and \"ip\" are not supported), got \"${validatedValue}\"")
    String hostnameResolveMethod();

    /**
     * MySQLHostnameResolveMethod: "none" (a server is known by the name it is reached by),
     * "@@report_host" or "@@hostname" (by the name it declares there, when set and resolvable).
     * Default "none" (orchestrator's default is "@@hostname": quorch does not rename servers unasked).
     */
    @WithDefault("none")
    @Pattern(regexp = "none|@@report_host|@@hostname", message = "must be \"none\", \"@@report_host\" or"
            + " \"@@hostname\", got \"${validatedValue}\"")
    String mysqlHostnameResolveMethod();

    /** ReplicationLagQuery (SlaveLagQuery): a replica's lag in seconds, instead of Seconds_Behind_Master (reloadable). */
    Optional<String> replicationLagQuery();

    /** DetectPromotionRuleQuery: a server's promotion rule (reloadable). */
    Optional<String> promotionRuleQuery();

    /** DetectInstanceAliasQuery: a server's alias (reloadable). */
    Optional<String> instanceAliasQuery();

    /** DetectSemiSyncEnforcedQuery: 0 or 1, semi-sync enforced (reloadable). */
    Optional<String> semiSyncEnforcedQuery();

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

    /** UnseenInstanceForgetHours: servers not seen for this long are forgotten (by the leader). Default 240. */
    @WithDefault("240")
    @Min(value = 1, message = "must be at least 1, got ${validatedValue}")
    int unseenInstanceForgetHours();

    /**
     * SharedProbeCopies: in a raft group, how many nodes probe each replica (1 or 2); the others
     * learn its state from them. 0: every node probes every server. Primaries and intermediate
     * primaries are probed by every node whatever this says. Default 1.
     */
    @WithDefault("1")
    @Min(value = 0, message = "must be 0 (every node probes everything), 1 or 2, got ${validatedValue}")
    @Max(value = 2, message = "must be 0 (every node probes everything), 1 or 2, got ${validatedValue}")
    int sharedProbeCopies();

    /**
     * NodeDataCenter: the data center this quorch node runs in; with SharedProbeCopies 2 the two
     * nodes probing a replica are chosen in different data centers when the group spans several.
     */
    Optional<String> nodeDataCenter();
}
