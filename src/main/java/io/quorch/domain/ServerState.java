package io.quorch.domain;

import java.util.List;

/**
 * Everything one successful probe learned from a server. Pure data: what the server said,
 * normalised across MySQL, Percona and MariaDB.
 */
public record ServerState(
        long serverId,
        String serverUuid,
        String version,
        String versionComment,
        Flavor flavor,
        boolean readOnly,
        boolean superReadOnly,
        boolean logBinEnabled,
        boolean logReplicationUpdatesEnabled,
        String binlogFormat,
        String binlogRowImage,
        BinlogCoordinates selfBinlogCoordinates,
        /** null when the server is not configured as a replica. */
        ReplicationStatus replication,
        GtidState gtid,
        SemiSyncStatus semiSync,
        List<InstanceKey> replicaKeys,
        String dataCenter,
        String region,
        String physicalEnvironment,
        /** From DetectClusterAliasQuery, empty when none. */
        String suggestedClusterAlias,
        long uptimeSeconds,
        long probeLatencyMillis,
        /** The answers of the operator's optional queries; NONE when none is configured. */
        DetectedValues detected) {

    /** A probe without the operator's optional queries. */
    public ServerState(long serverId, String serverUuid, String version, String versionComment, Flavor flavor,
            boolean readOnly, boolean superReadOnly, boolean logBinEnabled, boolean logReplicationUpdatesEnabled,
            String binlogFormat, String binlogRowImage, BinlogCoordinates selfBinlogCoordinates,
            ReplicationStatus replication, GtidState gtid, SemiSyncStatus semiSync, List<InstanceKey> replicaKeys,
            String dataCenter, String region, String physicalEnvironment, String suggestedClusterAlias,
            long uptimeSeconds, long probeLatencyMillis) {
        this(serverId, serverUuid, version, versionComment, flavor, readOnly, superReadOnly, logBinEnabled,
                logReplicationUpdatesEnabled, binlogFormat, binlogRowImage, selfBinlogCoordinates, replication, gtid,
                semiSync, replicaKeys, dataCenter, region, physicalEnvironment, suggestedClusterAlias, uptimeSeconds,
                probeLatencyMillis, DetectedValues.NONE);
    }

    public ServerState {
        detected = detected == null ? DetectedValues.NONE : detected;
        replicaKeys = replicaKeys == null ? List.of() : List.copyOf(replicaKeys);
        gtid = gtid == null ? GtidState.NONE : gtid;
        semiSync = semiSync == null ? SemiSyncStatus.NONE : semiSync;
        selfBinlogCoordinates = selfBinlogCoordinates == null ? BinlogCoordinates.NONE : selfBinlogCoordinates;
    }

    /**
     * The replica's lag in seconds: ReplicationLagQuery's answer when one is configured and usable,
     * else Seconds_Behind_Master; null when unknown or not a replica.
     */
    public Long replicationLagSeconds() {
        if (replication == null) {
            return null;
        }
        return detected.replicationLagSeconds() != null ? detected.replicationLagSeconds()
                : replication.secondsBehindMaster();
    }

    /** The same state with its primary named by another key (MySQLHostnameResolveMethod). */
    public ServerState withMasterKey(InstanceKey key) {
        if (replication == null) {
            return this;
        }
        return new ServerState(serverId, serverUuid, version, versionComment, flavor, readOnly, superReadOnly,
                logBinEnabled, logReplicationUpdatesEnabled, binlogFormat, binlogRowImage, selfBinlogCoordinates,
                replication.withMasterKey(key), gtid, semiSync, replicaKeys, dataCenter, region, physicalEnvironment,
                suggestedClusterAlias, uptimeSeconds, probeLatencyMillis, detected);
    }

    /**
     * The primary this server replicates from, or null. A replica whose Master_Host is detached
     * ("//host") has none: like orchestrator's "//host" key, which names no server, it stands
     * outside its former primary's topology until it is reattached (its replication status still
     * names the real host).
     */
    public InstanceKey masterKey() {
        return replication == null || replication.masterHostDetached() ? null : replication.masterKey();
    }

    public boolean isReplica() {
        return replication != null;
    }

    /** "10.11.19" from "10.11.19-MariaDB-0+deb12u1". */
    public String majorMinorPatch() {
        int end = 0;
        while (end < version.length() && (Character.isDigit(version.charAt(end)) || version.charAt(end) == '.')) {
            end++;
        }
        return version.substring(0, end);
    }

    /** "10.11" from "10.11.19-MariaDB". */
    public String majorVersion() {
        String[] parts = majorMinorPatch().split("\\.");
        return parts.length >= 2 ? parts[0] + "." + parts[1] : majorMinorPatch();
    }

    public boolean usingOracleGtid() {
        return replication != null && replication.autoPosition();
    }

    public boolean usingMariaDbGtid() {
        return replication != null && replication.usingMariaDbGtid();
    }

    public boolean usingGtid() {
        return usingOracleGtid() || usingMariaDbGtid();
    }
}
