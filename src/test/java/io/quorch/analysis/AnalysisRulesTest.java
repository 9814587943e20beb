package io.quorch.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quorch.domain.InstanceKey;

/** Table-driven: facts in, code out, one row per code. */
class AnalysisRulesTest {

    private static final InstanceKey K = new InstanceKey("db1", 3306);
    private static final InstanceKey M = new InstanceKey("db0", 3306);

    /** Facts of a primary (master=null) or an intermediate primary, by the counts that matter. */
    static AnalysisFacts facts(boolean isMaster, boolean coMaster, boolean valid, int replicas, int validReplicas,
            int replicating, int failing, int lagging) {
        return new AnalysisFacts(K, isMaster ? null : M, "db0:3306", isMaster, coMaster, valid, false, false, replicas,
                validReplicas, replicating, failing, 0, lagging, 0, validReplicas, false, false, 0, 0, false,
                !isMaster, validReplicas, 0, 1, 1, List.of(), List.of(), null);
    }

    static AnalysisFacts semiSync(int waitCount, int clients) {
        return new AnalysisFacts(K, null, "db0:3306", true, false, true, false, false, 2, 2, 2, 0, 0, 0, 0, 2, true,
                true, waitCount, clients, false, false, 2, 0, 1, 1, List.of(), List.of(), null);
    }

    static AnalysisFacts firstTierLost() {
        return new AnalysisFacts(K, M, "db0:3306", false, false, true, false, false, 0, 0, 0, 0, 0, 0, 0, 0, false,
                false, 0, 0, true, true, 0, 0, 0, 0, List.of(), List.of(), null);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // primaries: valid?, replicas, valid replicas, replicating, failing to connect, lagging
                Arguments.of(facts(true, false, true, 3, 3, 3, 0, 0), AnalysisCode.NoProblem),
                Arguments.of(facts(true, false, false, 0, 0, 0, 0, 0), AnalysisCode.DeadMasterWithoutReplicas),
                Arguments.of(facts(true, false, false, 3, 3, 0, 3, 0), AnalysisCode.DeadMaster),
                Arguments.of(facts(true, false, false, 3, 2, 0, 2, 0), AnalysisCode.DeadMasterAndSomeReplicas),
                Arguments.of(facts(true, false, false, 3, 0, 0, 0, 0), AnalysisCode.DeadMasterAndReplicas),
                Arguments.of(facts(true, false, false, 3, 3, 3, 0, 3), AnalysisCode.UnreachableMasterWithLaggingReplicas),
                Arguments.of(facts(true, false, false, 3, 3, 1, 2, 0), AnalysisCode.UnreachableMaster),
                Arguments.of(facts(true, false, false, 3, 3, 3, 0, 0), AnalysisCode.UnreachableMaster),
                Arguments.of(semiSync(2, 1), AnalysisCode.LockedSemiSyncMaster),
                Arguments.of(semiSync(1, 1), AnalysisCode.NoProblem),
                Arguments.of(facts(true, false, true, 1, 1, 0, 0, 0), AnalysisCode.MasterSingleReplicaNotReplicating),
                Arguments.of(facts(true, false, true, 1, 0, 0, 0, 0), AnalysisCode.MasterSingleReplicaDead),
                Arguments.of(facts(true, false, true, 3, 3, 0, 0, 0), AnalysisCode.AllMasterReplicasNotReplicating),
                Arguments.of(facts(true, false, true, 3, 1, 0, 0, 0), AnalysisCode.AllMasterReplicasNotReplicatingOrDead),
                // co-primaries
                Arguments.of(facts(false, true, false, 2, 2, 0, 2, 0), AnalysisCode.DeadCoMaster),
                Arguments.of(facts(false, true, false, 2, 1, 0, 1, 0), AnalysisCode.DeadCoMasterAndSomeReplicas),
                Arguments.of(facts(false, true, false, 2, 2, 2, 0, 0), AnalysisCode.UnreachableCoMaster),
                Arguments.of(facts(false, true, true, 2, 2, 0, 0, 0), AnalysisCode.AllCoMasterReplicasNotReplicating),
                // intermediate primaries
                Arguments.of(facts(false, false, true, 2, 2, 2, 0, 0), AnalysisCode.NoProblem),
                Arguments.of(facts(false, false, false, 1, 1, 0, 1, 0),
                        AnalysisCode.DeadIntermediateMasterWithSingleReplicaFailingToConnect),
                Arguments.of(facts(false, false, false, 1, 1, 0, 0, 0),
                        AnalysisCode.DeadIntermediateMasterWithSingleReplica),
                Arguments.of(facts(false, false, false, 2, 2, 0, 2, 0), AnalysisCode.DeadIntermediateMaster),
                Arguments.of(facts(false, false, false, 3, 2, 0, 2, 0),
                        AnalysisCode.DeadIntermediateMasterAndSomeReplicas),
                Arguments.of(facts(false, false, false, 2, 0, 0, 0, 0), AnalysisCode.DeadIntermediateMasterAndReplicas),
                Arguments.of(facts(false, false, false, 2, 2, 2, 0, 2),
                        AnalysisCode.UnreachableIntermediateMasterWithLaggingReplicas),
                Arguments.of(facts(false, false, false, 2, 2, 1, 1, 0), AnalysisCode.UnreachableIntermediateMaster),
                Arguments.of(facts(false, false, true, 2, 2, 0, 2, 0),
                        AnalysisCode.AllIntermediateMasterReplicasFailingToConnectOrDead),
                Arguments.of(facts(false, false, true, 2, 2, 0, 0, 0),
                        AnalysisCode.AllIntermediateMasterReplicasNotReplicating),
                Arguments.of(firstTierLost(), AnalysisCode.FirstTierReplicaFailingToConnectToMaster));
    }

    @ParameterizedTest
    @MethodSource("table")
    void classifies(AnalysisFacts facts, AnalysisCode expected) {
        assertEquals(expected, AnalysisRules.classify(facts));
    }
}
