package io.quorch.config;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.smallrye.config.common.utils.StringUtil;

/**
 * The settings a running node re-reads on /api/reload-configuration, checked and parsed. Everything
 * else (ports, backend, raft, TLS, credentials of managed servers, hooks, poll interval) is fixed
 * at start: Quarkus binds those {@code @ConfigMapping}s once.
 */
public record Reloadable(
        HostnameFilters discoveryIgnore,
        HostnameFilters discoveryIgnoreReplica,
        HostnameFilters discoveryIgnoreMaster,
        HostnameFilters problemIgnore,
        HostnameFilters recoveryIgnore,
        int reasonableReplicationLagSeconds,
        Optional<String> replicationLagQuery,
        Optional<String> promotionRuleQuery,
        Optional<String> instanceAliasQuery,
        Optional<String> semiSyncEnforcedQuery,
        Optional<String> replicationCredentialsQuery) {

    /** The properties read here, in the order of {@link #KEYS}. */
    static final List<String> PROPERTIES = List.of(
            "quorch.discovery.ignore-hostname-filters",
            "quorch.discovery.ignore-replica-hostname-filters",
            "quorch.discovery.ignore-master-hostname-filters",
            "quorch.analysis.problem-ignore-hostname-filters",
            "quorch.analysis.recovery-ignore-hostname-filters",
            "quorch.analysis.reasonable-replication-lag-seconds",
            "quorch.discovery.replication-lag-query",
            "quorch.discovery.promotion-rule-query",
            "quorch.discovery.instance-alias-query",
            "quorch.discovery.semi-sync-enforced-query",
            "quorch.mysql.replication-credentials-query");

    /** The orchestrator keys that reload, as a user writes them. */
    public static final List<String> KEYS = PROPERTIES.stream().map(ConfigKeys::displayName).toList();

    public static final Reloadable DEFAULTS = new Reloadable(HostnameFilters.NONE, HostnameFilters.NONE,
            HostnameFilters.NONE, HostnameFilters.NONE, HostnameFilters.NONE, 10, Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty());

    /**
     * Reads the settings through lookup (a property's raw value, lists comma-separated with "\,"
     * for a comma), adding one line per problem; the result is only meaningful when none was added.
     */
    public static Reloadable read(Function<String, String> lookup, List<String> problems) {
        return new Reloadable(
                filters(lookup, PROPERTIES.get(0), problems),
                filters(lookup, PROPERTIES.get(1), problems),
                filters(lookup, PROPERTIES.get(2), problems),
                filters(lookup, PROPERTIES.get(3), problems),
                filters(lookup, PROPERTIES.get(4), problems),
                lagSeconds(lookup, PROPERTIES.get(5), problems),
                text(lookup, PROPERTIES.get(6)),
                text(lookup, PROPERTIES.get(7)),
                text(lookup, PROPERTIES.get(8)),
                text(lookup, PROPERTIES.get(9)),
                text(lookup, PROPERTIES.get(10)));
    }

    private static HostnameFilters filters(Function<String, String> lookup, String property, List<String> problems) {
        String raw = lookup.apply(property);
        if (raw == null || raw.isEmpty()) {
            return HostnameFilters.NONE;
        }
        return HostnameFilters.of(ConfigKeys.displayName(property), List.of(StringUtil.split(raw)), problems);
    }

    private static int lagSeconds(Function<String, String> lookup, String property, List<String> problems) {
        String raw = lookup.apply(property);
        if (raw == null || raw.isBlank()) {
            return DEFAULTS.reasonableReplicationLagSeconds();
        }
        try {
            int v = Integer.parseInt(raw.trim());
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(ConfigKeys.displayName(property) + ": must be a whole number of seconds, not negative, got \""
                + raw + "\"");
        return DEFAULTS.reasonableReplicationLagSeconds();
    }

    private static Optional<String> text(Function<String, String> lookup, String property) {
        return Optional.ofNullable(lookup.apply(property)).filter(s -> !s.isBlank());
    }
}
