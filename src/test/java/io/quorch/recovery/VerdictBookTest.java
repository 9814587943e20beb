package io.quorch.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quorch.analysis.AnalysisCode;
import io.quorch.domain.InstanceKey;

/** The quorum over the nodes' verdicts: agreement, ageing, the latest verdict of each node. */
class VerdictBookTest {

    private static final InstanceKey PRIMARY = new InstanceKey("db1", 3306);
    private static final List<String> MEMBERS = List.of("n1:10008", "n2:10008", "n3:10008");
    private static final Duration WINDOW = Duration.ofSeconds(2);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final VerdictBook book = new VerdictBook();

    private void report(String node, AnalysisCode code, Instant at) {
        book.record(PRIMARY, new VerdictBook.Verdict(node, code, "unreachable", at, at));
    }

    private VerdictBook.Tally tally(AnalysisCode code, int required, Instant now) {
        return book.tally(PRIMARY, code, "n1:10008", MEMBERS, required, now, WINDOW);
    }

    @Test
    void theLeaderAloneIsNoMajorityOfThree() {
        VerdictBook.Tally t = tally(AnalysisCode.DeadMaster, 2, T0);
        assertFalse(t.reached());
        assertEquals(List.of("n1:10008"), t.agreeing());
        assertEquals(Map.of("n2:10008", "none", "n3:10008", "none"), t.disagreeing());
        assertEquals("DeadMaster seen only by n1:10008 (FailureDetectionQuorum 2 of 3); not by n2:10008 (none),"
                + " n3:10008 (none)", t.describe());
        assertTrue(tally(AnalysisCode.DeadMaster, 1, T0).reached(), "a quorum of 1 is the leader's own view");
    }

    @Test
    void oneMoreNodeWithTheSameVerdictMakesTheMajority() {
        report("n3:10008", AnalysisCode.DeadMaster, T0);
        VerdictBook.Tally t = tally(AnalysisCode.DeadMaster, 2, T0.plusMillis(100));
        assertTrue(t.reached());
        assertEquals(List.of("n1:10008", "n3:10008"), t.agreeing());
        assertEquals(Map.of("n2:10008", "none"), t.disagreeing());
        assertEquals(true, t.json().get("Agreed"));
        assertEquals(List.of("n1:10008", "n3:10008"), t.json().get("AgreeingNodes"));
        assertFalse(tally(AnalysisCode.DeadMaster, 3, T0).reached());
    }

    @Test
    void codesOfOneRecoveryKindAgreeOthersDoNot() {
        assertTrue(VerdictBook.agrees(AnalysisCode.DeadMaster, AnalysisCode.DeadMasterAndSomeReplicas));
        assertTrue(VerdictBook.agrees(AnalysisCode.DeadIntermediateMaster,
                AnalysisCode.DeadIntermediateMasterAndSomeReplicas));
        assertFalse(VerdictBook.agrees(AnalysisCode.DeadMaster, AnalysisCode.UnreachableMaster),
                "replicas that still replicate are no agreement that the primary is dead");
        assertFalse(VerdictBook.agrees(AnalysisCode.DeadMaster, AnalysisCode.DeadIntermediateMaster));
        assertFalse(VerdictBook.agrees(AnalysisCode.DeadMaster, AnalysisCode.NoProblem));
        assertTrue(VerdictBook.agrees(AnalysisCode.UnreachableMaster, AnalysisCode.UnreachableMaster));
        report("n2:10008", AnalysisCode.UnreachableMaster, T0);
        report("n3:10008", AnalysisCode.DeadMasterAndSomeReplicas, T0);
        VerdictBook.Tally t = tally(AnalysisCode.DeadMaster, 3, T0);
        assertEquals(List.of("n1:10008", "n3:10008"), t.agreeing());
        assertEquals(Map.of("n2:10008", "UnreachableMaster"), t.disagreeing());
    }

    @Test
    void aVerdictAgesOutAfterTheWindow() {
        report("n2:10008", AnalysisCode.DeadMaster, T0);
        assertTrue(tally(AnalysisCode.DeadMaster, 2, T0.plus(WINDOW)).reached(), "still within the window");
        assertFalse(tally(AnalysisCode.DeadMaster, 2, T0.plus(WINDOW).plusMillis(1)).reached(), "aged out");
        book.prune(T0.plusSeconds(10), WINDOW);
        assertEquals(Map.of(), book.current(PRIMARY, T0, WINDOW), "pruned");
    }

    @Test
    void eachNodeCountsOnceWithItsLatestVerdictAndNoProblemWithdrawsIt() {
        report("n2:10008", AnalysisCode.DeadMaster, T0);
        report("n2:10008", AnalysisCode.DeadMaster, T0.plusMillis(10));
        assertEquals(2, tally(AnalysisCode.DeadMaster, 3, T0.plusMillis(20)).agreeing().size(), "one node, once");
        report("n2:10008", AnalysisCode.NoProblem, T0.plusMillis(30));
        assertFalse(tally(AnalysisCode.DeadMaster, 2, T0.plusMillis(40)).reached(), "withdrawn");
        report("n2:10008", AnalysisCode.DeadMaster, T0.plusMillis(5));
        assertFalse(tally(AnalysisCode.DeadMaster, 2, T0.plusMillis(40)).reached(),
                "a verdict older than the withdrawal arriving late does not count");
    }

    @Test
    void onlyMembersCount() {
        book.record(PRIMARY, new VerdictBook.Verdict("stranger:1", AnalysisCode.DeadMaster, "", T0, T0));
        assertFalse(tally(AnalysisCode.DeadMaster, 2, T0).reached());
    }

    @Test
    void whatNodesReportAndWhatNeedsTheQuorum() {
        assertTrue(VerdictBook.needsQuorum(AnalysisCode.DeadMaster));
        assertTrue(VerdictBook.needsQuorum(AnalysisCode.DeadIntermediateMaster));
        assertTrue(VerdictBook.needsQuorum(AnalysisCode.DeadCoMaster));
        assertFalse(VerdictBook.needsQuorum(AnalysisCode.UnreachableMaster));
        assertTrue(VerdictBook.reportable(AnalysisCode.UnreachableMaster));
        assertTrue(VerdictBook.reportable(AnalysisCode.UnreachableIntermediateMaster));
        assertFalse(VerdictBook.reportable(AnalysisCode.AllMasterReplicasNotReplicating));
        assertFalse(VerdictBook.reportable(AnalysisCode.NoProblem));
    }
}
