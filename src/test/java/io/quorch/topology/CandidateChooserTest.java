package io.quorch.topology;

import static io.quorch.topology.TopologyTestData.NOW;
import static io.quorch.topology.TopologyTestData.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quorch.domain.BinlogCoordinates;
import io.quorch.domain.Flavor;
import io.quorch.domain.GtidState;
import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.PromotionRule;
import io.quorch.domain.ReplicationStatus;
import io.quorch.domain.SemiSyncStatus;
import io.quorch.domain.ServerState;

class CandidateChooserTest {

    static Instance replica(int port, long execPos, boolean valid, boolean logSlaveUpdates, String version, String dc) {
        ReplicationStatus r = new ReplicationStatus(key(23306), false, true, "Connecting", "",
                new BinlogCoordinates("mysql-bin.000002", execPos), new BinlogCoordinates("mysql-bin.000002", execPos),
                BinlogCoordinates.NONE, "", "", 2003, 0, null, 0, "", 23306, false, "Slave_Pos", "", "", false);
        ServerState s = new ServerState(port, "", version, "", Flavor.MARIADB, true, false, true, logSlaveUpdates, "ROW",
                "FULL", BinlogCoordinates.NONE, r, GtidState.NONE, SemiSyncStatus.NONE, List.of(), dc, "", "", "", 1,
                1);
        return new Instance(key(port), s, "127.0.0.1:23306", 1, NOW, NOW, valid, 0, "");
    }

    static Instance replica(int port, long execPos) {
        return replica(port, execPos, true, true, "10.11.19-MariaDB", "dc1");
    }

    static Instance deadMaster() {
        return TopologyTestData.instance(23306, null, 0, false);
    }

    static CandidateChooser.Choice choose(List<Instance> replicas, Map<InstanceKey, PromotionRule> rules,
            CandidateChooser.Options options) {
        return CandidateChooser.choose(deadMaster(), replicas, rules, options, new StringBuilder()).orElseThrow();
    }

    @Test
    void theMostAdvancedReplicaWins() {
        var c = choose(List.of(replica(23307, 100), replica(23308, 300), replica(23309, 200)), Map.of(),
                CandidateChooser.Options.NONE);
        assertEquals(key(23308), c.successor().key());
        assertFalse(c.needsCatchUp());
        assertEquals(List.of(key(23307), key(23309)), c.followers().stream().map(Instance::key).toList());
    }

    @Test
    void aPreferredReplicaWinsAfterCatchingUp() {
        var c = choose(List.of(replica(23307, 100), replica(23308, 300), replica(23309, 200)),
                Map.of(key(23307), PromotionRule.PREFER), CandidateChooser.Options.NONE);
        assertEquals(key(23307), c.successor().key());
        assertEquals(key(23308), c.mostAdvanced().key());
        assertTrue(c.needsCatchUp());
        assertTrue(c.reason().contains("catches up from the most advanced 127.0.0.1:23308"), c.reason());
    }

    @Test
    void mustNotIsNeverChosenButStillFeedsTheSuccessor() {
        var c = choose(List.of(replica(23307, 300), replica(23308, 100)), Map.of(key(23307), PromotionRule.MUST_NOT),
                CandidateChooser.Options.NONE);
        assertEquals(key(23308), c.successor().key());
        assertEquals(key(23307), c.mostAdvanced().key());
        assertTrue(c.needsCatchUp());
    }

    @Test
    void preferNotLosesToNeutral() {
        var c = choose(List.of(replica(23307, 300), replica(23308, 300)), Map.of(key(23307), PromotionRule.PREFER_NOT),
                CandidateChooser.Options.NONE);
        assertEquals(key(23308), c.successor().key());
        assertFalse(c.needsCatchUp());
    }

    @Test
    void tiesGoToTheLowestKey() {
        var c = choose(List.of(replica(23309, 300), replica(23307, 300), replica(23308, 300)), Map.of(),
                CandidateChooser.Options.NONE);
        assertEquals(key(23307), c.successor().key());
    }

    @Test
    void ineligibleReplicas() {
        var noUpdates = replica(23307, 900, true, false, "10.11.19-MariaDB", "dc1");
        var newer = replica(23308, 800, true, true, "11.4.2-MariaDB", "dc1");
        var otherDc = replica(23309, 700, true, true, "10.11.19-MariaDB", "dc2");
        var ok = replica(23310, 600);
        var behind = replica(23311, 100);
        Instance master = deadMaster();
        var deadInDc1 = new Instance(master.key(), replica(23306, 0).state(), master.clusterName(), 0, NOW, NOW, false,
                1, "");
        List<Instance> all = List.of(noUpdates, newer, otherDc, ok, behind);
        var c = CandidateChooser.choose(deadInDc1, all, Map.of(), new CandidateChooser.Options(List.of(), true),
                new StringBuilder()).orElseThrow();
        assertEquals(key(23310), c.successor().key(), c.reason());
        assertTrue(c.reason().contains("127.0.0.1:23307 does not log replication updates"), c.reason());
        assertTrue(c.reason().contains("127.0.0.1:23308 runs 11.4, newer than other replicas"), c.reason());
        assertTrue(c.reason().contains("PreventCrossDataCenterMasterFailover"), c.reason());

        StringBuilder why = new StringBuilder();
        var ignoreAll = new CandidateChooser.Options(List.of(Pattern.compile("^127\\.")), false);
        assertTrue(CandidateChooser.choose(deadInDc1, all, Map.of(), ignoreAll, why).isEmpty());
        assertTrue(why.toString().contains("127.0.0.1:23310 matches PromotionIgnoreHostnameFilters"), why.toString());
    }

    @Test
    void unreachableReplicasAreLostAndNoneReachableMeansNoChoice() {
        var c = choose(List.of(replica(23307, 100), replica(23308, 900, false, true, "10.11.19-MariaDB", "dc1")),
                Map.of(), CandidateChooser.Options.NONE);
        assertEquals(key(23307), c.successor().key());
        assertEquals(List.of(key(23308)), c.lost().stream().map(Instance::key).toList());
        StringBuilder why = new StringBuilder();
        assertTrue(CandidateChooser.choose(deadMaster(), List.of(replica(23308, 1, false, true, "10.11", "")), Map.of(),
                CandidateChooser.Options.NONE, why).isEmpty());
        assertEquals("no reachable replica", why.toString());
    }

    @Test
    void versionsCompareNumerically() {
        assertTrue(CandidateChooser.compareVersions("10.11", "11.4") < 0);
        assertTrue(CandidateChooser.compareVersions("10.11", "10.6") > 0);
        assertEquals(0, CandidateChooser.compareVersions("8.0", "8.0"));
    }
}
