package io.quorch.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quorch.analysis.AnalysisService;
import io.quorch.analysis.ReplicationAnalysis;
import io.quorch.api.ClusterLookup;
import io.quorch.consensus.LeadershipContext;
import io.quorch.domain.BlockedRecovery;
import io.quorch.domain.TopologyRecovery;
import io.quorch.store.ClusterAliasStore;
import io.quorch.store.RecoveryStore;

/**
 * A short fingerprint of everything the web UI draws: the servers (as the API shows them, without
 * the fields that move on every probe, such as timestamps and binlog positions), the problems, the
 * recent recoveries and blocks, the aliases, the global recovery switch and this node's view of
 * raft. The UI fetches again when it changes; it never carries data itself. The servers and the
 * problems come from memory (the picture discovery keeps and the latest analysis of each cluster),
 * so a second's check of ten thousand servers reads none of them from the backend.
 */
@ApplicationScoped
public class LiveStateDigest {

    /** The instance fields the UI draws; the others (timestamps, positions, uptime) change on every probe. */
    static final List<String> INSTANCE_FIELDS = List.of("Key", "MasterKey", "ClusterName", "ReplicationDepth",
            "IsLastCheckValid", "IsUpToDate", "ReadOnly", "Version", "ReplicationIOThreadRuning",
            "ReplicationSQLThreadRuning", "ReplicationLagSeconds", "SQLDelay", "LastIOError", "LastSQLError",
            "GTIDMode", "UsingMariaDBGTID", "UsingOracleGTID", "IsDowntimed", "DowntimeReason", "InMaintenance",
            "MaintenanceReason", "PromotionRule", "DataCenter", "Problems", "IsCoMaster", "IsDetachedMaster",
            "Replicas", "SuggestedClusterAlias");
    /** Recent recoveries the UI lists; an older one changing (acknowledged much later) still counts. */
    static final int RECENT_RECOVERIES = 50;

    private final ClusterLookup lookup;
    private final AnalysisService analysis;
    private final RecoveryStore recoveries;
    private final ClusterAliasStore aliases;
    private final LeadershipContext leadership;

    public LiveStateDigest(ClusterLookup lookup, AnalysisService analysis,
            RecoveryStore recoveries, ClusterAliasStore aliases, LeadershipContext leadership) {
        this.lookup = lookup;
        this.analysis = analysis;
        this.recoveries = recoveries;
        this.aliases = aliases;
        this.leadership = leadership;
    }

    /** The fingerprint of the state now. */
    public String current() {
        StringBuilder text = new StringBuilder(4096);
        describeInstances(lookup.json(lookup.all()), text);
        analysis.analyzeAll().stream().map(LiveStateDigest::problem).sorted()
                .forEach(p -> text.append("A ").append(p).append('\n'));
        for (TopologyRecovery r : recoveries.recoveries(Optional.empty(), false, RECENT_RECOVERIES)) {
            text.append("R ").append(r.id()).append(' ').append(r.end() != null).append(' ').append(r.successful())
                    .append(' ').append(r.acknowledged()).append('\n');
        }
        recoveries.blocked(Optional.empty()).stream().sorted(Comparator.comparing(b -> b.key().toString()))
                .forEach(b -> text.append("B ").append(blocked(b)).append('\n'));
        text.append("G ").append(recoveries.recoveriesDisabled()).append('\n');
        new TreeMap<>(aliases.all()).forEach((c, a) -> text.append("L ").append(c).append('=').append(a).append('\n'));
        text.append("N ").append(leadership.state()).append(' ').append(leadership.leader()).append(' ')
                .append(leadership.healthy()).append(' ').append(leadership.peers()).append(' ')
                .append(leadership.healthyMembers()).append('\n');
        return hash(text.toString());
    }

    /** Appends the drawn fields of each instance, in key order, so the order of the rows does not count. */
    static void describeInstances(List<Map<String, Object>> json, StringBuilder text) {
        json.stream().map(LiveStateDigest::describe).sorted().forEach(line -> text.append("I ").append(line).append('\n'));
    }

    static String describe(Map<String, Object> instance) {
        StringBuilder line = new StringBuilder();
        for (String field : INSTANCE_FIELDS) {
            line.append(field).append('=').append(instance.get(field)).append(';');
        }
        return line.toString();
    }

    private static String problem(ReplicationAnalysis a) {
        return a.key() + " " + a.code();
    }

    private static String blocked(BlockedRecovery b) {
        return b.key() + " " + b.analysis() + " " + b.blockingRecoveryId();
    }

    static String hash(String text) {
        try {
            byte[] sum = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sum, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
