package io.quorch.domain;

/**
 * What SHOW SLAVE STATUS / SHOW REPLICA STATUS says, in flavor-neutral terms. Absent (null in
 * {@link Instance}) when the server is not configured as a replica.
 */
public record ReplicationStatus(
        InstanceKey masterKey,
        boolean ioThreadRunning,
        boolean sqlThreadRunning,
        /** Slave_IO_Running as the server said it: "Yes", "No" or "Connecting". */
        String ioThreadState,
        String sqlThreadState,
        BinlogCoordinates readBinlogCoordinates,
        BinlogCoordinates execBinlogCoordinates,
        BinlogCoordinates relaylogCoordinates,
        String lastIoError,
        String lastSqlError,
        int lastIoErrno,
        int lastSqlErrno,
        /** Seconds_Behind_Master, null when the server reports NULL. */
        Long secondsBehindMaster,
        long sqlDelay,
        String masterUuid,
        long masterServerId,
        /** MySQL Auto_Position=1. */
        boolean autoPosition,
        /** MariaDB Using_Gtid: "No", "Slave_Pos" or "Current_Pos". */
        String mariadbUsingGtid,
        String retrievedGtidSet,
        String executedGtidSet,
        boolean hasReplicationFilters,
        /**
         * Master_Host is masterKey's host behind orchestrator's "//" detach mark
         * (detach-replica-master-host): the replica cannot connect until it is reattached.
         */
        boolean masterHostDetached) {

    /** The detach mark orchestrator puts before Master_Host, and its detach-replica before Master_Log_File. */
    public static final String DETACH_MARK = "//";

    /** A replication status whose Master_Host is not detached. */
    public ReplicationStatus(InstanceKey masterKey, boolean ioThreadRunning, boolean sqlThreadRunning,
            String ioThreadState, String sqlThreadState, BinlogCoordinates readBinlogCoordinates,
            BinlogCoordinates execBinlogCoordinates, BinlogCoordinates relaylogCoordinates, String lastIoError,
            String lastSqlError, int lastIoErrno, int lastSqlErrno, Long secondsBehindMaster, long sqlDelay,
            String masterUuid, long masterServerId, boolean autoPosition, String mariadbUsingGtid,
            String retrievedGtidSet, String executedGtidSet, boolean hasReplicationFilters) {
        this(masterKey, ioThreadRunning, sqlThreadRunning, ioThreadState, sqlThreadState, readBinlogCoordinates,
                execBinlogCoordinates, relaylogCoordinates, lastIoError, lastSqlError, lastIoErrno, lastSqlErrno,
                secondsBehindMaster, sqlDelay, masterUuid, masterServerId, autoPosition, mariadbUsingGtid,
                retrievedGtidSet, executedGtidSet, hasReplicationFilters, false);
    }

    /** The executed coordinates carry detach-replica's mark: replication cannot resume until reattached. */
    public boolean coordinatesDetached() {
        return execBinlogCoordinates != null && execBinlogCoordinates.logFile() != null
                && execBinlogCoordinates.logFile().startsWith(DETACH_MARK);
    }

    /** The same status, naming its primary by another key (the name the primary is known by). */
    public ReplicationStatus withMasterKey(InstanceKey key) {
        return new ReplicationStatus(key, ioThreadRunning, sqlThreadRunning, ioThreadState, sqlThreadState,
                readBinlogCoordinates, execBinlogCoordinates, relaylogCoordinates, lastIoError, lastSqlError,
                lastIoErrno, lastSqlErrno, secondsBehindMaster, sqlDelay, masterUuid, masterServerId, autoPosition,
                mariadbUsingGtid, retrievedGtidSet, executedGtidSet, hasReplicationFilters, masterHostDetached);
    }

    /** The IO thread is trying but not connected: the replica has lost its primary. */
    public boolean ioThreadConnecting() {
        return "Connecting".equalsIgnoreCase(ioThreadState);
    }

    public boolean replicating() {
        return ioThreadRunning && sqlThreadRunning;
    }

    public boolean usingMariaDbGtid() {
        return mariadbUsingGtid != null && !mariadbUsingGtid.isBlank() && !"No".equalsIgnoreCase(mariadbUsingGtid);
    }
}
