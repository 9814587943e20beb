package io.quorch.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.quorch.domain.InstanceKey;
import io.quorch.domain.ProbeNode;

/** Who may report a replica while the nodes sharing the probing change. */
class ProbeAssignmentTest {

    private static final ProbeNode A = new ProbeNode("10.0.0.1:10008", "http://10.0.0.1:3000", "");
    private static final ProbeNode B = new ProbeNode("10.0.0.2:10008", "http://10.0.0.2:3000", "");
    private static final ProbeNode C = new ProbeNode("10.0.0.3:10008", "http://10.0.0.3:3000", "");
    private static final Duration GRACE = Duration.ofSeconds(3);
    private static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");

    /** A server owned by A among A and B that C takes over once it joins. */
    private static InstanceKey movedFromAToC() {
        return IntStream.range(0, 1000).mapToObj(i -> new InstanceKey("db" + i + ".example.com", 3306))
                .filter(k -> Rendezvous.owners(k, List.of(A, B), 1).equals(List.of(A.id()))
                        && Rendezvous.owners(k, List.of(A, B, C), 1).equals(List.of(C.id())))
                .findFirst().orElseThrow();
    }

    @Test
    void thePreviousOwnerIsStillHeardWhileTheOthersReadTheChangeAndNotAfter() {
        InstanceKey key = movedFromAToC();
        var two = ProbeShareService.Assignment.EMPTY.next("1", List.of(A, B), T0);
        var three = two.next("2", List.of(A, B, C), T0.plusSeconds(60));
        assertTrue(three.ownedBy(key, C.id(), 1, T0.plusSeconds(60), GRACE), "the new owner");
        assertTrue(three.ownedBy(key, A.id(), 1, T0.plusSeconds(61), GRACE), "the old owner, just after the change");
        assertFalse(three.ownedBy(key, A.id(), 1, T0.plusSeconds(64), GRACE), "the old owner, after the grace");
        assertFalse(three.ownedBy(key, B.id(), 1, T0.plusSeconds(61), GRACE), "a node that never owned it");
    }

    @Test
    void onlyOnePredecessorIsKept() {
        var two = ProbeShareService.Assignment.EMPTY.next("1", List.of(A, B), T0);
        var three = two.next("2", List.of(A, B, C), T0.plusSeconds(1));
        var again = three.next("3", List.of(B, C), T0.plusSeconds(2));
        assertEquals("2", again.before().raw());
        assertNull(again.before().before(), "older assignments are let go");
    }

    @Test
    void fewerThanTwoNodesShareNothing() {
        InstanceKey key = movedFromAToC();
        var one = ProbeShareService.Assignment.EMPTY.next("1", List.of(A), T0);
        assertEquals(List.of(), one.owners(key, 1));
        assertFalse(one.ownedBy(key, A.id(), 1, T0, GRACE));
    }

    @Test
    void newsWaitsATenthOfThePollIntervalForMoreFrom50To200Ms() {
        assertEquals(100, ProbeShareService.batchMillis(Duration.ofSeconds(1)));
        assertEquals(200, ProbeShareService.batchMillis(Duration.ofSeconds(5)));
        assertEquals(50, ProbeShareService.batchMillis(Duration.ofMillis(200)));
    }
}
