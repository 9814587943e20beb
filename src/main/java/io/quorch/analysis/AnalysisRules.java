package io.quorch.analysis;

import java.util.List;
import java.util.function.Predicate;

/**
 * The rule table: the first rule whose condition holds names the problem. Order is priority,
 * as in orchestrator. A primary is dead only when quorch cannot reach it AND its reachable
 * replicas agree: none of them is replicating.
 */
public final class AnalysisRules {

    /** One row of the table. */
    public record Rule(AnalysisCode code, Predicate<AnalysisFacts> when) {
    }

    private AnalysisRules() {
    }

    private static Rule rule(AnalysisCode code, Predicate<AnalysisFacts> when) {
        return new Rule(code, when);
    }

    private static boolean primary(AnalysisFacts f) {
        return f.isMaster() && !f.isCoMaster();
    }

    private static boolean intermediate(AnalysisFacts f) {
        return !f.isMaster() && !f.isCoMaster() && f.countReplicas() > 0;
    }

    public static final List<Rule> RULES = List.of(
            rule(AnalysisCode.DeadMasterWithoutReplicas,
                    f -> primary(f) && !f.lastCheckValid() && f.countReplicas() == 0),
            rule(AnalysisCode.DeadMaster,
                    f -> primary(f) && !f.lastCheckValid() && f.countReplicas() > 0
                            && f.countValidReplicas() == f.countReplicas() && f.countValidReplicatingReplicas() == 0),
            rule(AnalysisCode.DeadMasterAndSomeReplicas,
                    f -> primary(f) && !f.lastCheckValid() && f.countValidReplicas() > 0
                            && f.countValidReplicas() < f.countReplicas() && f.countValidReplicatingReplicas() == 0),
            rule(AnalysisCode.DeadMasterAndReplicas,
                    f -> primary(f) && !f.lastCheckValid() && f.countReplicas() > 0 && f.countValidReplicas() == 0),
            rule(AnalysisCode.UnreachableMasterWithLaggingReplicas,
                    f -> primary(f) && !f.lastCheckValid() && f.countValidReplicatingReplicas() > 0
                            && f.countLaggingReplicas() == f.countValidReplicas()
                            && f.countDelayedReplicas() < f.countValidReplicas()),
            rule(AnalysisCode.UnreachableMaster,
                    f -> primary(f) && !f.lastCheckValid() && f.countValidReplicatingReplicas() > 0),
            rule(AnalysisCode.LockedSemiSyncMaster,
                    f -> primary(f) && f.lastCheckValid() && f.semiSyncMasterEnabled() && f.semiSyncMasterStatus()
                            && f.semiSyncMasterWaitForReplicaCount() > 0
                            && f.semiSyncMasterClients() < f.semiSyncMasterWaitForReplicaCount()),
            rule(AnalysisCode.MasterSingleReplicaNotReplicating,
                    f -> primary(f) && f.lastCheckValid() && f.countReplicas() == 1 && f.countValidReplicas() == 1
                            && f.countValidReplicatingReplicas() == 0),
            rule(AnalysisCode.MasterSingleReplicaDead,
                    f -> primary(f) && f.lastCheckValid() && f.countReplicas() == 1 && f.countValidReplicas() == 0),
            rule(AnalysisCode.AllMasterReplicasNotReplicating,
                    f -> primary(f) && f.lastCheckValid() && f.countReplicas() > 1
                            && f.countValidReplicas() == f.countReplicas() && f.countValidReplicatingReplicas() == 0),
            rule(AnalysisCode.AllMasterReplicasNotReplicatingOrDead,
                    f -> primary(f) && f.lastCheckValid() && f.countReplicas() > 1
                            && f.countValidReplicas() < f.countReplicas() && f.countValidReplicatingReplicas() == 0),
            rule(AnalysisCode.DeadCoMaster,
                    f -> f.isCoMaster() && !f.lastCheckValid() && f.countReplicas() > 0
                            && f.countValidReplicas() == f.countReplicas() && f.countValidReplicatingReplicas() == 0),
            rule(AnalysisCode.DeadCoMasterAndSomeReplicas,
                    f -> f.isCoMaster() && !f.lastCheckValid() && f.countValidReplicas() > 0
                            && f.countValidReplicas() < f.countReplicas() && f.countValidReplicatingReplicas() == 0),
            rule(AnalysisCode.UnreachableCoMaster,
                    f -> f.isCoMaster() && !f.lastCheckValid() && f.countValidReplicatingReplicas() > 0),
            rule(AnalysisCode.AllCoMasterReplicasNotReplicating,
                    f -> f.isCoMaster() && f.lastCheckValid() && f.countReplicas() > 0
                            && f.countValidReplicas() == f.countReplicas() && f.countValidReplicatingReplicas() == 0),
            rule(AnalysisCode.DeadIntermediateMasterWithSingleReplicaFailingToConnect,
                    f -> intermediate(f) && !f.lastCheckValid() && f.countReplicas() == 1
                            && f.countValidReplicas() == 1 && f.countReplicasFailingToConnectToMaster() == 1
                            && f.countValidReplicatingReplicas() == 0),
            rule(AnalysisCode.DeadIntermediateMasterWithSingleReplica,
                    f -> intermediate(f) && !f.lastCheckValid() && f.countReplicas() == 1
                            && f.countValidReplicas() == 1 && f.countValidReplicatingReplicas() == 0),
            rule(AnalysisCode.DeadIntermediateMaster,
                    f -> intermediate(f) && !f.lastCheckValid() && f.countReplicas() > 1
                            && f.countValidReplicas() == f.countReplicas() && f.countValidReplicatingReplicas() == 0),
            rule(AnalysisCode.DeadIntermediateMasterAndSomeReplicas,
                    f -> intermediate(f) && !f.lastCheckValid() && f.countValidReplicas() > 0
                            && f.countValidReplicas() < f.countReplicas() && f.countValidReplicatingReplicas() == 0),
            rule(AnalysisCode.DeadIntermediateMasterAndReplicas,
                    f -> intermediate(f) && !f.lastCheckValid() && f.countValidReplicas() == 0),
            rule(AnalysisCode.UnreachableIntermediateMasterWithLaggingReplicas,
                    f -> intermediate(f) && !f.lastCheckValid() && f.countValidReplicatingReplicas() > 0
                            && f.countLaggingReplicas() == f.countValidReplicas()
                            && f.countDelayedReplicas() < f.countValidReplicas()),
            rule(AnalysisCode.UnreachableIntermediateMaster,
                    f -> intermediate(f) && !f.lastCheckValid() && f.countValidReplicatingReplicas() > 0),
            rule(AnalysisCode.AllIntermediateMasterReplicasFailingToConnectOrDead,
                    f -> intermediate(f) && f.lastCheckValid() && f.countValidReplicatingReplicas() == 0
                            && f.countReplicasFailingToConnectToMaster() > 0
                            && f.countReplicasFailingToConnectToMaster() == f.countValidReplicas()),
            rule(AnalysisCode.AllIntermediateMasterReplicasNotReplicating,
                    f -> intermediate(f) && f.lastCheckValid() && f.countValidReplicatingReplicas() == 0),
            rule(AnalysisCode.FirstTierReplicaFailingToConnectToMaster,
                    f -> f.failingToConnectToReachableMaster() && f.masterIsTop()));

    /** The code for these facts; NoProblem when no rule holds. */
    public static AnalysisCode classify(AnalysisFacts facts) {
        for (Rule r : RULES) {
            if (r.when().test(facts)) {
                return r.code();
            }
        }
        return AnalysisCode.NoProblem;
    }
}
