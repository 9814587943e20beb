package io.quorch.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quorch.topology.TopologyTestData;
import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;

class ProbeRolesTest {

    static final InstanceKey PRIMARY = new InstanceKey("127.0.0.1", 23306);
    static final InstanceKey MIDDLE = new InstanceKey("127.0.0.1", 23307);
    static final InstanceKey MINE = new InstanceKey("127.0.0.1", 23308);
    static final InstanceKey THEIRS = new InstanceKey("127.0.0.1", 23309);

    /** This node owns the servers in the set; the set may change, as after a reassignment. */
    static final class Share implements ProbeShare {
        final Set<InstanceKey> mine = new HashSet<>();
        Runnable reassigned = () -> { };

        @Override
        public boolean owns(InstanceKey key) {
            return mine.contains(key);
        }

        @Override
        public boolean ownedBy(InstanceKey key, String node) {
            return false;
        }

        @Override
        public void published(Instance instance, boolean valid) {
        }

        @Override
        public void onReassignment(Runnable action) {
            reassigned = action;
        }
    }

    @Test
    void plainReplicasArePolledByTheirOwnerOnlyAndEveryOtherServerByAll() {
        Share share = new Share();
        share.mine.add(MINE);
        List<InstanceKey> polled = new ArrayList<>();
        ProbeRoles roles = new ProbeRoles(share, polled::add);
        roles.update(Set.of(PRIMARY, MIDDLE), Set.of(MINE, THEIRS));
        assertTrue(roles.probesHere(PRIMARY));
        assertTrue(roles.probesHere(MIDDLE), "an intermediate primary owned elsewhere is probed here too");
        assertTrue(roles.probesHere(MINE));
        assertFalse(roles.probesHere(THEIRS));
        assertTrue(roles.probesHere(new InstanceKey("127.0.0.1", 23310)), "a server of no known role");
        assertEquals(List.of(MINE), polled, "a replica newly owned is polled at once");
        assertTrue(roles.isPrimary(MIDDLE));
        assertFalse(roles.isPrimary(MINE));
    }

    @Test
    void aReplicaTakenOverIsPolledAtOnceAndOnlyOnce() {
        Share share = new Share();
        List<InstanceKey> polled = new ArrayList<>();
        ProbeRoles roles = new ProbeRoles(share, polled::add);
        roles.update(Set.of(PRIMARY), Set.of(MINE, THEIRS));
        assertEquals(List.of(), polled);
        share.mine.add(THEIRS);
        share.reassigned.run();
        share.reassigned.run();
        roles.update(Set.of(PRIMARY), Set.of(MINE, THEIRS));
        assertEquals(List.of(THEIRS), polled);
    }

    @Test
    void anOwnerSharesItsReplicasIntermediatePrimariesIncludedButNoTopPrimary() {
        Share share = new Share();
        share.mine.addAll(Set.of(MIDDLE, MINE, PRIMARY));
        ProbeRoles roles = new ProbeRoles(share, k -> { });
        roles.update(Set.of(PRIMARY, MIDDLE), Set.of(MINE));
        Instance middle = TopologyTestData.instance(23307, 23306, 1, true);
        Instance top = TopologyTestData.instance(23306, null, 0, true);
        Instance theirs = TopologyTestData.instance(23309, 23307, 2, true);
        assertTrue(roles.isShared(middle), "a node that takes it for a plain replica learns its replicas from it");
        assertFalse(roles.isShared(top));
        assertFalse(roles.isShared(theirs), "not this node's");
    }
}
