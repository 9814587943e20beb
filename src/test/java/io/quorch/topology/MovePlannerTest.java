package io.quorch.topology;

import static io.quorch.topology.Servers.k;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which moves each operation plans on a 1+3 and on a chain (1 -> 2 -> {3, 4}), with and without GTID,
 * and what it refuses (with orchestrator's wording) before anything runs.
 */
class MovePlannerTest {

    static Servers flat() {
        return new Servers().primary(1).replica(2, 1).replica(3, 1).replica(4, 1);
    }

    static Servers chain() {
        return new Servers().primary(1).replica(2, 1).replica(3, 2).replica(4, 2);
    }

    static Stream<Arguments> plans() {
        return Stream.of(
                Arguments.of("relocate via GTID", flat(), (Function<Servers, MovePlan>) s -> s.planner().relocate(k(4), k(2)),
                        List.of(new Move.ViaGtid(k(4), k(2)))),
                Arguments.of("relocate to a sibling without GTID", flat().withoutGtid(),
                        (Function<Servers, MovePlan>) s -> s.planner().relocate(k(4), k(2)),
                        List.of(new Move.MoveBelow(k(4), k(2)))),
                Arguments.of("relocate to the grandparent without GTID", chain().withoutGtid(),
                        (Function<Servers, MovePlan>) s -> s.planner().relocate(k(3), k(1)),
                        List.of(new Move.MoveUp(k(3), k(2), k(1)))),
                Arguments.of("relocate to its own master repoints", chain().withoutGtid(),
                        (Function<Servers, MovePlan>) s -> s.planner().relocate(k(3), k(2)),
                        List.of(new Move.Repoint(k(3), k(2), false))),
                Arguments.of("move-up without GTID", chain().withoutGtid(),
                        (Function<Servers, MovePlan>) s -> s.planner().moveUp(k(3)),
                        List.of(new Move.MoveUp(k(3), k(2), k(1)))),
                Arguments.of("move-up with GTID", chain(), (Function<Servers, MovePlan>) s -> s.planner().moveUp(k(3)),
                        List.of(new Move.ViaGtid(k(3), k(1)))),
                Arguments.of("move-below without GTID", flat().withoutGtid(),
                        (Function<Servers, MovePlan>) s -> s.planner().moveBelow(k(3), k(2)),
                        List.of(new Move.MoveBelow(k(3), k(2)))),
                Arguments.of("take-master without GTID", chain().withoutGtid(),
                        (Function<Servers, MovePlan>) s -> s.planner().takeMaster(k(3)),
                        List.of(new Move.TakeMaster(k(3), k(2), k(1), false))),
                Arguments.of("take-master with GTID", chain(), (Function<Servers, MovePlan>) s -> s.planner().takeMaster(k(3)),
                        List.of(new Move.TakeMaster(k(3), k(2), k(1), true))),
                Arguments.of("make-co-master", flat().withoutGtid(),
                        (Function<Servers, MovePlan>) s -> s.planner().makeCoMaster(k(2)),
                        List.of(new Move.MakeCoMaster(k(2), k(1)))),
                Arguments.of("repoint to its own source without GTID", flat().withoutGtid(),
                        (Function<Servers, MovePlan>) s -> s.planner().repoint(k(2), null),
                        List.of(new Move.Repoint(k(2), k(1), false))),
                Arguments.of("take-siblings without GTID", flat().withoutGtid(),
                        (Function<Servers, MovePlan>) s -> s.replicas().takeSiblings(k(2)),
                        List.of(new Move.MoveBelow(k(3), k(2)), new Move.MoveBelow(k(4), k(2)))),
                Arguments.of("move-up-replicas without GTID", chain().withoutGtid(),
                        (Function<Servers, MovePlan>) s -> s.replicas().moveUpReplicas(k(2)),
                        List.of(new Move.MoveUp(k(3), k(2), k(1)), new Move.MoveUp(k(4), k(2), k(1)))),
                Arguments.of("relocate-replicas via GTID", chain(),
                        (Function<Servers, MovePlan>) s -> s.replicas().relocateReplicas("relocate-replicas", k(2), k(2),
                                k(1), false),
                        List.of(new Move.ViaGtid(k(3), k(1)), new Move.ViaGtid(k(4), k(1)))),
                Arguments.of("regroup-replicas promotes the most advanced", flat().withoutGtid().change(3, x -> {
                    x.replicating = true;
                    return x;
                }), (Function<Servers, MovePlan>) s -> s.replicas().regroupReplicas("regroup-replicas", k(1), false),
                        List.of(new Move.MoveBelow(k(3), k(2)), new Move.MoveBelow(k(4), k(2)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void plans(String name, Servers topology, Function<Servers, MovePlan> plan, List<Move> want) {
        assertEquals(want, plan.apply(topology).moves());
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("a cycle", chain(), (Function<Servers, MovePlan>) s -> s.planner().relocate(k(2), k(3)),
                        "relocate: 127.0.0.1:3 is a descendant of 127.0.0.1:2"),
                Arguments.of("a primary under its own replica", chain(),
                        (Function<Servers, MovePlan>) s -> s.planner().relocate(k(1), k(4)),
                        "relocate: 127.0.0.1:4 is a descendant of 127.0.0.1:1"),
                Arguments.of("a cousin without GTID", chain().withoutGtid().replica(5, 1),
                        (Function<Servers, MovePlan>) s -> s.planner().relocate(k(3), k(5)),
                        "Relocating 127.0.0.1:3 below 127.0.0.1:5 turns to be too complex; please do it manually"),
                Arguments.of("lag", chain().withoutGtid().change(3, x -> {
                    x.lag = 600L;
                    return x;
                }), (Function<Servers, MovePlan>) s -> s.planner().moveUp(k(3)), "127.0.0.1:3: lags too much"),
                Arguments.of("maintenance of the parent a move-up stops", chain().withoutGtid().inMaintenance(2),
                        (Function<Servers, MovePlan>) s -> s.planner().moveUp(k(3)),
                        "Cannot begin maintenance on 127.0.0.1:2: it is in maintenance"),
                Arguments.of("move-up of a primary's replica", flat(),
                        (Function<Servers, MovePlan>) s -> s.planner().moveUp(k(2)),
                        "master is not a replica itself: 127.0.0.1:1"),
                Arguments.of("move-up of the primary", flat(), (Function<Servers, MovePlan>) s -> s.planner().moveUp(k(1)),
                        "instance is not a replica: 127.0.0.1:1"),
                Arguments.of("move-below a non-sibling", chain().withoutGtid().replica(5, 1),
                        (Function<Servers, MovePlan>) s -> s.planner().moveBelow(k(3), k(5)),
                        "instances are not siblings: 127.0.0.1:3, 127.0.0.1:5"),
                Arguments.of("binlog format", flat().change(3, x -> {
                    x.format = "STATEMENT";
                    return x;
                }), (Function<Servers, MovePlan>) s -> s.planner().relocate(k(3), k(2)),
                        "127.0.0.1:3 cannot replicate from 127.0.0.1:2. Reason: Cannot replicate from ROW binlog format on"
                                + " 127.0.0.1:2 to STATEMENT on 127.0.0.1:3"),
                Arguments.of("repoint elsewhere without GTID", flat().withoutGtid(),
                        (Function<Servers, MovePlan>) s -> s.planner().repoint(k(3), k(2)),
                        "repoint: 127.0.0.1:3 does not replicate by GTID; without GTID it can only be repointed to its own"
                                + " master 127.0.0.1:1 (binlog coordinates differ between servers)"),
                Arguments.of("make-co-master of a writable replica", flat().change(2, x -> {
                    x.readOnly = false;
                    return x;
                }), (Function<Servers, MovePlan>) s -> s.planner().makeCoMaster(k(2)),
                        "instance 127.0.0.1:2 is not read-only; first make it read-only before making it co-master"),
                Arguments.of("make-co-master below an intermediate master", chain(),
                        (Function<Servers, MovePlan>) s -> s.planner().makeCoMaster(k(3)),
                        "127.0.0.1:2 is not a real master; it replicates from: 127.0.0.1:1"),
                Arguments.of("take-master of a primary", flat(),
                        (Function<Servers, MovePlan>) s -> s.planner().takeMaster(k(2)),
                        "master is not a replica itself: 127.0.0.1:1 (to replace a primary use graceful-master-takeover)"),
                Arguments.of("GTID move without GTID", flat().withoutGtid(),
                        (Function<Servers, MovePlan>) s -> s.planner().moveBelowGtid("move-below-gtid", k(3), k(2)),
                        "Cannot move via GTID as not both instances use GTID: 127.0.0.1:3, 127.0.0.1:2"),
                Arguments.of("move-equivalent without GTID", flat().withoutGtid(),
                        (Function<Servers, MovePlan>) s -> s.planner().moveEquivalent(k(3), k(2)),
                        "No equivalent coordinates found for 127.0.0.1:3 replicating from 127.0.0.1:1 at"
                                + " mysql-bin.000001:100 (quorch records no equivalence coordinates; without GTID use"
                                + " relocate)"),
                Arguments.of("move-replicas-gtid when none use GTID", flat().withoutGtid(),
                        (Function<Servers, MovePlan>) s -> s.replicas().relocateReplicas("move-replicas-gtid", k(1),
                                k(1), k(2), true),
                        "MoveReplicasGTID: moved 0 of 2 replicas of 127.0.0.1:1: 127.0.0.1:3 cannot move below"
                                + " 127.0.0.1:2 via GTID; 127.0.0.1:4 cannot move below 127.0.0.1:2 via GTID"),
                Arguments.of("take-siblings of the primary", flat(),
                        (Function<Servers, MovePlan>) s -> s.replicas().takeSiblings(k(1)),
                        "take-siblings: instance 127.0.0.1:1 is not a replica."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void refusals(String name, Servers topology, Function<Servers, MovePlan> plan, String message) {
        MoveRefusedException e = assertThrows(MoveRefusedException.class, () -> plan.apply(topology));
        assertEquals(message, e.getMessage());
    }

    @Test
    void aReplicaThatCannotMoveIsLeftInPlaceWithTheReason() {
        Servers t = chain().withoutGtid().change(4, x -> {
            x.replicating = false;
            return x;
        });
        MovePlan plan = t.replicas().moveUpReplicas(k(2));
        assertEquals(List.of(new Move.MoveUp(k(3), k(2), k(1))), plan.moves());
        assertEquals(List.of("127.0.0.1:4: instance is not replicating"), plan.skipped());
    }

    @Test
    void aPlanTouchesEveryServerItStops() {
        MovePlan plan = chain().withoutGtid().planner().takeMaster(k(3));
        assertEquals(List.of(k(3), k(2)), plan.touched());
        assertTrue(plan.moves().get(0).describe().contains("takes its master"));
    }
}
