package io.quorch.analysis;

import static io.quorch.topology.TopologyTestData.NOW;
import static io.quorch.topology.TopologyTestData.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quorch.domain.BinlogCoordinates;
import io.quorch.domain.Flavor;
import io.quorch.domain.GtidState;
import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.ReplicationStatus;
import io.quorch.domain.SemiSyncStatus;
import io.quorch.domain.ServerState;

/** From instances as the store holds them to analysis entries. */
class AnalyzerTest {

    static ReplicationStatus status(int masterPort, String io, boolean sql, int ioErrno) {
        return new ReplicationStatus(key(masterPort), io.equals("Yes"), sql, io, "",
                new BinlogCoordinates("mysql-bin.000001", 500), new BinlogCoordinates("mysql-bin.000001", 500),
                BinlogCoordinates.NONE, ioErrno == 0 ? "" : "error reconnecting to master", "", ioErrno, 0, 0L, 0, "",
                masterPort, false, "Slave_Pos", "", "", false);
    }

    static Instance server(int port, ReplicationStatus r, boolean valid, boolean readOnly, String binlogPos) {
        ServerState s = new ServerState(port, "", "10.11.19-MariaDB", "", Flavor.MARIADB, readOnly, false, true, true,
                "ROW", "FULL", new BinlogCoordinates("mysql-bin.000001", 500), r,
                new GtidState("", "", "", binlogPos, "", binlogPos, true), SemiSyncStatus.NONE, List.of(), "", "", "",
                "", 10, 1);
        return new Instance(key(port), s, "127.0.0.1:23306", r == null ? 0 : 1, NOW, NOW, valid, valid ? 0 : 1, "");
    }

    static List<ReplicationAnalysis> analyze(List<Instance> instances, List<InstanceKey> downtimed) {
        return Analyzer.analyze(instances, downtimed::contains, NOW);
    }

    @Test
    void deadPrimaryWhoseReplicasLostItIsDeadMaster() {
        var result = analyze(List.of(
                server(23306, null, false, false, "0-23306-10"),
                server(23307, status(23306, "Connecting", true, 2003), true, true, "0-23306-10"),
                server(23308, status(23306, "Connecting", true, 2003), true, true, "0-23306-10")), List.of());
        assertEquals(1, result.size());
        assertEquals(AnalysisCode.DeadMaster, result.get(0).code());
        assertEquals(2, result.get(0).facts().countReplicasFailingToConnectToMaster());
        assertTrue(result.get(0).isActionable());
    }

    @Test
    void unreachablePrimaryWithReplicatingReplicasIsNotDead() {
        var result = analyze(List.of(
                server(23306, null, false, false, "0-23306-10"),
                server(23307, status(23306, "Yes", true, 0), true, true, "0-23306-10"),
                server(23308, status(23306, "Connecting", true, 2003), true, true, "0-23306-10")), List.of());
        assertEquals(AnalysisCode.UnreachableMaster, result.get(0).code());
        assertTrue(!result.get(0).isActionable());
    }

    @Test
    void deadIntermediatePrimaryInAChain() {
        var result = analyze(List.of(
                server(23306, null, true, false, "0-23306-10"),
                server(23307, status(23306, "Yes", true, 0), false, true, "0-23306-10"),
                server(23308, status(23307, "Connecting", true, 2003), true, true, "0-23306-10"),
                server(23309, status(23307, "Connecting", true, 2003), true, true, "0-23306-10")), List.of());
        var im = result.stream().filter(a -> a.key().equals(key(23307))).findFirst().orElseThrow();
        assertEquals(AnalysisCode.DeadIntermediateMaster, im.code());
        var primary = result.stream().filter(a -> a.key().equals(key(23306))).findFirst();
        assertTrue(primary.isEmpty() || primary.get().code() != AnalysisCode.DeadMaster);
    }

    @Test
    void downtimeIsAFact() {
        var result = analyze(List.of(
                server(23306, null, false, false, ""),
                server(23307, status(23306, "Connecting", true, 2003), true, true, "")), List.of(key(23306)));
        assertTrue(result.get(0).facts().downtimed());
    }

    @Test
    void structureWarnings() {
        var errant = analyze(List.of(
                server(23306, null, true, true, "0-23306-10"),
                server(23307, status(23306, "Yes", true, 0), true, true, "0-23307-11")), List.of());
        var warnings = errant.get(0).structureWarnings();
        assertTrue(warnings.contains(StructureWarning.NoWriteableMasterStructureWarning), warnings.toString());
        assertTrue(warnings.contains(StructureWarning.ErrantGTIDStructureWarning), warnings.toString());
        assertEquals(List.of(key(23307)), errant.get(0).facts().errantReplicas());

        var clean = analyze(List.of(
                server(23306, null, true, false, "0-23306-10"),
                server(23307, status(23306, "Yes", true, 0), true, true, "0-23306-10")), List.of());
        assertTrue(clean.isEmpty(), clean.toString());
    }

    @Test
    void mixedGtidModes() {
        ReplicationStatus noGtid = new ReplicationStatus(key(23306), true, true, "Yes", "", BinlogCoordinates.NONE,
                BinlogCoordinates.NONE, BinlogCoordinates.NONE, "", "", 0, 0, 0L, 0, "", 23306, false, "No", "", "",
                false);
        var result = analyze(List.of(
                server(23306, null, true, false, ""),
                server(23307, status(23306, "Yes", true, 0), true, true, ""),
                server(23308, noGtid, true, true, "")), List.of());
        assertTrue(result.get(0).structureWarnings().contains(StructureWarning.DifferentGTIDModesStructureWarning));
    }

    static ReplicationStatus lagging(int masterPort, long seconds) {
        return new ReplicationStatus(key(masterPort), true, true, "Yes", "",
                new BinlogCoordinates("mysql-bin.000001", 500), new BinlogCoordinates("mysql-bin.000001", 500),
                BinlogCoordinates.NONE, "", "", 0, 0, seconds, 0, "", masterPort, false, "Slave_Pos", "", "", false);
    }

    @Test
    void reasonableReplicationLagSecondsDecidesWhoIsLagging() {
        List<Instance> cluster = List.of(server(23306, null, true, false, "0-23306-10"),
                server(23307, lagging(23306, 15), true, true, "0-23306-10"),
                server(23308, lagging(23306, 5), true, true, "0-23306-10"));
        var byDefault = io.quorch.analysis.FactsBuilder.build(cluster, k -> false).get(0);
        assertEquals(1, byDefault.countLaggingReplicas());
        var strict = io.quorch.analysis.FactsBuilder.build(cluster, k -> false, 2).get(0);
        assertEquals(2, strict.countLaggingReplicas());
        var lax = io.quorch.analysis.FactsBuilder.build(cluster, k -> false, 60).get(0);
        assertEquals(0, lax.countLaggingReplicas());
    }

    @Test
    void replicationLagQueryAnswersWinOverSecondsBehindMaster() {
        Instance replica = server(23307, lagging(23306, 0), true, true, "0-23306-10");
        var s = replica.state();
        var withQuery = new ServerState(s.serverId(), s.serverUuid(), s.version(), s.versionComment(), s.flavor(),
                s.readOnly(), s.superReadOnly(), s.logBinEnabled(), s.logReplicationUpdatesEnabled(), s.binlogFormat(),
                s.binlogRowImage(), s.selfBinlogCoordinates(), s.replication(), s.gtid(), s.semiSync(),
                s.replicaKeys(), "", "", "", "", 10, 1,
                new io.quorch.domain.DetectedValues(120L, "", null, null));
        assertEquals(120L, withQuery.replicationLagSeconds());
        Instance r = new Instance(replica.key(), withQuery, replica.clusterName(), 1, NOW, NOW, true, 0, "");
        var facts = io.quorch.analysis.FactsBuilder.build(List.of(server(23306, null, true, false, "0-23306-10"), r),
                k -> false).get(0);
        assertEquals(1, facts.countLaggingReplicas());
    }
}
