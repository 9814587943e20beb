package io.quorch.topology;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.quorch.domain.InstanceKey;

/**
 * What an operation will change, checked before anything runs: the moves in order, and the replicas that an
 * operation over several replicas leaves where they are (with the reason), as orchestrator reports them.
 *
 * @param operation orchestrator's name for it ("relocate", "move-up", ...)
 * @param subject   the server named in the request; its fresh state is the answer
 */
public record MovePlan(String operation, InstanceKey subject, List<Move> moves, List<String> skipped) {

    public MovePlan {
        moves = List.copyOf(moves);
        skipped = List.copyOf(skipped);
    }

    public static MovePlan of(String operation, InstanceKey subject, Move... moves) {
        return new MovePlan(operation, subject, List.of(moves), List.of());
    }

    /** Every server the plan stops or changes, the subject first. */
    public List<InstanceKey> touched() {
        Set<InstanceKey> out = new LinkedHashSet<>();
        out.add(subject);
        moves.forEach(m -> out.addAll(m.touched()));
        return new ArrayList<>(out);
    }
}
