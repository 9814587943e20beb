package io.quorch.api;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quorch.analysis.FleetView;
import io.quorch.api.dto.ClusterInfo;
import io.quorch.api.dto.InstanceJson;
import io.quorch.config.RecoveryConfig;
import io.quorch.discovery.DiscoveryService;
import io.quorch.config.Reloadable;
import io.quorch.config.ReloadableSettings;
import io.quorch.domain.Downtime;
import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.Maintenance;
import io.quorch.domain.PromotionRule;
import io.quorch.domain.ReplicationStatus;
import io.quorch.store.CandidateStore;
import io.quorch.store.ClusterAliasStore;
import io.quorch.store.DowntimeStore;
import io.quorch.store.InstanceStore;
import io.quorch.store.MaintenanceStore;

/** What the read API needs from the store: arguments checked, hints resolved, JSON shaped. */
@ApplicationScoped
public class ClusterLookup {

    private final InstanceStore instances;
    private final ClusterAliasStore aliases;
    private final DiscoveryService discovery;
    private final RecoveryConfig recovery;
    private final DowntimeStore downtimes;
    private final CandidateStore candidates;
    /** null outside CDI when built without one: no instance is then shown in maintenance. */
    private final MaintenanceStore maintenance;
    private final ReloadableSettings settings;
    /** The servers as this node knows them: in memory in the application. */
    private final FleetView fleet;

    public ClusterLookup(InstanceStore instances, ClusterAliasStore aliases, DiscoveryService discovery,
            RecoveryConfig recovery, DowntimeStore downtimes, CandidateStore candidates, ReloadableSettings settings) {
        this(instances, aliases, discovery, recovery, downtimes, candidates, null, settings,
                FleetView.of(instances));
    }

    @Inject
    public ClusterLookup(InstanceStore instances, ClusterAliasStore aliases, DiscoveryService discovery,
            RecoveryConfig recovery, DowntimeStore downtimes, CandidateStore candidates,
            MaintenanceStore maintenance, ReloadableSettings settings, FleetView fleet) {
        this.fleet = fleet;
        this.maintenance = maintenance;
        this.settings = settings;
        this.instances = instances;
        this.aliases = aliases;
        this.discovery = discovery;
        this.recovery = recovery;
        this.downtimes = downtimes;
        this.candidates = candidates;
    }

    /** host and port path arguments as a key; 400 when they are not one. */
    public static InstanceKey key(String host, String port) {
        try {
            return new InstanceKey(host, InstanceKey.parsePort(port));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid instance " + host + ":" + port + ": " + e.getMessage());
        }
    }

    public Instance instance(InstanceKey key) {
        return instances.read(key).orElseThrow(() -> ApiException.notFound("instance not found: " + key));
    }

    /** A cluster name, an alias, or an instance's host:port; 404 when none fits. */
    public String clusterName(String hint) {
        List<String> names = fleet.clusterNames();
        if (names.contains(hint)) {
            return hint;
        }
        Optional<String> byAlias = liveClusterByAlias(hint, names);
        if (byAlias.isPresent()) {
            return byAlias.get();
        }
        try {
            // a host without a port is on DefaultInstancePort
            Optional<Instance> i = instances.read(InstanceKey.parse(hint, discovery.defaultInstancePort()));
            if (i.isPresent()) {
                return i.get().clusterName();
            }
        } catch (IllegalArgumentException e) {
            // not host:port either
        }
        throw ApiException.notFound("unable to determine cluster name for " + hint);
    }

    public String clusterByAlias(String alias) {
        return liveClusterByAlias(alias, fleet.clusterNames()).orElseThrow(() -> ApiException.notFound("no cluster with alias " + alias));
    }

    /**
     * The cluster an alias names among those that have instances now: after a topology is torn down
     * and rebuilt under a new primary, the old cluster name may still hold the alias (even a newer
     * or manual registration of it), but it has no instances and is never the answer.
     */
    private Optional<String> liveClusterByAlias(String alias, List<String> live) {
        return aliases.clustersByAlias(alias).stream().filter(live::contains).findFirst();
    }

    /** Every cluster's name, in order. */
    public List<String> clusterNames() {
        return fleet.clusterNames();
    }

    /** Every known server, by cluster. */
    public List<Instance> all() {
        return fleet.all();
    }

    /** A cluster's servers read from the backend now: for actions (a forced failover plans on them). */
    public List<Instance> cluster(String clusterName) {
        return instances.readCluster(clusterName);
    }

    /** A cluster's servers as this node's picture holds them (as fresh as the last recorded probe): for reads. */
    public List<Instance> known(String clusterName) {
        return fleet.cluster(clusterName);
    }

    public ClusterInfo info(String clusterName) {
        return info(clusterName, aliases.alias(clusterName).orElse(clusterName));
    }

    /** Every cluster's info, with one read of the aliases. */
    public List<ClusterInfo> infos() {
        Map<String, String> alias = aliases.all();
        return fleet.clusterNames().stream().map(c -> info(c, alias.getOrDefault(c, c))).toList();
    }

    private ClusterInfo info(String clusterName, String alias) {
        List<Instance> members = fleet.cluster(clusterName);
        long lag = members.stream().map(i -> i.state().replication()).filter(r -> r != null)
                .map(ReplicationStatus::secondsBehindMaster).filter(l -> l != null).mapToLong(Long::longValue).max()
                .orElse(0);
        return new ClusterInfo(clusterName, alias, "", members.size(), lag,
                io.quorch.recovery.ClusterFilters.matches(recovery.masterClusterFilters().orElse(List.of()),
                        clusterName, alias),
                io.quorch.recovery.ClusterFilters.matches(recovery.intermediateMasterClusterFilters().orElse(List.of()),
                        clusterName, alias));
    }

    public Map<String, Object> json(Instance i) {
        return json(List.of(i)).get(0);
    }

    public List<Map<String, Object>> json(List<Instance> list) {
        Instant now = Instant.now();
        Map<InstanceKey, Downtime> down = new HashMap<>();
        downtimes.allActive(now).forEach(d -> down.put(d.key(), d));
        Map<InstanceKey, PromotionRule> rules = candidates.registeredSince(
                now.minus(Duration.ofMinutes(recovery.candidateExpireMinutes())));
        Map<InstanceKey, Maintenance> marked = new HashMap<>();
        if (maintenance != null) {
            maintenance.allActive(now).forEach(m -> marked.put(m.key(), m));
        }
        Reloadable s = settings.get();
        return list.stream().map(i -> InstanceJson.withMaintenance(problems(InstanceJson.of(i,
                annotations(down.get(i.key()), registeredOrDetected(rules, i)), now, discovery.pollInterval()), i, s),
                marked.get(i.key()))).toList();
    }

    /** A rule registered through the API wins over DetectPromotionRuleQuery's answer. */
    private static PromotionRule registeredOrDetected(Map<InstanceKey, PromotionRule> rules, Instance i) {
        PromotionRule registered = rules.get(i.key());
        return registered != null ? registered : i.state().detected().promotionRule();
    }

    /**
     * orchestrator's replication_lag problem (lag above ReasonableReplicationLagSeconds, SQL_Delay
     * aside); none at all for a server ProblemIgnoreHostnameFilters match.
     */
    private static Map<String, Object> problems(Map<String, Object> json, Instance i, Reloadable s) {
        if (s.problemIgnore().matches(i.key())) {
            json.put("Problems", List.of());
            return json;
        }
        Long lag = i.state().replicationLagSeconds();
        var r = i.state().replication();
        if (lag != null && r != null && Math.abs(lag - r.sqlDelay()) > s.reasonableReplicationLagSeconds()
                && json.get("Problems") instanceof List<?> p && p.isEmpty()) {
            json.put("Problems", List.of("replication_lag"));
        }
        return json;
    }

    private static InstanceJson.Annotations annotations(Downtime d, PromotionRule rule) {
        PromotionRule r = rule == null ? PromotionRule.NEUTRAL : rule;
        return new InstanceJson.Annotations(d != null, d == null ? "" : d.owner(), d == null ? "" : d.reason(),
                d == null ? null : d.end(), r.wire(), rule != null && r != PromotionRule.MUST_NOT);
    }

    public boolean isDowntimed(InstanceKey key) {
        return downtimes.active(key, Instant.now()).isPresent();
    }
}
