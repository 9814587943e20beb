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
            // the log's format (quorch's own key: orchestrator has none)
            key("EnableJSONLogs", "quorch.log.json", Type.BOOLEAN),
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
            key("AuditPurgeDays", "quorch.backend.audit-purge-days", Type.INTEGER),
            key("MySQLOrchestratorUseMutualTLS", "quorch.backend.mysql-use-mutual-tls", Type.BOOLEAN),
            key("MySQLOrchestratorSSLCAFile", "quorch.backend.mysql-ssl-ca-file", Type.STRING),
            key("MySQLOrchestratorSSLCertFile", "quorch.backend.mysql-ssl-cert-file", Type.STRING),
            key("MySQLOrchestratorSSLPrivateKeyFile", "quorch.backend.mysql-ssl-private-key-file", Type.STRING),
            key("MySQLOrchestratorSSLSkipVerify", "quorch.backend.mysql-ssl-skip-verify", Type.BOOLEAN),
            key("MySQLOrchestratorAllowPublicKeyRetrieval", "quorch.backend.mysql-allow-public-key-retrieval",
                    Type.BOOLEAN),
            // access to managed servers
            key("MySQLTopologyUser", "quorch.mysql.user", Type.STRING),
            key("MySQLTopologyPassword", "quorch.mysql.password", Type.STRING),
            key("MySQLReplicaUser", "quorch.mysql.replication-user", Type.STRING),
            key("MySQLReplicaPassword", "quorch.mysql.replication-password", Type.STRING),
            key("MySQLConnectTimeoutSeconds", "quorch.mysql.connect-timeout-seconds", Type.NUMBER),
            key("UseSuperReadOnly", "quorch.mysql.use-super-read-only", Type.BOOLEAN),
            key("MySQLDiscoveryReadTimeoutSeconds", "quorch.mysql.read-timeout-seconds", Type.NUMBER),
            key("MySQLReadTimeoutSeconds", "quorch.mysql.read-timeout-seconds", Type.NUMBER),
            key("MySQLTopologyUseMutualTLS", "quorch.mysql.use-mutual-tls", Type.BOOLEAN),
            key("MySQLTopologyUseMixedTLS", "quorch.mysql.use-mixed-tls", Type.BOOLEAN),
            key("MySQLTopologySSLCAFile", "quorch.mysql.ssl-ca-file", Type.STRING),
            key("MySQLTopologySSLCertFile", "quorch.mysql.ssl-cert-file", Type.STRING),
            key("MySQLTopologySSLPrivateKeyFile", "quorch.mysql.ssl-private-key-file", Type.STRING),
            key("MySQLTopologySSLSkipVerify", "quorch.mysql.ssl-skip-verify", Type.BOOLEAN),
            key("MySQLTopologyAllowPublicKeyRetrieval", "quorch.mysql.allow-public-key-retrieval", Type.BOOLEAN),
            key("ReplicationCredentialsQuery", "quorch.mysql.replication-credentials-query", Type.STRING),
            // discovery
            key("InstancePollSeconds", "quorch.discovery.instance-poll-seconds", Type.NUMBER),
            key("DiscoveryMaxConcurrency", "quorch.discovery.max-concurrency", Type.INTEGER),
            key("PrimaryLivenessCheckMillis", "quorch.discovery.primary-liveness-check-millis", Type.INTEGER),
            key("DiscoverySeeds", "quorch.discovery.seeds", Type.STRING_LIST),
            key("DefaultInstancePort", "quorch.discovery.default-instance-port", Type.INTEGER),
            key("DiscoveryIgnoreHostnameFilters", "quorch.discovery.ignore-hostname-filters", Type.STRING_LIST),
            key("DiscoveryIgnoreReplicaHostnameFilters", "quorch.discovery.ignore-replica-hostname-filters",
                    Type.STRING_LIST),
            key("DiscoveryIgnoreMasterHostnameFilters", "quorch.discovery.ignore-master-hostname-filters",
                    Type.STRING_LIST),
            key("HostnameResolveMethod", "quorch.discovery.hostname-resolve-method", Type.STRING),
            key("MySQLHostnameResolveMethod", "quorch.discovery.mysql-hostname-resolve-method", Type.STRING),
            key("ReplicationLagQuery", "quorch.discovery.replication-lag-query", Type.STRING),
            key("SlaveLagQuery", "quorch.discovery.replication-lag-query", Type.STRING),
            key("DetectPromotionRuleQuery", "quorch.discovery.promotion-rule-query", Type.STRING),
            key("DetectInstanceAliasQuery", "quorch.discovery.instance-alias-query", Type.STRING),
            key("DetectSemiSyncEnforcedQuery", "quorch.discovery.semi-sync-enforced-query", Type.STRING),
            key("DetectClusterAliasQuery", "quorch.discovery.cluster-alias-query", Type.STRING),
            key("DetectDataCenterQuery", "quorch.discovery.data-center-query", Type.STRING),
            key("DataCenterPattern", "quorch.discovery.data-center-pattern", Type.STRING),
            key("DetectRegionQuery", "quorch.discovery.region-query", Type.STRING),
            key("RegionPattern", "quorch.discovery.region-pattern", Type.STRING),
            key("DetectPhysicalEnvironmentQuery", "quorch.discovery.physical-environment-query", Type.STRING),
            key("PhysicalEnvironmentPattern", "quorch.discovery.physical-environment-pattern", Type.STRING),
            key("UnseenInstanceForgetHours", "quorch.discovery.unseen-instance-forget-hours", Type.INTEGER),
            key("SharedProbeCopies", "quorch.discovery.shared-probe-copies", Type.INTEGER),
            key("NodeDataCenter", "quorch.discovery.node-data-center", Type.STRING),
            // analysis
            key("ReasonableReplicationLagSeconds", "quorch.analysis.reasonable-replication-lag-seconds",
                    Type.INTEGER),
            key("ProblemIgnoreHostnameFilters", "quorch.analysis.problem-ignore-hostname-filters", Type.STRING_LIST),
            key("RecoveryIgnoreHostnameFilters", "quorch.analysis.recovery-ignore-hostname-filters",
                    Type.STRING_LIST),
            // recovery
            key("RecoveryPeriodBlockSeconds", "quorch.recovery.period-block-seconds", Type.INTEGER),
            key("RecoverMasterClusterFilters", "quorch.recovery.master-cluster-filters", Type.STRING_LIST),
            key("RecoverIntermediateMasterClusterFilters", "quorch.recovery.intermediate-master-cluster-filters",
                    Type.STRING_LIST),
            key("CandidateInstanceExpireMinutes", "quorch.recovery.candidate-expire-minutes", Type.INTEGER),
            key("ApplyMySQLPromotionAfterMasterFailover", "quorch.recovery.apply-promotion", Type.BOOLEAN),
            key("PreventCrossDataCenterMasterFailover", "quorch.recovery.prevent-cross-data-center", Type.BOOLEAN),
            key("PreventCrossRegionMasterFailover", "quorch.recovery.prevent-cross-region", Type.BOOLEAN),
            key("FailureDetectionPeriodBlockMinutes", "quorch.recovery.failure-detection-period-block-minutes",
                    Type.INTEGER),
            key("FailureDetectionQuorum", "quorch.recovery.failure-detection-quorum", Type.STRING_OR_INTEGER),
            key("MasterFailoverLostInstancesDowntimeMinutes", "quorch.recovery.lost-instances-downtime-minutes",
                    Type.INTEGER),
            key("DetachLostReplicasAfterMasterFailover", "quorch.recovery.detach-lost-replicas", Type.BOOLEAN),
            key("PostponeReplicaRecoveryOnLagMinutes", "quorch.recovery.postpone-replica-recovery-on-lag-minutes",
                    Type.INTEGER),
            key("RecoverNonWriteableMaster", "quorch.recovery.recover-non-writeable-master", Type.BOOLEAN),
            key("CoMasterRecoveryMustPromoteOtherCoMaster", "quorch.recovery.co-master-must-promote-other",
                    Type.BOOLEAN),
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
            key("RaftLogSegmentSizeKiB", "quorch.raft.log-segment-size-kib", Type.INTEGER),
            key("RaftTLSCertFile", "quorch.raft.tls.cert-file", Type.STRING),
            key("RaftTLSKeyFile", "quorch.raft.tls.key-file", Type.STRING),
            key("RaftTLSCAFile", "quorch.raft.tls.ca-file", Type.STRING));

    /**
     * One line per key for the configuration reference (docs/configuration.md is generated from
     * this, the key table above and the {@code @ConfigMapping} defaults and limits). A key that is
     * accepted and checked but not acted on yet is {@link Support#IGNORED}, so the page says so.
     */
    private static final Map<String, KeyDoc> DOCS = Map.ofEntries(
            // HTTP API
            doc("ListenAddress", "HTTP listen address, \"host:port\" or \":port\" (every interface); sets Quarkus' HTTP host and port"),
            doc("EnableJSONLogs", "quorch's own key: log one JSON object per line on the console (for a log collector) instead of plain text; QUARKUS_LOG_CONSOLE_JSON_ENABLED=true does the same"),
            doc("HTTPAdvertise", "URL other nodes (the follower proxy) and clients use for this node's API; unset: http://{RaftAdvertise or RaftBind host, else this host name}:{HTTP port}"),
            // who may use the API
            doc("AuthenticationMethod", "\"\" (none), \"basic\", \"multi\" (also the user \"readonly\", any password, may read) or \"proxy\" (the user in AuthUserHeader); anything else stops startup"),
            doc("HTTPAuthUser", "the user of \"basic\" and \"multi\""),
            doc("HTTPAuthPassword", "that user's password; never logged"),
            doc("HTTPAuthPasswordFile", "a file holding HTTPAuthPassword (a mounted secret); its trailing newline is dropped"),
            doc("AuthUserHeader", "the header a fronting proxy sets to the user's name, under \"proxy\""),
            doc("PowerAuthUsers", "users who may change things under \"proxy\"; \"*\": everyone"),
            doc("ReadOnly", "refuse every change through the API, for everyone"),
            doc("UseSSL", "serve the API over HTTPS on ListenAddress's port, and no plain HTTP"),
            doc("SSLCertFile", "the API's certificate (PEM, chain after it); required with UseSSL"),
            doc("SSLPrivateKeyFile", "its private key (PEM, unencrypted); required with UseSSL"),
            doc("SSLCAFile", "the CA that signs client certificates; required with UseMutualTLS"),
            doc("UseMutualTLS", "every request must present a client certificate signed by SSLCAFile; needs UseSSL"),
            doc("SSLValidOUs", "with UseMutualTLS, the organisational units a client certificate may name; empty: any"),
            // backend
            doc("BackendDB", "this node's own backend: \"sqlite\" (embedded file) or \"mysql\" (a MySQL or MariaDB server); never shared between nodes"),
            doc("SQLite3DataFile", "the SQLite backend file (WAL journal); missing parent directories are created"),
            doc("MySQLOrchestratorHost", "host of the MySQL backend; required when BackendDB is \"mysql\""),
            doc("MySQLOrchestratorPort", "port of the MySQL backend"),
            doc("MySQLOrchestratorDatabase", "schema of the MySQL backend, created when missing (the user needs CREATE on it)"),
            doc("MySQLOrchestratorUser", "user of the MySQL backend"),
            doc("MySQLOrchestratorPassword", "password of the MySQL backend"),
            doc("MySQLOrchestratorMaxPoolConnections", "size of the backend connection pool"),
            doc("BackendStartupTimeoutSeconds", "an unreachable backend is retried this long at startup, then the node exits with status 3"),
            doc("BackendBailOutSeconds", "a backend lost this long while running makes the node exit with status 3, for its supervisor to restart it"),
            doc("AuditPurgeDays", "history older than this many days is purged: failure detections, recoveries and their steps, expired downtimes and promotion rules through the raft log; the node's audit log and blocked recoveries locally"),
            doc("MySQLOrchestratorUseMutualTLS", "connect to the MySQL backend over TLS, its certificate verified against MySQLOrchestratorSSLCAFile (the JDK's CAs when unset), sending the client certificate when one is set"),
            doc("MySQLOrchestratorSSLCAFile", "the CA (PEM) that signs the backend's certificate; needs MySQLOrchestratorUseMutualTLS"),
            doc("MySQLOrchestratorSSLCertFile", "client certificate (PEM) sent to the backend, for a user created REQUIRE X509; with MySQLOrchestratorSSLPrivateKeyFile"),
            doc("MySQLOrchestratorSSLPrivateKeyFile", "its private key (PEM, unencrypted PKCS#8 or PKCS#1)"),
            doc("MySQLOrchestratorSSLSkipVerify", "TLS to the backend without verifying its certificate (encrypted, but anyone may answer); a warning at startup"),
            doc("MySQLOrchestratorAllowPublicKeyRetrieval", "without TLS, let the driver fetch the backend's RSA key to send a caching_sha2_password password (a man in the middle can substitute its own); not needed over TLS, nor for MariaDB"),
            // access to managed servers
            doc("MySQLTopologyUser", "user quorch logs into the managed MySQL/MariaDB servers with"),
            doc("MySQLTopologyPassword", "its password"),
            doc("MySQLReplicaUser", "replication user set on a server that is pointed at a new primary and has none (a demoted primary)"),
            doc("MySQLReplicaPassword", "its password"),
            doc("UseSuperReadOnly", "whenever quorch sets read_only (set-read-only, set-writeable, fencing or demoting a primary in a recovery or takeover) it sets super_read_only too, where the server has it (MySQL, Percona; not MariaDB)"),
            doc("MySQLConnectTimeoutSeconds", "connect timeout to managed servers, for probes and commands; fractions allowed"),
            doc("MySQLDiscoveryReadTimeoutSeconds", "read timeout of a probe; the same setting as MySQLReadTimeoutSeconds"),
            doc("MySQLReadTimeoutSeconds", "read timeout of a probe; the same setting as MySQLDiscoveryReadTimeoutSeconds"),
            doc("MySQLTopologyUseMutualTLS", "every connection to the managed servers uses TLS, their certificates verified against MySQLTopologySSLCAFile (the JDK's CAs when unset), sending the client certificate when one is set"),
            doc("MySQLTopologyUseMixedTLS", "TLS as with MySQLTopologyUseMutualTLS, but only to servers that refuse a plain connection (require_secure_transport, a user REQUIRE SSL/X509, caching_sha2 without a cached password); plain to the others; a server's need is remembered"),
            doc("MySQLTopologySSLCAFile", "the CA (PEM) that signs the servers' certificates, the only one trusted; needs MySQLTopologyUseMutualTLS or MySQLTopologyUseMixedTLS"),
            doc("MySQLTopologySSLCertFile", "client certificate (PEM) sent to the servers, for a user created REQUIRE X509; with MySQLTopologySSLPrivateKeyFile"),
            doc("MySQLTopologySSLPrivateKeyFile", "its private key (PEM, unencrypted PKCS#8 or PKCS#1)"),
            doc("MySQLTopologySSLSkipVerify", "TLS to the servers without verifying their certificates (encrypted, but anyone may answer); a warning at startup"),
            doc("MySQLTopologyAllowPublicKeyRetrieval", "without TLS, let the driver fetch a server's RSA key to send a caching_sha2_password password (a man in the middle can substitute its own); not needed over TLS, nor for MariaDB"),
            doc("ReplicationCredentialsQuery", "query run on the new primary whose first two columns are the replication user and password set when a server is pointed at it (over MySQLReplicaUser); reloadable; never logged"),
            // discovery
            doc("InstancePollSeconds", "how often every known server is probed, each on its own timer; fractions such as 0.5 allowed"),
            doc("DiscoveryMaxConcurrency", "probes in flight at once (virtual threads)"),
            doc("PrimaryLivenessCheckMillis", "every primary and intermediate primary is watched on one extra idle connection per quorch node: its close re-probes the primary and its replicas at once; when idle for this long it is pinged, and two missed pings (or reconnects) in a row re-probe too, independent of InstancePollSeconds; 0 turns the watch off"),
            doc("DiscoverySeeds", "servers (\"host\" or \"host:port\") probed when the node starts, so a fresh node discovers their topologies without a call to /api/discover"),
            doc("DefaultInstancePort", "the port of a server named without one (DiscoverySeeds, cluster hints in API paths)"),
            doc("DiscoveryIgnoreHostnameFilters", "servers never discovered: a filter that is an IP address matches that host exactly, any other is a regular expression searched in \"host:port\"; reloadable"),
            doc("DiscoveryIgnoreReplicaHostnameFilters", "replicas not followed when crawling down from their primary (same filter rules); reloadable"),
            doc("DiscoveryIgnoreMasterHostnameFilters", "primaries not followed when crawling up from a replica (same filter rules); reloadable"),
            doc("HostnameResolveMethod", "\"none\" or \"default\" (orchestrator's default, which also keeps the name as given); \"cname\" and \"ip\" are refused at startup"),
            doc("MySQLHostnameResolveMethod", "\"none\": a server is known by the name it is reached by; \"@@report_host\" or \"@@hostname\": by the name it declares there when that is set and resolves (a server reached as another name is recorded under it, and replicas name their primary by it); a declared name that does not resolve is not adopted (one warning per server)"),
            doc("ReplicationLagQuery", "query run on each replica whose first column is its lag in seconds, used instead of Seconds_Behind_Master (a heartbeat table); reloadable"),
            doc("SlaveLagQuery", "orchestrator's older name of ReplicationLagQuery"),
            doc("DetectPromotionRuleQuery", "query run on each server whose first column is its promotion rule (prefer, neutral, prefer_not, must_not; anything else is ignored with a warning); a rule registered through the API wins; reloadable"),
            doc("DetectInstanceAliasQuery", "query run on each server whose first column is its InstanceAlias (one line, at most 128 characters); reloadable"),
            doc("DetectSemiSyncEnforcedQuery", "query run on each server whose first column, 0 or 1, says semi-sync is enforced (shown as SemiSyncEnforced; any other answer is ignored with a warning); reloadable"),
            doc("DetectClusterAliasQuery", "query run on a cluster's primary whose first column is the cluster alias (a manual alias wins)"),
            doc("DetectDataCenterQuery", "query run on each server whose first column is its data center"),
            doc("DataCenterPattern", "regular expression whose first group, matched on the host name, is the data center"),
            doc("DetectRegionQuery", "query run on each server whose first column is its region"),
            doc("RegionPattern", "regular expression whose first group, matched on the host name, is the region"),
            doc("DetectPhysicalEnvironmentQuery", "query run on each server whose first column is its physical environment"),
            doc("PhysicalEnvironmentPattern", "regular expression whose first group, matched on the host name, is the physical environment"),
            doc("UnseenInstanceForgetHours", "a server not seen for this many hours is forgotten (by the leader, through the raft log), as in orchestrator"),
            doc("SharedProbeCopies", "in a raft group, how many nodes probe each replica (1 or 2), chosen by rendezvous hashing over the nodes the leader hears; the others receive its results from them over the API (/api/peer-probes); 0: every node probes every server; primaries and intermediate primaries are always probed by every node"),
            doc("NodeDataCenter", "the data center this quorch node runs in (letters, digits, '_', '.', '-'); with SharedProbeCopies 2 a replica's two probing nodes are taken from different data centers when the group spans several"),
            // analysis
            doc("ReasonableReplicationLagSeconds", "a replica lagging more than this counts as lagging in the analysis (CountLaggingReplicas); reloadable"),
            doc("ProblemIgnoreHostnameFilters", "servers whose Problems are not shown (same filter rules as DiscoveryIgnoreHostnameFilters); reloadable"),
            doc("RecoveryIgnoreHostnameFilters", "servers the analysis leaves out entirely, so they are never recovered (a regular expression searched in the host name, as orchestrator does); reloadable"),
            // recovery
            doc("RecoveryPeriodBlockSeconds", "after a recovery of a cluster, no automated recovery of it (or of the promoted server) for this long unless acknowledged"),
            doc("RecoverMasterClusterFilters", "clusters (regular expressions, \"*\" for all) whose dead primaries are recovered automatically; empty: none"),
            doc("RecoverIntermediateMasterClusterFilters", "the same for dead intermediate primaries"),
            doc("CandidateInstanceExpireMinutes", "a promotion rule registered through the API lasts this long"),
            doc("ApplyMySQLPromotionAfterMasterFailover", "RESET SLAVE ALL and read_only=0 on the promoted server"),
            doc("PreventCrossDataCenterMasterFailover", "never promote a server of another data center than the failed primary's"),
            doc("PreventCrossRegionMasterFailover", "never promote a server of another region than the failed primary's (the region comes from DetectRegionQuery or RegionPattern); a designated replica of another region is refused"),
            doc("FailureDetectionPeriodBlockMinutes", "a failure of one server with one analysis code is registered, and OnFailureDetectionProcesses run, once per this many minutes"),
            doc("FailureDetectionQuorum", "how many quorch nodes of the raft group (the leader included) must report the same failure of a primary or intermediate primary, within two poll intervals, before the leader recovers it: \"majority\" (more than half the group), a number, or 1 (the leader's own view alone, orchestrator's behaviour); in single-node mode \"majority\" is 1; a recovery's steps and /api/replication-analysis name the nodes that agree and those that do not"),
            doc("MasterFailoverLostInstancesDowntimeMinutes", "after a primary failover, the failed primary and the replicas lost in it are downtimed this long with reason \"lost-in-recovery\" (see /api/downtimed); 0: one year, as orchestrator"),
            doc("DetachLostReplicasAfterMasterFailover", "replicas lost in a primary failover that still answer have their primary's host detached (MASTER_HOST='//host'), so they cannot take writes from an old primary that comes back"),
            doc("PostponeReplicaRecoveryOnLagMinutes", "in a primary failover, replicas lagging more than this many minutes are moved under the new primary only after the post-failover hooks ran; 0: none postponed"),
            doc("RecoverNonWriteableMaster", "a reachable primary that is read-only while its replicas replicate from it is made writable (a recovery named NoWriteableMasterStructureWarning)"),
            doc("CoMasterRecoveryMustPromoteOtherCoMaster", "a dead co-primary is replaced by the other co-primary and nothing else; also when false, a writable other co-primary must be the one promoted"),
            doc("FailMasterPromotionIfSQLThreadNotUpToDate", "abort a failover when the chosen server has not applied all it received (not with the next key)"),
            doc("DelayMasterPromotionIfSQLThreadNotUpToDate", "wait for the chosen server to apply all it received before promoting it (not with the previous key)"),
            doc("FailMasterPromotionOnLagMinutes", "abort a failover when the chosen server lags more than this many minutes; 0: never"),
            doc("PromotionIgnoreHostnameFilters", "regular expressions of host names never promoted"),
            doc("ReasonableMaintenanceReplicationLagSeconds", "the most a graceful takeover's designated replica, or a server a topology move stops (move-up, move-below, make-co-master), may lag"),
            doc("ProcessesShellCommand", "shell that runs hook commands (as SHELL -c COMMAND)"),
            doc("HookTimeoutSeconds", "a hook that runs longer is killed and counts as failed (a trailing & runs it in the background, unlimited)"),
            doc("OnFailureDetectionProcesses", "hooks run when a failure is first detected (once per server and code per hour)"),
            doc("PreFailoverProcesses", "hooks run before a failover acts; a non-zero exit aborts it"),
            doc("PostMasterFailoverProcesses", "hooks run after a successful primary failover"),
            doc("PostIntermediateMasterFailoverProcesses", "hooks run after a successful intermediate primary recovery"),
            doc("PostFailoverProcesses", "hooks run after every successful recovery"),
            doc("PostUnsuccessfulFailoverProcesses", "hooks run after a recovery that failed"),
            doc("PreGracefulTakeoverProcesses", "hooks run before a graceful takeover; a non-zero exit aborts it"),
            doc("PostGracefulTakeoverProcesses", "hooks run after a graceful takeover"),
            // raft
            doc("RaftEnabled", "run as one member of a raft group; false: a single node that is always the leader"),
            doc("RaftDataDir", "raft log and snapshots; required when RaftEnabled"),
            doc("RaftBind", "this node's raft address, one of RaftNodes; or \"0.0.0.0:port\" (every address) with RaftAdvertise set"),
            doc("RaftAdvertise", "how the other members reach this node, one of RaftNodes; unset: RaftBind"),
            doc("DefaultRaftPort", "raft port of members listed without one"),
            doc("RaftNodes", "every member, \"host\" or \"host:port\", the same list on every node; required when RaftEnabled"),
            doc("RaftElectionTimeoutMillis", "a follower that hears nothing from the leader for this long (randomised up to twice it) starts an election; the leader sends a heartbeat when a follower has been silent for half of it, at most every quarter of it"),
            doc("RaftSnapshotThreshold", "log entries between automatic snapshots"),
            doc("RaftLogSegmentSizeKiB", "size at which a raft log segment is closed; closed segments are purged after a snapshot"),
            doc("RaftTLSCertFile", "this node's raft certificate (PEM, chain after it), valid for TLS server and client authentication with the node's RaftNodes name among its subject alternative names; with RaftTLSKeyFile and RaftTLSCAFile (all three or none) raft traffic uses mutual TLS"),
            doc("RaftTLSKeyFile", "the raft certificate's private key (PEM, unencrypted PKCS#8)"),
            doc("RaftTLSCAFile", "the CA (PEM) that signs every member's raft certificate; a peer or raft client without such a certificate cannot connect"));

    /**
     * orchestrator keys quorch does not read, with the reason. Like any key quorch does not know,
     * each gives one warning at startup and is otherwise ignored; listed here so the reference
     * can say why.
     */
    private static final Map<String, String> ORCHESTRATOR_KEYS_IGNORED = Map.ofEntries(
            Map.entry("Debug", "log levels are Quarkus settings (quarkus.log.level, QUARKUS_LOG_LEVEL)"),
            Map.entry("EnableSyslog", "quorch logs to standard output; the supervisor (systemd, Kubernetes) collects it"),
            Map.entry("MySQLOrchestratorCredentialsConfigFile", "set the backend password from the environment (QUORCH_BACKEND_MYSQL_PASSWORD) instead"),
            Map.entry("MySQLTopologyCredentialsConfigFile", "set the password from the environment (QUORCH_MYSQL_PASSWORD) instead"),
            Map.entry("MySQLOrchestratorReadTimeoutSeconds",
                    "not configurable yet; the backend connection's own defaults apply"),
            Map.entry("URLPrefix", "the API is served at /api only"),
            Map.entry("RecoveryPollSeconds", "recovery reacts to each probe at once, with a fixed one-second safety pass"),
            Map.entry("RaftHealthPollSeconds", "raft health comes from the leader's own view of its followers, not from reports"),
            Map.entry("AutoPseudoGTID", "Pseudo-GTID is not supported: replicas are moved by GTID"),
            Map.entry("PseudoGTIDPattern", "Pseudo-GTID is not supported: replicas are moved by GTID"),
            Map.entry("MasterFailoverDetachReplicaMasterHost", "not supported"),
            Map.entry("GraphiteAddr", "no Graphite metrics: every node serves Prometheus metrics on /q/metrics"),
            Map.entry("GraphitePath", "no Graphite metrics: every node serves Prometheus metrics on /q/metrics"),
            Map.entry("GraphiteConvertHostnameDotsToUnderscores", "no Graphite metrics"),
            Map.entry("GraphitePollSeconds", "no Graphite metrics"),
            Map.entry("ServeAgentsHttp", "quorch has no agents"),
            Map.entry("AgentsServerPort", "quorch has no agents"),
            Map.entry("AgentPollMinutes", "quorch has no agents"),
            Map.entry("UnseenAgentForgetHours", "quorch has no agents"),
            Map.entry("DetectPseudoGTIDQuery", "Pseudo-GTID is not supported: replicas are moved by GTID"),
            Map.entry("PseudoGTIDMonotonicHint", "Pseudo-GTID is not supported: replicas are moved by GTID"),
            Map.entry("KVClusterMasterPrefix", "no key-value store (Consul, ZooKeeper) integration"),
            Map.entry("ConsulAddress", "no key-value store (Consul, ZooKeeper) integration"),
            Map.entry("ZkAddress", "no key-value store (Consul, ZooKeeper) integration"));

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

    /** Whether quorch acts on a key it accepts. */
    public enum Support {
        /** read and acted on */
        HONOURED,
        /** accepted and type-checked, not acted on yet */
        IGNORED
    }

    /** What the configuration reference says about a key. */
    public record KeyDoc(Support support, String meaning) {
    }

    private static Map.Entry<String, KeyDoc> doc(String json, String meaning) {
        return Map.entry(json, new KeyDoc(Support.HONOURED, meaning));
    }

    private static Map.Entry<String, KeyDoc> ignored(String json, String meaning) {
        return Map.entry(json, new KeyDoc(Support.IGNORED, meaning));
    }

    /** The reference text of a key of {@link #all()}; empty for a key without one (a test forbids that). */
    public static Optional<KeyDoc> doc(ConfigKey key) {
        return Optional.ofNullable(DOCS.get(key.json()));
    }

    /** orchestrator keys quorch does not read (they are warned about as unknown), each with the reason. */
    public static Map<String, String> orchestratorKeysIgnored() {
        return ORCHESTRATOR_KEYS_IGNORED;
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
