package io.quorch.analysis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;

/** Pure: instances in, named problems out. */
public final class Analyzer {

    private Analyzer() {
    }

    /** Every server with a problem or a structure warning. */
    public static List<ReplicationAnalysis> analyze(List<Instance> instances, Predicate<InstanceKey> downtimed,
            Instant now) {
        return analyze(instances, downtimed, now, FactsBuilder.REASONABLE_LAG_SECONDS);
    }

    /** The same with ReasonableReplicationLagSeconds. */
    public static List<ReplicationAnalysis> analyze(List<Instance> instances, Predicate<InstanceKey> downtimed,
            Instant now, long reasonableLagSeconds) {
        List<ReplicationAnalysis> out = new ArrayList<>();
        for (AnalysisFacts f : FactsBuilder.build(instances, downtimed, reasonableLagSeconds)) {
            AnalysisCode code = AnalysisRules.classify(f);
            List<StructureWarning> warnings = structure(f);
            if (code != AnalysisCode.NoProblem || !warnings.isEmpty()) {
                out.add(new ReplicationAnalysis(code, f, warnings, now));
            }
        }
        return out;
    }

    /** The primary's facts presented as DeadMaster, for a forced failover of a live primary. */
    public static ReplicationAnalysis forced(List<Instance> cluster, InstanceKey primary) {
        AnalysisFacts f = FactsBuilder.build(cluster, k -> false).stream().filter(x -> x.key().equals(primary))
                .findFirst().orElseThrow(() -> new IllegalArgumentException(primary + " is not in the cluster"));
        return new ReplicationAnalysis(AnalysisCode.DeadMaster, f, List.of(), Instant.now());
    }

    static List<StructureWarning> structure(AnalysisFacts f) {
        List<StructureWarning> w = new ArrayList<>();
        if (!f.isMaster() || !f.lastCheckValid()) {
            if (f.countReplicas() > 0 && !f.errantReplicas().isEmpty()) {
                w.add(StructureWarning.ErrantGTIDStructureWarning);
            }
            return w;
        }
        if (f.readOnly() && !f.isCoMaster()) {
            w.add(StructureWarning.NoWriteableMasterStructureWarning);
        }
        if (!f.errantReplicas().isEmpty()) {
            w.add(StructureWarning.ErrantGTIDStructureWarning);
        }
        if (f.countGtidReplicas() > 0 && f.countNonGtidReplicas() > 0) {
            w.add(StructureWarning.DifferentGTIDModesStructureWarning);
        }
        if (f.countValidReplicas() > 0 && f.countLoggingReplicas() == 0) {
            w.add(StructureWarning.NoLoggingReplicasStructureWarning);
        }
        if (f.countMajorVersionsAmongLoggingReplicas() > 1) {
            w.add(StructureWarning.MultipleMajorVersionsLoggingReplicasStructureWarning);
        }
        if (f.countBinlogFormatsAmongLoggingReplicas() > 1) {
            w.add(StructureWarning.StatementAndRowLoggingReplicasStructureWarning);
        }
        if (f.semiSyncMasterEnabled() && f.semiSyncMasterWaitForReplicaCount() > 0
                && f.countValidReplicas() < f.semiSyncMasterWaitForReplicaCount()) {
            w.add(StructureWarning.NotEnoughValidSemiSyncReplicasStructureWarning);
        }
        return w;
    }
}
