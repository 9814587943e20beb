package io.quorch.domain;

import java.time.Instant;

/** A failure quorch detected (whether or not it acted), as every node records it. */
public record FailureDetection(
        long id,
        InstanceKey key,
        String analysis,
        String clusterName,
        String clusterAlias,
        int countAffectedReplicas,
        boolean actionable,
        String processingNode,
        String processingToken,
        Instant detectedAt,
        /** The analysis entry as JSON, for the audit API. */
        String analysisEntry) {
}
