package io.quorch.recovery;

import static io.quorch.recovery.FakeTopology.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.analysis.Analyzer;
import io.quorch.domain.Downtime;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.TopologyRecovery;

/**
 * The recovery forms and safety keys over an in-memory topology: a primary 23306 with replicas 23307-23309
 * (regions set per test), recovered with a candidate, without hooks, forcibly, with lost and lagging replicas.
 */
class RecoveryFormsTest {

    @TempDir
    Path dir;

    private RecoveryFixture f;

    @BeforeEach
    void cluster() {
        f = new RecoveryFixture(dir, "q1");
        f.topology.primary(23306).replica(23307, 23306).replica(23308, 23306).replica(23309, 23306);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private void killPrimary() {
        f.topology.probeAll().kill(23306).probeAll();
    }

    private TopologyRecovery recover(Integer candidate, boolean lite) {
        return f.service.recoverManually(key(23306), new RecoveryService.Request(
                Optional.ofNullable(candidate).map(FakeTopology::key), lite));
    }

    @Test
    void aDesignatedCandidateIsPromotedAndTheOthersFollowIt() {
        killPrimary();
        TopologyRecovery r = recover(23309, false);
        assertTrue(r.successful(), r.toString());
        assertEquals(key(23309), r.successor());
        assertEquals(List.of(key(23309)), f.topology.writable());
        assertEquals(key(23309), f.topology.server(23307).master);
        assertEquals(key(23309), f.topology.server(23308).master);
    }

    @Test
    void aCandidateThatIsNotADirectReplicaIsRefusedBeforeAnythingChanges() {
        f.topology.replica(23310, 23307);
        killPrimary();
        var e = assertThrows(RecoveryRefusedException.class, () -> recover(23310, false));
        assertEquals("candidate " + key(23310) + " is not a direct replica of " + key(23306), e.getMessage());
        assertTrue(f.topology.commands.isEmpty(), f.topology.commands.toString());
    }

    @Test
    void recoverLiteRunsNoHook() {
        f.config.preFailover = List.of("exit 3");
        killPrimary();
        TopologyRecovery r = recover(null, true);
        assertTrue(r.successful(), r.toString());
        assertTrue(f.steps(r).stream().noneMatch(s -> s.contains("PreFailoverProcesses")), f.steps(r).toString());
    }

    @Test
    void theFailedPrimaryAndLostReplicasAreDowntimedLostInRecoveryForTheConfiguredTime() {
        f.config.lostDowntimeMinutes = 30;
        f.config.detachLostReplicas = false;
        f.topology.failing = c -> c.equals("changeMaster 23308 23307");
        killPrimary();
        TopologyRecovery r = recover(23307, false);
        assertTrue(r.successful(), r.toString());
        List<Downtime> downtimes = f.backend.downtimes.allActive(Instant.now());
        assertEquals(List.of(key(23306), key(23308)), downtimes.stream().map(Downtime::key).sorted().toList());
        for (Downtime d : downtimes) {
            assertEquals("lost-in-recovery", d.reason());
            long minutes = Duration.between(d.begin(), d.end()).toMinutes();
            assertEquals(30, minutes, d.toString());
        }
        assertTrue(f.topology.commands.stream().noneMatch(c -> c.startsWith("detachMasterHost")));
    }

    @Test
    void zeroDowntimeMinutesIsOrchestratorsYear() {
        f.config.lostDowntimeMinutes = 0;
        assertEquals(Duration.ofDays(365), RecoveryAftermath.lostDowntime(f.config));
    }

    @Test
    void aLostReplicaThatStillAnswersIsDetachedFromTheFailedPrimary() {
        f.topology.failing = c -> c.equals("changeMaster 23308 23307");
        killPrimary();
        TopologyRecovery r = recover(23307, false);
        assertTrue(r.successful(), r.toString());
        assertTrue(f.topology.server(23308).detached, f.topology.commands.toString());
        assertTrue(f.steps(r).stream().anyMatch(s -> s.startsWith("detached lost replica " + key(23308))));
    }

    @Test
    void aLaggingReplicaIsMovedOnlyAfterThePostFailoverHooks() {
        f.config.postponeOnLagMinutes = 10;
        f.config.postFailover = List.of("true");
        f.topology.server(23309).lag = 1200;
        killPrimary();
        TopologyRecovery r = recover(23307, false);
        assertTrue(r.successful(), r.toString());
        assertEquals(key(23307), f.topology.server(23309).master, "moved in the end");
        List<String> steps = f.steps(r);
        int hooks = indexOf(steps, "PostFailoverProcesses: exit 0");
        int moved = indexOf(steps, "postponed: moving " + key(23309) + " under " + key(23307) + ": done");
        assertTrue(hooks >= 0 && moved > hooks, steps.toString());
        assertTrue(indexOf(steps, "postponing the move of " + key(23309)) >= 0, steps.toString());
    }

    private static int indexOf(List<String> steps, String prefix) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void aDesignatedCandidateOfAnotherRegionIsRefusedBeforeAnythingChanges() {
        f.config.preventCrossRegion = true;
        f.topology.server(23306).region = "eu";
        f.topology.server(23307).region = "us";
        f.topology.server(23308).region = "us";
        f.topology.server(23309).region = "eu";
        killPrimary();
        var e = assertThrows(RecoveryRefusedException.class, () -> recover(23307, false));
        assertEquals("RecoverDeadMaster: failed " + key(23307) + " promotion; PreventCrossRegionMasterFailover: will"
                + " not promote server in us when failed server in eu", e.getMessage());
        assertTrue(f.topology.commands.isEmpty(), f.topology.commands.toString());
    }

    @Test
    void automaticChoiceKeepsToTheFailedPrimarysRegion() {
        f.config.preventCrossRegion = true;
        f.topology.server(23306).region = "eu";
        f.topology.server(23307).region = "us";
        f.topology.server(23308).region = "us";
        f.topology.server(23309).region = "eu";
        killPrimary();
        TopologyRecovery r = recover(null, false);
        assertEquals(key(23309), r.successor(), r.toString());
    }

    @Test
    void forceMasterTakeoverFencesThePrimaryAndPromotesTheDesignatedReplica() {
        f.topology.probeAll();
        var asAnalyzed = Analyzer.forced(f.backend.instances.readCluster(key(23306).toString()), key(23306));
        TopologyRecovery r = f.service.forceMasterFailover(asAnalyzed, f.backend.instances.read(key(23308)));
        assertTrue(r.successful(), r.toString());
        assertEquals(List.of(key(23308)), f.topology.writable());
        assertTrue(f.topology.server(23306).readOnly);
    }

    @Test
    void forceMasterTakeoverRefusesAReplicaOfAReplica() {
        f.topology.replica(23310, 23307).probeAll();
        var asAnalyzed = Analyzer.forced(f.backend.instances.readCluster(key(23306).toString()), key(23306));
        var e = assertThrows(RecoveryRefusedException.class,
                () -> f.service.forceMasterFailover(asAnalyzed, f.backend.instances.read(key(23310))));
        assertEquals("You may only promote a direct child of the master " + key(23306) + ". The master of "
                + key(23310) + " is " + key(23307) + ".", e.getMessage());
        assertTrue(f.topology.commands.isEmpty(), f.topology.commands.toString());
        assertEquals(List.of(key(23306)), f.topology.writable());
    }

    @Test
    void aReadOnlyPrimaryWithReplicatingReplicasIsMadeWritableOnlyWhenTheKeyIsOn() {
        f.topology.server(23306).readOnly = true;
        f.topology.probeAll();
        var a = f.analysis.analyzeInstance(key(23306)).get(0);
        assertTrue(f.nonWriteable.recover(a).isEmpty(), "off by default");
        assertTrue(f.topology.server(23306).readOnly);
        f.config.recoverNonWriteableMaster = true;
        TopologyRecovery r = f.nonWriteable.recover(a).orElseThrow();
        assertTrue(r.successful(), r.toString());
        assertFalse(f.topology.server(23306).readOnly);
        assertEquals(NonWriteableMasterRecovery.ANALYSIS, r.analysis());
    }

    @Test
    void aReadOnlyServerWithoutReplicasIsNeverMadeWritable() {
        f = close(f);
        f.topology.primary(23306);
        f.topology.server(23306).readOnly = true;
        f.topology.probeAll();
        f.config.recoverNonWriteableMaster = true;
        f.analysis.analyzeInstance(key(23306)).forEach(a -> assertTrue(f.nonWriteable.recover(a).isEmpty()));
        assertTrue(f.topology.server(23306).readOnly);
    }

    private RecoveryFixture close(RecoveryFixture old) {
        old.close();
        return new RecoveryFixture(dir.resolve("again"), "q1");
    }

    @Test
    void aDeadCoPrimaryIsReplacedByTheOtherCoPrimary() {
        f = close(f);
        f.topology.replica(23306, 23307).replica(23307, 23306).replica(23308, 23307).probeAll();
        f.topology.kill(23307).probeAll();
        var a = f.analysis.analyzeInstance(key(23307)).get(0);
        assertEquals("DeadCoMaster", a.code().name());
        TopologyRecovery r = f.service.recoverManually(key(23307));
        assertTrue(r.successful(), r.toString());
        assertEquals(key(23306), r.successor());
        assertEquals(List.of(key(23306)), f.topology.writable());
        assertEquals(key(23306), f.topology.server(23308).master);
        assertNull(f.topology.server(23306).master);
    }

    @Test
    void coPrimaryHooksAreToldItWasACoPrimary() {
        var hc = new HookContext("DeadCoMaster", "", key(23307), "c", "c", 1, List.of(), true, false, null, List.of(),
                null, "recover", "q1");
        assertEquals("true", hc.placeholders().get("isCoMaster"));
        assertEquals("co-master", hc.placeholders().get("instanceType"));
    }

    @Test
    void theOtherCoPrimaryMustBePromotedWhenTheKeySaysSoOrWhenItIsWritable() {
        RecoveryContext ctx = f.recorder.start(key(23307), "DeadCoMaster", "c", "c",
                io.quorch.domain.RecoveryType.MANUAL, 0, "{}");
        InstanceKey other = key(23306);
        assertEquals(Optional.of(other), CoMasterRule.candidate(ctx, other, false, true, Optional.empty()));
        assertEquals(Optional.of(other), CoMasterRule.candidate(ctx, other, true, false, Optional.empty()));
        assertEquals(Optional.empty(), CoMasterRule.candidate(ctx, other, false, false, Optional.empty()));
        assertEquals(Optional.of(key(23308)), CoMasterRule.candidate(ctx, other, false, false,
                Optional.of(key(23308))));
        var e = assertThrows(RecoveryException.class, () -> CoMasterRule.candidate(ctx, other, true, false,
                Optional.of(key(23308))));
        assertTrue(e.getMessage().startsWith("RecoverDeadCoMaster: could not manage to promote other-co-master"));
    }
}
