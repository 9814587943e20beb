package io.quorch.domain;

import java.time.Instant;
import java.util.List;

/** One recovery (automated, manual or a graceful takeover) and its outcome. */
public record TopologyRecovery(
        long id,
        String uid,
        InstanceKey failedKey,
        String analysis,
        String clusterName,
        String clusterAlias,
        String processingNode,
        String processingToken,
        Instant start,
        /** null while the recovery runs. */
        Instant end,
        /** null when nothing was promoted. */
        InstanceKey successor,
        boolean successful,
        List<InstanceKey> lostReplicas,
        List<InstanceKey> participatingInstances,
        List<String> errors,
        boolean acknowledged,
        Instant acknowledgedAt,
        String acknowledgedBy,
        String acknowledgedComment,
        long lastDetectionId,
        String analysisEntry,
        RecoveryType type) {

    public boolean resolved() {
        return end != null;
    }
}
