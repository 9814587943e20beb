package io.quorch.recovery;

import static io.quorch.recovery.FakeTopology.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.analysis.AnalysisCode;
import io.quorch.analysis.ReplicationAnalysis;
import io.quorch.domain.TopologyRecovery;
import io.quorch.testing.Await;

/**
 * FailureDetectionQuorum in the recovery pipeline of a leader of three (FakeLeadership's members
 * self, leader and other): what the leader alone sees is audited and not recovered; one more
 * node's verdict wakes the pass and the recovery names the nodes that agreed.
 */
class QuorumServiceTest {

    @TempDir
    Path dir;

    private RecoveryFixture f;

    @BeforeEach
    void deadPrimary() {
        f = new RecoveryFixture(dir, "q1");
        f.config.quorum = "majority";
        f.topology.primary(23306).replica(23307, 23306).replica(23308, 23306).probeAll();
        f.topology.kill(23306).probeAll();
    }

    @AfterEach
    void close() {
        f.close();
    }

    private ReplicationAnalysis dead() {
        ReplicationAnalysis a = f.analysis.analyzeInstance(key(23306)).get(0);
        assertEquals(AnalysisCode.DeadMaster, a.code());
        return a;
    }

    @Test
    void whatTheLeaderAloneSeesIsAuditedOnceAndNotRecovered() {
        assertEquals(2, f.quorum.required());
        assertTrue(f.service.onAnalysis(dead()).isEmpty(), "recovered on the leader's view alone");
        assertEquals(List.of(), shortfalls(), "audited before the others had time to see it too");
        // the recovery job looks again every second: after two poll intervals the shortfall is audited, once
        Await.until("the shortfall audited", Duration.ofSeconds(5), () -> {
            assertTrue(f.service.onAnalysis(dead()).isEmpty());
            return !shortfalls().isEmpty();
        });
        assertTrue(f.service.onAnalysis(dead()).isEmpty());
        List<String> audits = shortfalls();
        assertEquals(List.of("failure-quorum-not-reached: DeadMaster seen only by self:10008 (FailureDetectionQuorum"
                + " 2 of 3); not by leader:10008 (none), other:10008 (none)"), audits);
        assertTrue(f.backend.recoveries.recoveries(java.util.Optional.empty(), false, 10).isEmpty());
        assertTrue(f.analysis.analyzeInstance(key(23306)).stream().allMatch(a -> a.code() == AnalysisCode.DeadMaster));
    }

    private List<String> shortfalls() {
        return f.audits().stream().filter(a -> a.startsWith("failure-quorum-not-reached")).toList();
    }

    @Test
    void aSecondNodesVerdictWakesThePassAndTheRecoveryNamesWhoAgreed() {
        assertTrue(f.service.onAnalysis(dead()).isEmpty());
        f.quorum.receive("other:10008", key(23306), AnalysisCode.DeadMasterAndSomeReplicas, "unreachable",
                Instant.now());
        assertEquals(List.of(new QuorumService.VerdictArrived(dead().clusterName())), f.arrived);
        TopologyRecovery r = f.service.onAnalysis(dead()).orElseThrow();
        List<String> steps = f.steps(r);
        assertTrue(steps.contains("failure detection quorum: DeadMaster agreed by self:10008, other:10008"
                + " (FailureDetectionQuorum 2 of 3); not by leader:10008 (none)"), steps.toString());
        assertTrue(r.successful(), r.toString());
    }

    @Test
    void aVerdictOfAnotherKindOrFromTooLongAgoDoesNotMakeTheQuorum() {
        f.quorum.receive("other:10008", key(23306), AnalysisCode.UnreachableMaster, "", Instant.now());
        assertTrue(f.service.onAnalysis(dead()).isEmpty(), "an unreachable primary whose replicas replicate");
        assertEquals(List.of(), f.arrived, "a suspicion wakes nothing");
        assertEquals(Duration.ofSeconds(2), f.quorum.window());
    }

    @Test
    void aFailureTheLeaderDoesNotSeeIsAuditedAsADisagreement() {
        f.quorum.receive("other:10008", key(23307), AnalysisCode.DeadIntermediateMaster, "unreachable; 0 of 0",
                Instant.now());
        Await.until("the disagreement audited", Duration.ofSeconds(5), () -> f.audits().stream().anyMatch(a -> a.equals(
                "failure-verdict-disagreement: other:10008 reports DeadIntermediateMaster (unreachable; 0 of 0); the"
                        + " leader self:10008 sees NoProblem; FailureDetectionQuorum 2 of 3")));
    }

    /** Background work held until the test runs it: what a burst of verdicts starts can be counted. */
    static final class HeldExecutor extends RecoveryExecutor {
        final List<Runnable> held = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void submit(String what, Runnable task) {
            held.add(task);
        }

        void runAll() {
            List<Runnable> now = List.copyOf(held);
            held.clear();
            now.forEach(Runnable::run);
        }
    }

    @Test
    void aNodeRepeatingItselfStartsOneDisagreementCheckAtATimeAndTheCheckTakesItsLatestWord() {
        HeldExecutor held = new HeldExecutor();
        QuorumService quorum = new QuorumService(f.config, f.leadership,
                new io.quorch.domain.NodeIdentity("self:10008", "t", "test", Instant.now()), f.backend.audit,
                f.analysis, f.backend.instances, f.topology, held, v -> { });
        for (int i = 0; i < 500; i++) {
            quorum.receive("other:10008", key(23307), AnalysisCode.DeadIntermediateMaster, "report " + i,
                    Instant.now());
        }
        assertEquals(1, held.held.size(), "500 reports of one node on one server start one check");
        quorum.receive("leader:10008", key(23307), AnalysisCode.DeadIntermediateMaster, "mine", Instant.now());
        assertEquals(2, held.held.size(), "another node's report has its own check");
        held.runAll();
        List<String> audited = f.audits().stream().filter(a -> a.startsWith("failure-verdict-disagreement")).toList();
        assertEquals(2, audited.size(), audited.toString());
        assertTrue(audited.stream().anyMatch(a -> a.contains("other:10008 reports DeadIntermediateMaster (report 499)")),
                "the check audits the latest report: " + audited);
        quorum.receive("other:10008", key(23307), AnalysisCode.DeadIntermediateMaster, "again", Instant.now());
        assertEquals(1, held.held.size(), "once a check has run, the next report starts another");
    }

    @Test
    void aQuorumOfOneIsTheLeadersOwnViewAsBefore() {
        f.config.quorum = "1";
        ReplicationAnalysis a = dead();
        assertTrue(f.quorum.tally(a).isEmpty(), "nothing to show");
        TopologyRecovery r = f.service.onAnalysis(a).orElseThrow();
        assertTrue(f.steps(r).stream().noneMatch(s -> s.startsWith("failure detection quorum")), f.steps(r).toString());
    }
}
