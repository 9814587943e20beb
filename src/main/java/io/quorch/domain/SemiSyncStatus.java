package io.quorch.domain;

/** Semi-synchronous replication as the server reports it (source/master and replica sides). */
public record SemiSyncStatus(
        boolean available,
        boolean masterEnabled,
        boolean replicaEnabled,
        boolean masterStatus,
        boolean replicaStatus,
        long masterTimeout,
        int masterWaitForReplicaCount,
        int masterClients) {

    public static final SemiSyncStatus NONE = new SemiSyncStatus(false, false, false, false, false, 0, 0, 0);
}
