package io.quorch.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.quorch.domain.InstanceKey;
import io.quorch.domain.ProbeNode;

class RendezvousTest {

    private static final ProbeNode A = new ProbeNode("10.0.0.1:10008", "http://10.0.0.1:3000", "");
    private static final ProbeNode B = new ProbeNode("10.0.0.2:10008", "http://10.0.0.2:3000", "");
    private static final ProbeNode C = new ProbeNode("10.0.0.3:10008", "http://10.0.0.3:3000", "");
    private static final List<InstanceKey> SERVERS = IntStream.range(0, 3000)
            .mapToObj(i -> new InstanceKey("db" + i + ".example.com", 3306 + i % 3)).toList();

    @Test
    void everyNodeComputesTheSameOwnerWhateverTheOrderOfTheList() {
        for (InstanceKey k : SERVERS.subList(0, 200)) {
            assertEquals(Rendezvous.owners(k, List.of(A, B, C), 1), Rendezvous.owners(k, List.of(C, A, B), 1));
            assertEquals(Rendezvous.owners(k, List.of(A, B, C), 2), Rendezvous.owners(k, List.of(B, C, A), 2));
        }
    }

    @Test
    void eachOfThreeNodesOwnsAboutAThird() {
        Map<String, Integer> owned = new HashMap<>();
        SERVERS.forEach(k -> owned.merge(Rendezvous.owners(k, List.of(A, B, C), 1).get(0), 1, Integer::sum));
        for (ProbeNode n : List.of(A, B, C)) {
            int share = owned.getOrDefault(n.id(), 0);
            assertTrue(share > 850 && share < 1150, n.id() + " owns " + share + " of 3000");
        }
    }

    @Test
    void losingANodeMovesOnlyItsServers() {
        int moved = 0;
        for (InstanceKey k : SERVERS) {
            String before = Rendezvous.owners(k, List.of(A, B, C), 1).get(0);
            String after = Rendezvous.owners(k, List.of(A, B), 1).get(0);
            if (!before.equals(C.id())) {
                assertEquals(before, after, k + " moved though its owner stayed");
            } else {
                moved++;
                assertNotEquals(C.id(), after);
            }
        }
        assertTrue(moved > 850, "C's servers: " + moved);
    }

    @Test
    void twoCopiesAreTwoDistinctNodesInDifferentDataCentersWhenThereAreSeveral() {
        ProbeNode a = new ProbeNode("a:1", "http://a:1", "east");
        ProbeNode b = new ProbeNode("b:1", "http://b:1", "east");
        ProbeNode c = new ProbeNode("c:1", "http://c:1", "west");
        for (InstanceKey k : SERVERS.subList(0, 500)) {
            List<String> owners = Rendezvous.owners(k, List.of(a, b, c), 2);
            assertEquals(2, owners.size());
            assertTrue(owners.contains("c:1"), k + ": one owner in the west, got " + owners);
        }
        for (InstanceKey k : SERVERS.subList(0, 100)) {
            List<String> owners = Rendezvous.owners(k, List.of(A, B, C), 2);
            assertEquals(2, owners.stream().distinct().count(), owners.toString());
        }
    }

    @Test
    void moreCopiesThanNodesIsEveryNodeAndNoNodesIsNoOwner() {
        InstanceKey k = SERVERS.get(0);
        assertEquals(2, Rendezvous.owners(k, List.of(A, B), 3).size());
        assertEquals(List.of(), Rendezvous.owners(k, List.of(), 1));
        assertEquals(List.of(A.id()), Rendezvous.owners(k, List.of(A), 2));
    }
}
