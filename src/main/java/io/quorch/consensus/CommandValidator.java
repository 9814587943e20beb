package io.quorch.consensus;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.quorch.consensus.ReplicatedCommand.AckRecovery;
import io.quorch.consensus.ReplicatedCommand.BeginDowntime;
import io.quorch.consensus.ReplicatedCommand.BeginMaintenance;
import io.quorch.consensus.ReplicatedCommand.Discover;
import io.quorch.consensus.ReplicatedCommand.EndDowntime;
import io.quorch.consensus.ReplicatedCommand.EndMaintenance;
import io.quorch.consensus.ReplicatedCommand.Forget;
import io.quorch.consensus.ReplicatedCommand.ForgetCluster;
import io.quorch.consensus.ReplicatedCommand.PurgeHistory;
import io.quorch.consensus.ReplicatedCommand.RegisterCandidate;
import io.quorch.consensus.ReplicatedCommand.RegisterFailureDetection;
import io.quorch.consensus.ReplicatedCommand.ResolveRecovery;
import io.quorch.consensus.ReplicatedCommand.SetClusterAlias;
import io.quorch.consensus.ReplicatedCommand.SetGlobalRecoveries;
import io.quorch.consensus.ReplicatedCommand.SetLeaderUri;
import io.quorch.consensus.ReplicatedCommand.WriteRecovery;
import io.quorch.consensus.ReplicatedCommand.WriteRecoveryStep;
import io.quorch.domain.AckSelector;
import io.quorch.domain.FailureDetection;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.PromotionRule;
import io.quorch.domain.RecoveryStep;
import io.quorch.domain.Text;
import io.quorch.domain.TopologyRecovery;

/**
 * Nothing enters the raft log that every node cannot apply. Checks a command against what every
 * backend can hold: instants a BIGINT of epoch milliseconds can carry, durations within reason,
 * every string within its column ({@link SchemaLimits}), valid Unicode without NUL characters,
 * host keys that {@link InstanceKey} accepts. Pure; throws {@link InvalidCommandException} naming
 * the first problem.
 */
public final class CommandValidator {

    /** The earliest instant a command may carry. */
    public static final Instant EARLIEST = Instant.EPOCH;
    /** The latest instant a command may carry: epoch milliseconds and every backend hold it. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");
    /** The longest downtime: about ten years. */
    public static final Duration MAX_DOWNTIME = Duration.ofDays(3653);
    /** The most nodes a probe assignment may name. */
    public static final int MAX_PROBE_NODES = 64;

    private CommandValidator() {
    }

    public static void validate(ReplicatedCommand command) {
        if (command == null) {
            throw invalid("no command");
        }
        switch (command) {
            case Discover d -> {
                key("key", d.key(), "discovery_seed.hostname");
                instant("at", d.at());
            }
            case Forget f -> {
                key("key", f.key(), "forgotten_instance.hostname");
                instant("at", f.at());
            }
            case ForgetCluster fc -> {
                required("cluster name", fc.clusterName(), "forgotten_instance.cluster_name");
                instant("at", fc.at());
            }
            case SetClusterAlias a -> {
                required("cluster name", a.clusterName(), "cluster_alias.cluster_name");
                required("alias", a.alias(), "cluster_alias.alias");
                instant("at", a.at());
            }
            case BeginDowntime d -> {
                key("key", d.key(), "database_instance_downtime.hostname");
                required("owner", d.owner(), "database_instance_downtime.owner");
                text("reason", d.reason(), false);
                instant("at", d.at());
                instant("downtime end", d.until());
                if (!d.until().isAfter(d.at())) {
                    throw invalid("downtime must end after it begins");
                }
                if (Duration.between(d.at(), d.until()).compareTo(MAX_DOWNTIME) > 0) {
                    throw invalid("downtime longer than " + MAX_DOWNTIME.toDays() + " days (about ten years)");
                }
            }
            case EndDowntime d -> {
                key("key", d.key(), "database_instance_downtime.hostname");
                instant("at", d.at());
            }
            case BeginMaintenance m -> {
                key("key", m.key(), "database_instance_maintenance.hostname");
                required("owner", m.owner(), "database_instance_maintenance.owner");
                text("reason", m.reason(), false);
                instant("at", m.at());
                instant("maintenance end", m.until());
                if (!m.until().isAfter(m.at())) {
                    throw invalid("maintenance must end after it begins");
                }
                if (Duration.between(m.at(), m.until()).compareTo(MAX_DOWNTIME) > 0) {
                    throw invalid("maintenance longer than " + MAX_DOWNTIME.toDays() + " days (about ten years)");
                }
            }
            case EndMaintenance m -> {
                key("key", m.key(), "database_instance_maintenance.hostname");
                instant("at", m.at());
            }
            case RegisterCandidate c -> {
                key("key", c.key(), "candidate_database_instance.hostname");
                if (c.rule() == null) {
                    throw invalid("promotion rule missing");
                }
                if (c.rule() == PromotionRule.MUST) {
                    throw invalid("promotion rule \"must\" is not supported");
                }
                instant("at", c.at());
            }
            case AckRecovery a -> {
                selector(a.selector());
                required("acknowledging user", a.by(), "topology_recovery.acknowledged_by");
                text("comment", a.comment(), false);
                instant("at", a.at());
            }
            case SetGlobalRecoveries g -> instant("at", g.at());
            case RegisterFailureDetection d -> detection(d.detection());
            case WriteRecovery w -> recovery(w.recovery());
            case WriteRecoveryStep s -> step(s.step());
            case SetLeaderUri l -> {
                token("leader id", l.leaderId());
                token("leader URI", l.uri());
                text("leader", l.leaderId() + " " + l.uri(), false);
                instant("at", l.at());
            }
            case ResolveRecovery r -> {
                required("recovery uid", r.uid(), "topology_recovery.uid");
                if (r.successor() != null) {
                    key("successor", r.successor(), "topology_recovery.successor_hostname");
                }
                text("lost replicas", String.join(",", keys("lost replicas", r.lostReplicas())), true);
                text("participating instances", String.join(",", keys("participating instances",
                        r.participating())), true);
                strings("errors", r.errors());
                instant("at", r.at());
            }
            case ReplicatedCommand.ReloadConfiguration r -> {
                if (r.file() != null) {
                    if (r.file().isBlank() || r.file().length() > 4096
                            || r.file().chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                        throw invalid("configuration file must be a plain file name, got \"" + Text.shown(r.file(), 60)
                                + "\"");
                    }
                    text("configuration file", r.file(), false);
                }
                instant("at", r.at());
            }
            case ReplicatedCommand.SetProbeAssignment a -> {
                probeNodes(a.nodes());
                instant("at", a.at());
            }
            case PurgeHistory p -> {
                instant("cutoff", p.before());
                instant("at", p.at());
                if (p.before().isAfter(p.at())) {
                    throw invalid("purge cutoff " + p.before() + " is after the purge itself (" + p.at() + ")");
                }
            }
        }
        int size = CommandCodec.encode(command).length;
        if (size > SchemaLimits.ENTRY_BYTES) {
            throw invalid(command.getClass().getSimpleName() + " is " + size + " bytes encoded, more than "
                    + SchemaLimits.ENTRY_BYTES);
        }
    }

    /** At most MAX_PROBE_NODES distinct nodes, each named by one word, with an http(s) URL and a plain data center. */
    private static void probeNodes(List<io.quorch.domain.ProbeNode> nodes) {
        if (nodes == null || nodes.size() > MAX_PROBE_NODES) {
            throw invalid("a probe assignment names 0 to " + MAX_PROBE_NODES + " nodes");
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (io.quorch.domain.ProbeNode n : nodes) {
            if (n == null) {
                throw invalid("a probe assignment names a null node");
            }
            token("probing node", n.id());
            chars("probing node", n.id(), 255);
            token("probing node URI", n.uri());
            chars("probing node URI", n.uri(), 255);
            if (!n.uri().matches("https?://[^/?#\\s]+")) {
                throw invalid("probing node URI must be http(s)://host:port, got \"" + Text.shown(n.uri(), 60) + "\"");
            }
            if (!n.dataCenter().matches("[A-Za-z0-9_.-]{0,64}")) {
                throw invalid("data center must be at most 64 letters, digits, '_', '.' or '-', got \""
                        + Text.shown(n.dataCenter(), 60) + "\"");
            }
            if (!ids.add(n.id())) {
                throw invalid("probing node " + Text.shown(n.id(), 60) + " named twice");
            }
        }
    }

    private static void detection(FailureDetection d) {
        if (d == null) {
            throw invalid("failure detection missing");
        }
        notNegative("detection id", d.id()); // 0: the backend assigns it as the command is applied
        key("failed instance", d.key(), "topology_failure_detection.hostname");
        required("analysis", d.analysis(), "topology_failure_detection.analysis");
        required("cluster name", d.clusterName(), "topology_failure_detection.cluster_name");
        optional("cluster alias", d.clusterAlias(), "topology_failure_detection.cluster_alias");
        if (d.countAffectedReplicas() < 0) {
            throw invalid("count of affected replicas must not be negative, got " + d.countAffectedReplicas());
        }
        optional("processing node", d.processingNode(), "topology_failure_detection.processing_node_hostname");
        optional("processing token", d.processingToken(), "topology_failure_detection.processing_node_token");
        instant("detection time", d.detectedAt());
        text("analysis entry", d.analysisEntry(), true);
    }

    private static void recovery(TopologyRecovery r) {
        if (r == null) {
            throw invalid("recovery missing");
        }
        notNegative("recovery id", r.id()); // 0: the backend assigns it as the command is applied
        required("recovery uid", r.uid(), "topology_recovery.uid");
        key("failed instance", r.failedKey(), "topology_recovery.hostname");
        required("analysis", r.analysis(), "topology_recovery.analysis");
        required("cluster name", r.clusterName(), "topology_recovery.cluster_name");
        optional("cluster alias", r.clusterAlias(), "topology_recovery.cluster_alias");
        optional("processing node", r.processingNode(), "topology_recovery.processing_node_hostname");
        optional("processing token", r.processingToken(), "topology_recovery.processing_node_token");
        instant("recovery start", r.start());
        if (r.end() != null) {
            instant("recovery end", r.end());
        }
        if (r.successor() != null) {
            key("successor", r.successor(), "topology_recovery.successor_hostname");
        }
        keys("lost replicas", r.lostReplicas());
        keys("participating instances", r.participatingInstances());
        strings("errors", r.errors());
        if (r.acknowledgedAt() != null) {
            instant("acknowledgement time", r.acknowledgedAt());
        }
        if (r.acknowledgedBy() != null) {
            optional("acknowledging user", r.acknowledgedBy(), "topology_recovery.acknowledged_by");
        }
        text("acknowledgement comment", r.acknowledgedComment(), true);
        notNegative("last detection id", r.lastDetectionId());
        text("analysis entry", r.analysisEntry(), true);
        if (r.type() == null) {
            throw invalid("recovery type missing");
        }
    }

    private static void step(RecoveryStep s) {
        if (s == null) {
            throw invalid("recovery step missing");
        }
        required("recovery uid", s.recoveryUid(), "topology_recovery_steps.recovery_uid");
        if (s.seq() < 0) {
            throw invalid("step number must not be negative, got " + s.seq());
        }
        instant("step time", s.at());
        text("step message", s.message(), false);
    }

    private static void selector(AckSelector selector) {
        switch (selector) {
            case null -> throw invalid("which recoveries to acknowledge is missing");
            case AckSelector.All a -> {
            }
            case AckSelector.Cluster c -> required("cluster name", c.clusterName(), "topology_recovery.cluster_name");
            case AckSelector.Id i -> positive("recovery id", i.id());
            case AckSelector.Uid u -> required("recovery uid", u.uid(), "topology_recovery.uid");
            case AckSelector.Instance k -> key("instance", k.key(), "topology_recovery.hostname");
        }
    }

    private static List<String> keys(String what, List<InstanceKey> keys) {
        if (keys == null) {
            throw invalid(what + " missing");
        }
        for (InstanceKey k : keys) {
            key(what, k, "topology_recovery.hostname");
        }
        return keys.stream().map(InstanceKey::toString).toList();
    }

    private static void strings(String what, List<String> values) {
        if (values == null) {
            throw invalid(what + " missing");
        }
        long bytes = 0;
        for (String v : values) {
            text(what, v, false);
            bytes += v.getBytes(StandardCharsets.UTF_8).length + 4;
        }
        if (bytes > SchemaLimits.TEXT_BYTES) {
            throw invalid(what + " longer than " + SchemaLimits.TEXT_BYTES + " bytes");
        }
    }

    private static void key(String what, InstanceKey key, String column) {
        if (key == null) {
            throw invalid(what + " missing");
        }
        // the constructor already refused a bad host or port; a record can still be made by hand
        try {
            InstanceKey again = new InstanceKey(key.hostname(), key.port());
            chars(what + " host", again.hostname(), SchemaLimits.varchar(column));
        } catch (IllegalArgumentException e) {
            throw invalid(what + ": " + e.getMessage());
        }
    }

    private static void instant(String what, Instant at) {
        if (at == null) {
            throw invalid(what + " missing");
        }
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            throw invalid(what + " " + at + " out of range (" + EARLIEST + " to " + LATEST + ")");
        }
    }

    private static void notNegative(String what, long id) {
        if (id < 0) {
            throw invalid(what + " must not be negative, got " + id);
        }
    }

    private static void positive(String what, long id) {
        if (id < 1) {
            throw invalid(what + " must be positive, got " + id);
        }
    }

    /** A string that must be present and not blank, within its column. */
    private static void required(String what, String value, String column) {
        if (value == null || value.isBlank()) {
            throw invalid(what + " must not be empty");
        }
        chars(what, value, SchemaLimits.varchar(column));
    }

    /** A string that may be empty but must be there (its column is NOT NULL), within its column. */
    private static void optional(String what, String value, String column) {
        if (value == null) {
            throw invalid(what + " missing");
        }
        chars(what, value, SchemaLimits.varchar(column));
    }

    /** A single word: no whitespace, within a TEXT column. */
    private static void token(String what, String value) {
        if (value == null || value.isEmpty() || value.chars().anyMatch(Character::isWhitespace)) {
            throw invalid(what + " must be one word without spaces, got \"" + Text.shown(value, 60) + "\"");
        }
    }

    private static void chars(String what, String value, int max) {
        clean(what, value);
        int n = value.codePointCount(0, value.length());
        if (n > max) {
            throw invalid(what + " longer than " + max + " characters (" + n + "): \"" + Text.shown(value, 60) + "\"");
        }
    }

    private static void text(String what, String value, boolean nullable) {
        if (value == null) {
            if (nullable) {
                return;
            }
            throw invalid(what + " missing");
        }
        clean(what, value);
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > SchemaLimits.TEXT_BYTES) {
            throw invalid(what + " longer than " + SchemaLimits.TEXT_BYTES + " bytes (" + bytes + ")");
        }
    }

    /** No NUL characters and no unpaired surrogates (which no backend stores as given). */
    private static void clean(String what, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                throw invalid(what + " contains a NUL character");
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw invalid(what + " is not valid Unicode (an unpaired surrogate)");
            }
        }
    }

    private static InvalidCommandException invalid(String message) {
        return new InvalidCommandException("invalid command: " + message);
    }
}
