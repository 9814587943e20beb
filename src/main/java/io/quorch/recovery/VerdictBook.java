package io.quorch.recovery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.quorch.analysis.AnalysisCode;
import io.quorch.domain.InstanceKey;

/**
 * The leader's book of what the other nodes of the group report about failing servers, and the
 * quorum arithmetic over it: which reports count (the latest of each node, received within the
 * window), which agree with the failure the leader is about to act on, and whether enough do.
 * Pure: the caller passes the clock, the members and the quorum; thread-safe.
 */
public final class VerdictBook {

    /** One node's verdict on one server; receivedAt is the leader's clock, so ageing is immune to clock skew. */
    public record Verdict(String node, AnalysisCode code, String evidence, Instant reportedAt, Instant receivedAt) {
        public Verdict {
            Objects.requireNonNull(node);
            Objects.requireNonNull(code);
            evidence = evidence == null ? "" : evidence;
        }
    }

    /**
     * Who agrees with a failure: the nodes (this one first) whose verdict is the same, the others with their
     * verdict ({@value #NO_REPORT} for a node that reported no failure in the window), and whether the quorum is reached.
     */
    public record Tally(AnalysisCode code, int required, int members, List<String> agreeing,
            Map<String, String> disagreeing) {

        public boolean reached() {
            return agreeing.size() >= required;
        }

        /** One line for a recovery step or an audit entry. */
        public String describe() {
            StringBuilder b = new StringBuilder(code.name()).append(reached() ? " agreed by " : " seen only by ")
                    .append(String.join(", ", agreeing)).append(" (FailureDetectionQuorum ").append(required)
                    .append(" of ").append(members).append(')');
            if (!disagreeing.isEmpty()) {
                b.append("; not by ");
                List<String> parts = new ArrayList<>();
                disagreeing.forEach((node, verdict) -> parts.add(node + " (" + verdict + ")"));
                b.append(String.join(", ", parts));
            }
            return b.toString();
        }

        /** The field quorch adds to a replication-analysis entry. */
        public Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Quorum", required);
            m.put("Members", members);
            m.put("Agreed", reached());
            m.put("AgreeingNodes", agreeing);
            List<Map<String, String>> others = new ArrayList<>();
            disagreeing.forEach((node, verdict) -> others.add(Map.of("Node", node, "Analysis", verdict)));
            m.put("DisagreeingNodes", others);
            return m;
        }
    }

    /** What a member that reported no failure in the window is shown with. */
    public static final String NO_REPORT = "none";

    private final Map<InstanceKey, Map<String, Verdict>> byServer = new HashMap<>();

    /** Whether a code is a failure of a primary-level server whose recovery needs the group's agreement. */
    public static boolean needsQuorum(AnalysisCode code) {
        return code.actionable();
    }

    /**
     * Whether a node reports a code to the leader: a failure that needs the quorum, or a primary, co-primary or
     * intermediate primary that cannot be reached while its replicas still replicate (the suspicion before it).
     */
    public static boolean reportable(AnalysisCode code) {
        return needsQuorum(code) || code.name().startsWith("Unreachable");
    }

    /**
     * Whether a reported code is the same verdict as the one acted on: codes of one recovery kind (DeadMaster and
     * DeadMasterAndSomeReplicas, the dead intermediate primary codes, the dead co-primary codes) agree; any other
     * code agrees only with itself.
     */
    public static boolean agrees(AnalysisCode acted, AnalysisCode reported) {
        if (acted == reported) {
            return true;
        }
        return needsQuorum(acted) && needsQuorum(reported) && acted.kind() == reported.kind();
    }

    /** Records a node's verdict on a server; one older than the node's latest is ignored. NoProblem withdraws a failure. */
    public synchronized void record(InstanceKey key, Verdict v) {
        Map<String, Verdict> nodes = byServer.computeIfAbsent(key, k -> new HashMap<>());
        Verdict before = nodes.get(v.node());
        if (before != null && before.reportedAt().isAfter(v.reportedAt())) {
            return;
        }
        // a NoProblem is kept like any verdict (until it ages out): a failure verdict the node sent before it and
        // that arrives after it must not count
        nodes.put(v.node(), v);
    }

    /** Forgets verdicts received before now - window. */
    public synchronized void prune(Instant now, Duration window) {
        Instant cutoff = now.minus(window);
        byServer.values().forEach(nodes -> nodes.values().removeIf(v -> v.receivedAt().isBefore(cutoff)));
        byServer.values().removeIf(Map::isEmpty);
    }

    /** Forgets a server (it was forgotten or recovered). */
    public synchronized void forget(InstanceKey key) {
        byServer.remove(key);
    }

    /** The verdicts on a server still within the window, by node. */
    public synchronized Map<String, Verdict> current(InstanceKey key, Instant now, Duration window) {
        Instant cutoff = now.minus(window);
        Map<String, Verdict> out = new LinkedHashMap<>();
        byServer.getOrDefault(key, Map.of()).forEach((node, v) -> {
            if (!v.receivedAt().isBefore(cutoff)) {
                out.put(node, v);
            }
        });
        return out;
    }

    /**
     * Who agrees that key has failed with code: self (whose own analysis says so) and every other member whose
     * verdict in the window agrees; members that reported something else, or nothing, disagree.
     */
    public Tally tally(InstanceKey key, AnalysisCode code, String self, List<String> members, int required,
            Instant now, Duration window) {
        Map<String, Verdict> current = current(key, now, window);
        List<String> agreeing = new ArrayList<>();
        Map<String, String> disagreeing = new LinkedHashMap<>();
        agreeing.add(self);
        for (String node : members) {
            if (node.equals(self)) {
                continue;
            }
            Verdict v = current.get(node);
            if (v != null && agrees(code, v.code())) {
                agreeing.add(node);
            } else {
                disagreeing.put(node, v == null ? NO_REPORT : v.code().name());
            }
        }
        int size = Math.max(1, members.contains(self) ? members.size() : members.size() + 1);
        return new Tally(code, required, size, List.copyOf(agreeing), disagreeing);
    }
}
