package io.quorch.analysis;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import io.quorch.domain.InstanceKey;

/** An analysis entry in orchestrator's ReplicationAnalysis JSON shape. */
public final class AnalysisJson {

    /**
     * quorch's field (not orchestrator's) naming the nodes that agree on a failure and those that do not, under
     * FailureDetectionQuorum; present on primary-level failures when the quorum is more than 1.
     */
    public static final String QUORUM_FIELD = "FailureDetectionQuorum";

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private AnalysisJson() {
    }

    public static Map<String, Object> of(ReplicationAnalysis a, String clusterAlias) {
        AnalysisFacts f = a.facts();
        var i = f.instance();
        Map<String, Object> cluster = new LinkedHashMap<>();
        cluster.put("ClusterName", f.clusterName());
        cluster.put("ClusterAlias", clusterAlias);
        cluster.put("ClusterDomain", "");
        cluster.put("CountInstances", f.countReplicas() + 1);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("AnalyzedInstanceKey", key(f.key()));
        m.put("AnalyzedInstanceMasterKey", key(f.masterKey()));
        m.put("ClusterDetails", cluster);
        m.put("AnalyzedInstanceDataCenter", i == null ? "" : i.state().dataCenter());
        m.put("AnalyzedInstanceRegion", i == null ? "" : i.state().region());
        m.put("AnalyzedInstancePhysicalEnvironment", i == null ? "" : i.state().physicalEnvironment());
        m.put("IsMaster", f.isMaster());
        m.put("IsCoMaster", f.isCoMaster());
        m.put("LastCheckValid", f.lastCheckValid());
        m.put("LastCheckPartialSuccess", false);
        m.put("CountReplicas", f.countReplicas());
        m.put("CountValidReplicas", f.countValidReplicas());
        m.put("CountValidReplicatingReplicas", f.countValidReplicatingReplicas());
        m.put("CountReplicasFailingToConnectToMaster", f.countReplicasFailingToConnectToMaster());
        m.put("CountDowntimedReplicas", f.countDowntimedReplicas());
        m.put("ReplicationDepth", i == null ? 0 : i.replicationDepth());
        m.put("Replicas", f.replicas().stream().map(AnalysisJson::key).toList());
        m.put("SlaveHosts", f.replicas().stream().map(AnalysisJson::key).toList());
        m.put("IsFailingToConnectToMaster", f.failingToConnectToReachableMaster());
        m.put("Analysis", a.code().name());
        m.put("Description", a.code().description());
        m.put("StructureAnalysis", a.structureWarnings().stream().map(Enum::name).toList());
        m.put("IsDowntimed", f.downtimed());
        m.put("IsReplicasDowntimed", f.countReplicas() > 0 && f.countDowntimedReplicas() == f.countReplicas());
        m.put("CountLoggingReplicas", f.countLoggingReplicas());
        m.put("CountLaggingReplicas", f.countLaggingReplicas());
        m.put("CountDelayedReplicas", f.countDelayedReplicas());
        m.put("SemiSyncMasterEnabled", f.semiSyncMasterEnabled());
        m.put("SemiSyncMasterStatus", f.semiSyncMasterStatus());
        m.put("SemiSyncMasterWaitForReplicaCount", f.semiSyncMasterWaitForReplicaCount());
        m.put("SemiSyncMasterClients", f.semiSyncMasterClients());
        m.put("IsActionableRecovery", a.isActionable());
        m.put("IsReadOnly", f.readOnly());
        m.put("ErrantGTIDReplicas", f.errantReplicas().stream().map(InstanceKey::toString).toList());
        m.put("AnalyzedAt", TIMESTAMP.format(a.analyzedAt()));
        return m;
    }

    public static Map<String, Object> key(InstanceKey key) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Hostname", key == null ? "" : key.hostname());
        m.put("Port", key == null ? 0 : key.port());
        return m;
    }
}
