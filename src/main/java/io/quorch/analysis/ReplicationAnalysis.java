package io.quorch.analysis;

import java.time.Instant;
import java.util.List;

import io.quorch.domain.InstanceKey;

/** One named problem of one server, with the facts that named it. */
public record ReplicationAnalysis(
        AnalysisCode code,
        AnalysisFacts facts,
        List<StructureWarning> structureWarnings,
        Instant analyzedAt) {

    public InstanceKey key() {
        return facts.key();
    }

    public String clusterName() {
        return facts.clusterName();
    }

    public boolean isActionable() {
        return code.actionable();
    }
}
