package io.quorch.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * A known server as quorch keeps it: the state of its last successful probe, where it sits in
 * its cluster, and how fresh that knowledge is.
 */
public record Instance(
        InstanceKey key,
        ServerState state,
        String clusterName,
        int replicationDepth,
        Instant lastChecked,
        Instant lastSeen,
        boolean lastCheckValid,
        int consecutiveFailures,
        String lastError) {

    public InstanceKey masterKey() {
        return state.masterKey();
    }

    public boolean isReplica() {
        return state.isReplica();
    }

    /** Seconds since the server last answered a probe. */
    public long secondsSinceLastSeen(Instant now) {
        return Duration.between(lastSeen, now).toSeconds();
    }

    /** The last probe was valid and recent: within two poll intervals. */
    public boolean isUpToDate(Instant now, Duration pollInterval) {
        return lastCheckValid && Duration.between(lastChecked, now).compareTo(pollInterval.multipliedBy(2)) <= 0;
    }
}
