package io.quorch.domain;

import java.time.Instant;

/** A recovery that was not run because an earlier one of the same cluster blocks it. */
public record BlockedRecovery(InstanceKey key, String clusterName, String analysis, Instant lastBlockedAt,
        long blockingRecoveryId) {
}
