package io.quorch.analysis;

import java.util.List;

import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;

/**
 * What the rules look at for one server: its own state and counts over its direct replicas.
 * Built from the store by {@link FactsBuilder}; tests write them directly.
 */
public record AnalysisFacts(
        InstanceKey key,
        InstanceKey masterKey,
        String clusterName,
        boolean isMaster,
        boolean isCoMaster,
        boolean lastCheckValid,
        boolean readOnly,
        boolean downtimed,
        int countReplicas,
        int countValidReplicas,
        int countValidReplicatingReplicas,
        int countReplicasFailingToConnectToMaster,
        int countDowntimedReplicas,
        int countLaggingReplicas,
        int countDelayedReplicas,
        int countLoggingReplicas,
        boolean semiSyncMasterEnabled,
        boolean semiSyncMasterStatus,
        int semiSyncMasterWaitForReplicaCount,
        int semiSyncMasterClients,
        /** This server is a replica that cannot reach its primary while quorch can (first tier only). */
        boolean failingToConnectToReachableMaster,
        boolean masterIsTop,
        int countGtidReplicas,
        int countNonGtidReplicas,
        int countMajorVersionsAmongLoggingReplicas,
        int countBinlogFormatsAmongLoggingReplicas,
        List<InstanceKey> errantReplicas,
        List<InstanceKey> replicas,
        /** The analysed server itself, when built from the store. */
        Instance instance) {
}
