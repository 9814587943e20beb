package io.quorch.topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.quorch.domain.BinlogCoordinates;
import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.PromotionRule;
import io.quorch.domain.ServerState;

/**
 * Chooses who replaces a dead primary. The most advanced replica (by executed position of the
 * dead primary's binary log) is the source of truth; the successor is the best eligible replica
 * by promotion rule, then advancement, then same data center and environment, then no errant
 * GTID. When the successor is not the most advanced, it first catches up from it, so nothing
 * the most advanced replica received is lost.
 */
public final class CandidateChooser {

    /** Settings that restrict promotion. */
    public record Options(List<Pattern> ignoreHostnames, boolean preventCrossDataCenter, boolean preventCrossRegion) {
        public static final Options NONE = new Options(List.of(), false, false);

        public Options(List<Pattern> ignoreHostnames, boolean preventCrossDataCenter) {
            this(ignoreHostnames, preventCrossDataCenter, false);
        }
    }

    /** The outcome: whom to promote, whom it must catch up from first, who cannot follow. */
    public record Choice(Instance successor, Instance mostAdvanced, List<Instance> followers, List<Instance> lost,
            String reason) {
        public boolean needsCatchUp() {
            return !successor.key().equals(mostAdvanced.key());
        }
    }

    private CandidateChooser() {
    }

    /** The choice, or empty with the reason in {@code why} when no replica may be promoted. */
    public static Optional<Choice> choose(Instance deadMaster, List<Instance> replicas,
            Map<InstanceKey, PromotionRule> rules, Options options, StringBuilder why) {
        return choose(deadMaster, replicas, rules, options, Optional.empty(), why);
    }

    /**
     * The choice with the successor given (recover with a candidate, a forced or co-primary takeover): it must be
     * one of the reachable replicas and pass the same rules; the most advanced replica is still found, so the
     * designated one first catches up from it when it is behind. Empty, with the reason in {@code why}, otherwise.
     */
    public static Optional<Choice> choose(Instance deadMaster, List<Instance> replicas,
            Map<InstanceKey, PromotionRule> rules, Options options, Optional<InstanceKey> designated,
            StringBuilder why) {
        List<Instance> valid = replicas.stream().filter(Instance::lastCheckValid).toList();
        List<Instance> unreachable = replicas.stream().filter(r -> !r.lastCheckValid()).toList();
        if (valid.isEmpty()) {
            why.append("no reachable replica");
            return Optional.empty();
        }
        String lowestMajor = valid.stream().map(r -> r.state().majorVersion()).min(CandidateChooser::compareVersions)
                .orElse("");
        List<Instance> eligible = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Instance r : valid) {
            String refusal = refusal(r, deadMaster, rule(rules, r), options, lowestMajor);
            if (refusal == null) {
                eligible.add(r);
            } else {
                refused.add(r.key() + " " + refusal);
            }
        }
        if (designated.isPresent()) {
            InstanceKey d = designated.get();
            if (valid.stream().noneMatch(r -> r.key().equals(d))) {
                why.append("designated candidate ").append(d).append(" is not a reachable replica of ")
                        .append(deadMaster == null ? "the failed server" : deadMaster.key());
                return Optional.empty();
            }
            Instance candidate = valid.stream().filter(r -> r.key().equals(d)).findFirst().orElseThrow();
            String refusal = refusal(candidate, deadMaster, rule(rules, candidate), options, lowestMajor);
            if (refusal != null) {
                why.append(refusal.startsWith("Prevent") ? refusal : "designated candidate " + d + " " + refusal);
                return Optional.empty();
            }
            eligible = eligible.stream().filter(r -> r.key().equals(d)).toList();
        }
        if (eligible.isEmpty()) {
            why.append("no replica may be promoted: ").append(String.join("; ", refused));
            return Optional.empty();
        }
        Comparator<Instance> advancement = Comparator.comparing(CandidateChooser::executed).reversed();
        // the source of truth must keep what it applied in its own binary log
        Instance mostAdvanced = valid.stream()
                .filter(r -> r.state().logBinEnabled() && r.state().logReplicationUpdatesEnabled())
                .sorted(advancement.thenComparing(r -> rule(rules, r)).thenComparing(Instance::key)).findFirst()
                .orElse(eligible.get(0));
        Comparator<Instance> preference = Comparator.<Instance, PromotionRule>comparing(r -> rule(rules, r))
                .thenComparing(advancement)
                .thenComparing(r -> sameLocation(r, deadMaster) ? 0 : 1)
                .thenComparing(r -> errantFree(r, mostAdvanced) ? 0 : 1)
                .thenComparing(Instance::key);
        Instance successor = eligible.stream().sorted(preference).findFirst().orElseThrow();
        List<Instance> followers = valid.stream().filter(r -> !r.key().equals(successor.key())).toList();
        String reason = "successor " + successor.key() + " (" + rule(rules, successor).wire() + ", executed "
                + executed(successor) + ")" + (successor.key().equals(mostAdvanced.key()) ? " is the most advanced"
                        : "; catches up from the most advanced " + mostAdvanced.key() + " (executed "
                                + executed(mostAdvanced) + ") first")
                + (refused.isEmpty() ? "" : "; not eligible: " + String.join("; ", refused));
        return Optional.of(new Choice(successor, mostAdvanced, followers, unreachable, reason));
    }

    /** The rule registered through the API, else DetectPromotionRuleQuery's answer, else neutral. */
    public static PromotionRule rule(Map<InstanceKey, PromotionRule> rules, Instance r) {
        PromotionRule detected = r.state().detected().promotionRule();
        return rules.getOrDefault(r.key(), detected != null ? detected : PromotionRule.NEUTRAL);
    }

    static BinlogCoordinates executed(Instance r) {
        return r.state().replication() == null ? BinlogCoordinates.NONE
                : r.state().replication().execBinlogCoordinates();
    }

    /** Why the replica may not be promoted, or null. */
    static String refusal(Instance r, Instance deadMaster, PromotionRule rule, Options options, String lowestMajor) {
        ServerState s = r.state();
        if (rule == PromotionRule.MUST_NOT) {
            return "has promotion rule must_not";
        }
        if (!s.logBinEnabled()) {
            return "has no binary log";
        }
        if (!s.logReplicationUpdatesEnabled()) {
            return "does not log replication updates";
        }
        if (options.ignoreHostnames().stream().anyMatch(p -> p.matcher(r.key().hostname()).find())) {
            return "matches PromotionIgnoreHostnameFilters";
        }
        if (compareVersions(s.majorVersion(), lowestMajor) > 0) {
            return "runs " + s.majorVersion() + ", newer than other replicas (" + lowestMajor + ") can replicate from";
        }
        return geographicRefusal(s, deadMaster, options);
    }

    /**
     * orchestrator's geographic constraint, with its wording: why a server of another data center or region than
     * the failed one may not be promoted, or null.
     */
    public static String geographicRefusal(ServerState s, Instance failed, Options options) {
        if (failed == null) {
            return null;
        }
        ServerState f = failed.state();
        if (options.preventCrossDataCenter() && !s.dataCenter().equals(f.dataCenter())) {
            return "PreventCrossDataCenterMasterFailover: will not promote server in " + s.dataCenter()
                    + " when failed server in " + f.dataCenter();
        }
        if (options.preventCrossRegion() && !s.region().equals(f.region())) {
            return "PreventCrossRegionMasterFailover: will not promote server in " + s.region()
                    + " when failed server in " + f.region();
        }
        return null;
    }

    static boolean sameLocation(Instance r, Instance deadMaster) {
        return deadMaster != null && r.state().dataCenter().equals(deadMaster.state().dataCenter())
                && r.state().physicalEnvironment().equals(deadMaster.state().physicalEnvironment());
    }

    static boolean errantFree(Instance r, Instance reference) {
        return r.key().equals(reference.key()) || ErrantGtid.of(r, reference).isEmpty();
    }

    /** Compares "10.11" and "11.4" numerically. */
    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length ? parse(x[i]) : 0;
            int q = i < y.length ? parse(y[i]) : 0;
            if (p != q) {
                return Integer.compare(p, q);
            }
        }
        return 0;
    }

    private static int parse(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
