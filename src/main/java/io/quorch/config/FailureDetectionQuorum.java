package io.quorch.config;

import java.util.Locale;
import java.util.Optional;

import io.quorch.domain.Text;

/**
 * FailureDetectionQuorum: how many nodes of the group (the leader included) must report the same
 * failure of a primary before the leader recovers it. "majority" (the default) is more than half
 * of the group; a number is that many nodes; 1 is the leader's own view alone. Pure arithmetic.
 */
public record FailureDetectionQuorum(int fixed) {

    public static final String KEY = "FailureDetectionQuorum";
    public static final String MAJORITY = "majority";
    /** fixed() of "majority". */
    static final int OF_MAJORITY = 0;

    /** The value as configured ("majority", case-insensitive, or a whole number of at least 1). */
    public static FailureDetectionQuorum parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.toLowerCase(Locale.ROOT).equals(MAJORITY)) {
            return new FailureDetectionQuorum(OF_MAJORITY);
        }
        int n;
        try {
            n = Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(KEY + ": must be \"majority\" or a number of nodes, got \""
                    + Text.shown(t, 40) + "\"");
        }
        if (n < 1) {
            throw new IllegalArgumentException(KEY + ": must be at least 1 (1: the leader alone decides), got " + n);
        }
        return new FailureDetectionQuorum(n);
    }

    /** How many nodes must agree in a group of groupSize nodes (1 in single-node mode). */
    public int required(int groupSize) {
        int size = Math.max(1, groupSize);
        return fixed == OF_MAJORITY ? size / 2 + 1 : fixed;
    }

    /** The problem with text for a group of groupSize nodes, naming the key; empty when it is fine. */
    public static Optional<String> problem(String text, int groupSize) {
        try {
            FailureDetectionQuorum q = parse(text);
            if (q.required(groupSize) > Math.max(1, groupSize)) {
                return Optional.of(KEY + ": " + q.fixed + " is more than the " + Math.max(1, groupSize)
                        + " node(s) of the group (RaftNodes), so no failure could ever be agreed");
            }
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public String toString() {
        return fixed == OF_MAJORITY ? MAJORITY : Integer.toString(fixed);
    }
}
