package io.quorch.api.dto;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quorch.domain.BinlogCoordinates;
import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.ReplicationStatus;
import io.quorch.domain.SemiSyncStatus;
import io.quorch.domain.ServerState;

/**
 * An instance in orchestrator's JSON shape (field names, spellings and nesting kept, so existing
 * tools parse it). docs/instance-json.md lists the mapping.
 */
public final class InstanceJson {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    /** What other parts of quorch know about an instance beyond its probe: downtime, promotion rule. */
    public record Annotations(boolean downtimed, String downtimeOwner, String downtimeReason, Instant downtimeEnd,
            String promotionRule, boolean candidate) {
        public static final Annotations NONE = new Annotations(false, "", "", null, "neutral", false);
    }

    private InstanceJson() {
    }

    public static Map<String, Object> key(InstanceKey key) {
        if (key == null) {
            return Map.of("Hostname", "", "Port", 0);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Hostname", key.hostname());
        m.put("Port", key.port());
        return m;
    }

    public static Map<String, Object> coordinates(BinlogCoordinates c, int type) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("LogFile", c == null ? "" : c.logFile());
        m.put("LogPos", c == null ? 0 : c.logPos());
        m.put("Type", type);
        return m;
    }

    public static Map<String, Object> nullInt(Long value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Int64", value == null ? 0 : value);
        m.put("Valid", value != null);
        return m;
    }

    public static Map<String, Object> of(Instance i, Annotations a, Instant now, Duration pollInterval) {
        ServerState s = i.state();
        ReplicationStatus r = s.replication();
        SemiSyncStatus semi = s.semiSync();
        boolean upToDate = i.isUpToDate(now, pollInterval);
        // ReplicationLagQuery's answer when configured, else Seconds_Behind_Master
        Long lag = r == null ? Long.valueOf(0) : r.replicating() ? s.replicationLagSeconds() : null;
        List<Map<String, Object>> replicas = s.replicaKeys().stream().map(InstanceJson::key).toList();

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Key", key(i.key()));
        m.put("InstanceAlias", s.detected().instanceAlias());
        m.put("Uptime", s.uptimeSeconds());
        m.put("ServerID", s.serverId());
        m.put("ServerUUID", s.serverUuid());
        m.put("Version", s.version());
        m.put("VersionComment", s.versionComment());
        m.put("FlavorName", s.flavor().displayName());
        m.put("ReadOnly", s.readOnly());
        m.put("SuperReadOnly", s.superReadOnly());
        m.put("Binlog_format", s.binlogFormat());
        m.put("BinlogRowImage", s.binlogRowImage());
        m.put("LogBinEnabled", s.logBinEnabled());
        m.put("LogSlaveUpdatesEnabled", s.logReplicationUpdatesEnabled());
        m.put("LogReplicationUpdatesEnabled", s.logReplicationUpdatesEnabled());
        m.put("SelfBinlogCoordinates", coordinates(s.selfBinlogCoordinates(), 0));
        Map<String, Object> masterKey = key(s.masterKey());
        if (r != null && r.masterHostDetached()) {
            // as orchestrator shows a detached Master_Host
            masterKey = key(r.masterKey());
            masterKey.put("Hostname", ReplicationStatus.DETACH_MARK + r.masterKey().hostname());
        }
        m.put("MasterKey", masterKey);
        m.put("MasterUUID", r == null ? "" : r.masterUuid());
        m.put("IsDetachedMaster", r != null && r.masterHostDetached());
        m.put("Slave_SQL_Running", r != null && r.sqlThreadRunning());
        m.put("ReplicationSQLThreadRuning", r != null && r.sqlThreadRunning());
        m.put("Slave_IO_Running", r != null && r.ioThreadRunning());
        m.put("ReplicationIOThreadRuning", r != null && r.ioThreadRunning());
        m.put("ReplicationSQLThreadState", threadState(r, true));
        m.put("ReplicationIOThreadState", threadState(r, false));
        m.put("HasReplicationFilters", r != null && r.hasReplicationFilters());
        m.put("GTIDMode", s.gtid().gtidMode());
        m.put("SupportsOracleGTID", s.gtid().oracleGtidEnabled());
        m.put("UsingOracleGTID", s.usingOracleGtid());
        m.put("UsingMariaDBGTID", s.usingMariaDbGtid());
        m.put("UsingPseudoGTID", false);
        m.put("ReadBinlogCoordinates", coordinates(r == null ? null : r.readBinlogCoordinates(), 0));
        m.put("ExecBinlogCoordinates", coordinates(r == null ? null : r.execBinlogCoordinates(), 0));
        m.put("IsDetached", r != null && r.coordinatesDetached());
        m.put("RelaylogCoordinates", coordinates(r == null ? null : r.relaylogCoordinates(), 1));
        m.put("LastSQLError", r == null ? "" : r.lastSqlError());
        m.put("LastIOError", r == null ? "" : r.lastIoError());
        m.put("SecondsBehindMaster", nullInt(r == null ? null : r.secondsBehindMaster()));
        m.put("SQLDelay", r == null ? 0 : r.sqlDelay());
        m.put("ExecutedGtidSet", s.gtid().executedSet());
        m.put("GtidPurged", s.gtid().purged());
        m.put("GtidErrant", "");
        m.put("MariaDBGtidSlavePos", s.gtid().mariadbSlavePos());
        m.put("MariaDBGtidBinlogPos", s.gtid().mariadbBinlogPos());
        m.put("SlaveLagSeconds", nullInt(lag));
        m.put("ReplicationLagSeconds", nullInt(lag));
        m.put("SlaveHosts", replicas);
        m.put("Replicas", replicas);
        m.put("ClusterName", i.clusterName());
        m.put("SuggestedClusterAlias", s.suggestedClusterAlias());
        m.put("DataCenter", s.dataCenter());
        m.put("Region", s.region());
        m.put("PhysicalEnvironment", s.physicalEnvironment());
        m.put("ReplicationDepth", i.replicationDepth());
        m.put("IsCoMaster", false);
        m.put("SemiSyncAvailable", semi.available());
        m.put("SemiSyncPriority", 0);
        m.put("SemiSyncEnforced", Boolean.TRUE.equals(s.detected().semiSyncEnforced()));
        m.put("SemiSyncMasterEnabled", semi.masterEnabled());
        m.put("SemiSyncReplicaEnabled", semi.replicaEnabled());
        m.put("SemiSyncMasterTimeout", semi.masterTimeout());
        m.put("SemiSyncMasterWaitForReplicaCount", semi.masterWaitForReplicaCount());
        m.put("SemiSyncMasterStatus", semi.masterStatus());
        m.put("SemiSyncMasterClients", semi.masterClients());
        m.put("SemiSyncReplicaStatus", semi.replicaStatus());
        m.put("LastSeenTimestamp", TIMESTAMP.format(i.lastSeen()));
        m.put("LastCheckedTimestamp", TIMESTAMP.format(i.lastChecked()));
        m.put("IsLastCheckValid", i.lastCheckValid());
        m.put("IsUpToDate", upToDate);
        m.put("IsRecentlyChecked", upToDate);
        m.put("SecondsSinceLastSeen", nullInt(i.secondsSinceLastSeen(now)));
        m.put("ConsecutiveFailedChecks", i.consecutiveFailures());
        m.put("LastCheckError", i.lastError());
        m.put("CountMySQLSnapshots", 0);
        m.put("IsCandidate", a.candidate());
        m.put("PromotionRule", a.promotionRule());
        m.put("IsDowntimed", a.downtimed());
        m.put("DowntimeReason", a.downtimeReason());
        m.put("DowntimeOwner", a.downtimeOwner());
        m.put("DowntimeEndTimestamp", a.downtimeEnd() == null ? "" : TIMESTAMP.format(a.downtimeEnd()));
        m.put("UnresolvedHostname", "");
        m.put("AllowTLS", false);
        m.put("Problems", problems(i, upToDate));
        m.put("LastDiscoveryLatency", s.probeLatencyMillis() * 1_000_000L);
        return m;
    }

    /**
     * quorch's maintenance fields added to an instance's JSON: InMaintenance and, while it is,
     * who, why and until when (orchestrator keeps these only in its maintenance list).
     */
    public static Map<String, Object> withMaintenance(Map<String, Object> instance, io.quorch.domain.Maintenance m) {
        instance.put("InMaintenance", m != null);
        instance.put("MaintenanceOwner", m == null ? "" : m.owner());
        instance.put("MaintenanceReason", m == null ? "" : m.reason());
        instance.put("MaintenanceEndTimestamp", m == null ? "" : TIMESTAMP.format(m.end()));
        return instance;
    }

    /** orchestrator's maintenance list entry, with quorch's end time. */
    public static Map<String, Object> maintenance(io.quorch.domain.Maintenance m, Instant now) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("MaintenanceId", m.id());
        e.put("Key", key(m.key()));
        e.put("BeginTimestamp", TIMESTAMP.format(m.begin()));
        e.put("SecondsElapsed", Math.max(0, Duration.between(m.begin(), now).toSeconds()));
        e.put("IsActive", m.activeAt(now));
        e.put("Owner", m.owner());
        e.put("Reason", m.reason());
        e.put("EndTimestamp", TIMESTAMP.format(m.end()));
        return e;
    }

    /** orchestrator's ReplicationThreadState: -1 no thread, 0 stopped, 1 running, 2 other. */
    static int threadState(ReplicationStatus r, boolean sql) {
        if (r == null) {
            return -1;
        }
        if (sql) {
            return r.sqlThreadRunning() ? 1 : 0;
        }
        return r.ioThreadRunning() ? 1 : r.ioThreadConnecting() ? 2 : 0;
    }

    static List<String> problems(Instance i, boolean upToDate) {
        List<String> p = new java.util.ArrayList<>();
        if (!i.lastCheckValid()) {
            p.add("last_check_invalid");
        } else if (!upToDate) {
            p.add("not_recently_checked");
        }
        ReplicationStatus r = i.state().replication();
        if (r != null && !r.sqlThreadRunning()) {
            p.add("not_replicating");
        } else if (r != null && !r.ioThreadRunning()) {
            p.add("not_replicating");
        }
        if (r != null && (!r.lastIoError().isEmpty() || !r.lastSqlError().isEmpty())) {
            p.add("replication_error");
        }
        return p;
    }
}
