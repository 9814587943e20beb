package io.quorch.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quorch.config.ConfigKey.Type;

/**
 * The table of orchestrator-compatible JSON keys quorch understands. Keys are matched exactly
 * (orchestrator's own spelling); each maps onto one property of a {@code @ConfigMapping}.
 */
public final class ConfigKeys {

    private static final List<ConfigKey> KEYS = List.of(
            // HTTP API
            key("ListenAddress", "quorch.api.listen-address", Type.STRING),
            key("HTTPAdvertise", "quorch.api.http-advertise", Type.STRING),
            // who may use the API
            key("AuthenticationMethod", "quorch.security.authentication-method", Type.STRING),
            key("HTTPAuthUser", "quorch.security.http-auth-user", Type.STRING),
            key("HTTPAuthPassword", "quorch.security.http-auth-password", Type.STRING),
            key("HTTPAuthPasswordFile", "quorch.security.http-auth-password-file", Type.STRING),
            key("AuthUserHeader", "quorch.security.auth-user-header", Type.STRING),
            key("PowerAuthUsers", "quorch.security.power-auth-users", Type.STRING_LIST),
            key("ReadOnly", "quorch.security.read-only", Type.BOOLEAN),
            key("UseSSL", "quorch.security.use-ssl", Type.BOOLEAN),
            key("SSLCertFile", "quorch.security.ssl-cert-file", Type.STRING),
            key("SSLPrivateKeyFile", "quorch.security.ssl-private-key-file", Type.STRING),
            key("SSLCAFile", "quorch.security.ssl-ca-file", Type.STRING),
            key("UseMutualTLS", "quorch.security.use-mutual-tls", Type.BOOLEAN),
            key("SSLValidOUs", "quorch.security.ssl-valid-ous", Type.STRING_LIST),
            // backend
            key("BackendDB", "quorch.backend.db", Type.STRING),
            key("SQLite3DataFile", "quorch.backend.sqlite-file", Type.STRING),
            key("MySQLOrchestratorHost", "quorch.backend.mysql-host", Type.STRING),
            key("MySQLOrchestratorPort", "quorch.backend.mysql-port", Type.INTEGER),
            key("MySQLOrchestratorDatabase", "quorch.backend.mysql-database", Type.STRING),
            key("MySQLOrchestratorUser", "quorch.backend.mysql-user", Type.STRING),
            key("MySQLOrchestratorPassword", "quorch.backend.mysql-password", Type.STRING),
            key("MySQLOrchestratorMaxPoolConnections", "quorch.backend.max-pool-connections", Type.INTEGER),
            key("BackendStartupTimeoutSeconds", "quorch.backend.startup-timeout-seconds", Type.INTEGER),
            key("BackendBailOutSeconds", "quorch.backend.bail-out-seconds", Type.INTEGER),
            // access to managed servers
            key("MySQLTopologyUser", "quorch.mysql.user", Type.STRING),
            key("MySQLTopologyPassword", "quorch.mysql.password", Type.STRING),
            key("MySQLReplicaUser", "quorch.mysql.replication-user", Type.STRING),
            key("MySQLReplicaPassword", "quorch.mysql.replication-password", Type.STRING),
            key("MySQLConnectTimeoutSeconds", "quorch.mysql.connect-timeout-seconds", Type.NUMBER),
            key("MySQLDiscoveryReadTimeoutSeconds", "quorch.mysql.read-timeout-seconds", Type.NUMBER),
            key("MySQLReadTimeoutSeconds", "quorch.mysql.read-timeout-seconds", Type.NUMBER),
            // discovery
            key("InstancePollSeconds", "quorch.discovery.instance-poll-seconds", Type.NUMBER),
            key("DiscoveryMaxConcurrency", "quorch.discovery.max-concurrency", Type.INTEGER),
            key("DiscoveryIgnoreHostnameFilters", "quorch.discovery.ignore-hostname-filters", Type.STRING_LIST),
            key("DetectClusterAliasQuery", "quorch.discovery.cluster-alias-query", Type.STRING),
            key("DetectDataCenterQuery", "quorch.discovery.data-center-query", Type.STRING),
            key("DataCenterPattern", "quorch.discovery.data-center-pattern", Type.STRING),
            key("DetectRegionQuery", "quorch.discovery.region-query", Type.STRING),
            key("RegionPattern", "quorch.discovery.region-pattern", Type.STRING),
            key("DetectPhysicalEnvironmentQuery", "quorch.discovery.physical-environment-query", Type.STRING),
            key("PhysicalEnvironmentPattern", "quorch.discovery.physical-environment-pattern", Type.STRING),
            key("UnseenInstanceForgetHours", "quorch.discovery.unseen-instance-forget-hours", Type.INTEGER),
            // recovery
            key("RecoveryPeriodBlockSeconds", "quorch.recovery.period-block-seconds", Type.INTEGER),
            key("RecoverMasterClusterFilters", "quorch.recovery.master-cluster-filters", Type.STRING_LIST),
            key("RecoverIntermediateMasterClusterFilters", "quorch.recovery.intermediate-master-cluster-filters",
                    Type.STRING_LIST),
            key("CandidateInstanceExpireMinutes", "quorch.recovery.candidate-expire-minutes", Type.INTEGER),
            key("ApplyMySQLPromotionAfterMasterFailover", "quorch.recovery.apply-promotion", Type.BOOLEAN),
            key("PreventCrossDataCenterMasterFailover", "quorch.recovery.prevent-cross-data-center", Type.BOOLEAN),
            key("FailMasterPromotionIfSQLThreadNotUpToDate", "quorch.recovery.fail-if-sql-thread-behind",
                    Type.BOOLEAN),
            key("DelayMasterPromotionIfSQLThreadNotUpToDate", "quorch.recovery.delay-if-sql-thread-behind",
                    Type.BOOLEAN),
            key("FailMasterPromotionOnLagMinutes", "quorch.recovery.fail-on-lag-minutes", Type.INTEGER),
            key("PromotionIgnoreHostnameFilters", "quorch.recovery.promotion-ignore-hostname-filters",
                    Type.STRING_LIST),
            key("ReasonableMaintenanceReplicationLagSeconds", "quorch.recovery.reasonable-maintenance-lag-seconds",
                    Type.INTEGER),
            key("ProcessesShellCommand", "quorch.recovery.hooks.shell", Type.STRING),
            key("HookTimeoutSeconds", "quorch.recovery.hooks.timeout-seconds", Type.INTEGER),
            key("OnFailureDetectionProcesses", "quorch.recovery.hooks.on-failure-detection", Type.STRING_LIST),
            key("PreFailoverProcesses", "quorch.recovery.hooks.pre-failover", Type.STRING_LIST),
            key("PostMasterFailoverProcesses", "quorch.recovery.hooks.post-master-failover", Type.STRING_LIST),
            key("PostIntermediateMasterFailoverProcesses", "quorch.recovery.hooks.post-intermediate-master-failover",
                    Type.STRING_LIST),
            key("PostFailoverProcesses", "quorch.recovery.hooks.post-failover", Type.STRING_LIST),
            key("PostUnsuccessfulFailoverProcesses", "quorch.recovery.hooks.post-unsuccessful-failover",
                    Type.STRING_LIST),
            key("PreGracefulTakeoverProcesses", "quorch.recovery.hooks.pre-graceful-takeover", Type.STRING_LIST),
            key("PostGracefulTakeoverProcesses", "quorch.recovery.hooks.post-graceful-takeover", Type.STRING_LIST),
            // raft
            key("RaftEnabled", "quorch.raft.enabled", Type.BOOLEAN),
            key("RaftDataDir", "quorch.raft.data-dir", Type.STRING),
            key("RaftBind", "quorch.raft.bind", Type.STRING),
            key("RaftAdvertise", "quorch.raft.advertise", Type.STRING),
            key("DefaultRaftPort", "quorch.raft.default-port", Type.INTEGER),
            key("RaftNodes", "quorch.raft.nodes", Type.STRING_LIST),
            key("RaftElectionTimeoutMillis", "quorch.raft.election-timeout-millis", Type.INTEGER),
            key("RaftSnapshotThreshold", "quorch.raft.snapshot-threshold", Type.INTEGER),
            key("RaftLogSegmentSizeKiB", "quorch.raft.log-segment-size-kib", Type.INTEGER));

    private static final Map<String, ConfigKey> BY_JSON = new LinkedHashMap<>();
    private static final Map<String, ConfigKey> BY_PROPERTY = new LinkedHashMap<>();

    static {
        for (ConfigKey k : KEYS) {
            BY_JSON.put(k.json(), k);
            BY_PROPERTY.putIfAbsent(k.property(), k);
        }
    }

    private ConfigKeys() {
    }

    private static ConfigKey key(String json, String property, Type type) {
        return new ConfigKey(json, property, type);
    }

    public static List<ConfigKey> all() {
        return KEYS;
    }

    public static Optional<ConfigKey> byJson(String json) {
        return Optional.ofNullable(BY_JSON.get(json));
    }

    /** The JSON key a property is usually set from, for messages that should speak the user's words. */
    public static Optional<ConfigKey> byProperty(String property) {
        return Optional.ofNullable(BY_PROPERTY.get(property));
    }

    /** "InstancePollSeconds" for a property that has a JSON key, else the property itself. */
    public static String displayName(String property) {
        return byProperty(property).map(ConfigKey::json).orElse(property);
    }
}
