package io.quorch.domain;

import java.time.Instant;

/**
 * A server taken out of topology changes (moves and replication control) until a time, by someone,
 * for a reason. The id numbers maintenances in the order the group applied them, the same on every
 * node; 0 before it is stored.
 */
public record Maintenance(long id, InstanceKey key, String owner, String reason, Instant begin, Instant end) {

    /** Without an end of its own a maintenance lasts this long, as orchestrator's MaintenanceExpireMinutes. */
    public static final java.time.Duration DEFAULT_DURATION = java.time.Duration.ofMinutes(10);

    public boolean activeAt(Instant now) {
        return !now.isBefore(begin) && now.isBefore(end);
    }
}
