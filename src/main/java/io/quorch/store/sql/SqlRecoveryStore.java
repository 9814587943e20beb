package io.quorch.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quorch.domain.AckSelector;
import io.quorch.domain.BlockedRecovery;
import io.quorch.domain.FailureDetection;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.RecoveryStep;
import io.quorch.domain.RecoveryType;
import io.quorch.domain.TopologyRecovery;
import io.quorch.store.RecoveryStore;

@ApplicationScoped
public class SqlRecoveryStore implements RecoveryStore {

    /** The application's ObjectMapper (settings in JsonSettings), for the JSON columns. */
    private final ObjectMapper json;
    private final Jdbc jdbc;
    private final String blockedUpsert;
    private final String switchUpsert;
    private final String stepUpsert;
    private final String detectionInsert;
    private final String recoveryInsert;

    public SqlRecoveryStore(Jdbc jdbc, SqlDialect dialect, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.blockedUpsert = dialect.upsert("blocked_topology_recovery", List.of("hostname", "port", "cluster_name",
                "analysis", "last_blocked_timestamp", "blocking_recovery_id"), List.of("hostname", "port"));
        this.switchUpsert = dialect.upsert("global_recovery_disable", List.of("id", "disabled", "changed_at"),
                List.of("id"));
        this.stepUpsert = dialect.upsert("topology_recovery_steps", List.of("recovery_uid", "step_seq", "audit_at",
                "message"), List.of("recovery_uid", "step_seq"));
        // applying a replicated command again (a replay after restart) changes nothing
        this.detectionInsert = dialect.upsert("topology_failure_detection", List.of("detection_id", "hostname", "port",
                "in_active_period", "start_active_period", "processing_node_hostname", "processing_node_token",
                "analysis", "cluster_name", "cluster_alias", "count_affected_replicas", "is_actionable",
                "analysis_entry"), List.of("detection_id"), List.of());
        this.recoveryInsert = dialect.upsert("topology_recovery", List.of("recovery_id", "uid", "hostname", "port",
                "in_active_period", "start_active_period", "processing_node_hostname", "processing_node_token",
                "analysis", "cluster_name", "cluster_alias", "last_detection_id", "analysis_entry", "recovery_type",
                "lost_replicas", "participating_instances", "all_errors", "acknowledged_comment"),
                List.of("recovery_id"), List.of());
    }

    /**
     * Stores the detection under the next free id, assigned here so that every node, applying the log in the same
     * order, gives it the same id. A detection already stored (same server, analysis, time and node) is kept.
     */
    @Override
    public synchronized long registerDetection(FailureDetection d) {
        return jdbc.inTransaction(c -> {
            Optional<Long> existing = detectionId(c, d);
            if (existing.isPresent()) {
                return existing.get();
            }
            long id = next(c, "SELECT MAX(detection_id) FROM topology_failure_detection");
            Jdbc.update(c, detectionInsert, id, d.key().hostname(), d.key().port(), 1, d.detectedAt(),
                    d.processingNode(), d.processingToken(), d.analysis(), d.clusterName(), d.clusterAlias(),
                    d.countAffectedReplicas(), d.actionable(), d.analysisEntry());
            return id;
        });
    }

    @Override
    public Optional<Long> detectionId(FailureDetection d) {
        return jdbc.withConnection(c -> detectionId(c, d));
    }

    private static Optional<Long> detectionId(java.sql.Connection c, FailureDetection d) throws SQLException {
        List<Long> ids = Jdbc.query(c, "SELECT detection_id FROM topology_failure_detection WHERE hostname = ?"
                + " AND port = ? AND analysis = ? AND start_active_period = ? AND processing_node_token = ?"
                + " ORDER BY detection_id LIMIT 1", rs -> rs.getLong(1), d.key().hostname(), d.key().port(),
                d.analysis(), d.detectedAt(), d.processingToken());
        return ids.isEmpty() ? Optional.empty() : Optional.of(ids.get(0));
    }

    private static long next(java.sql.Connection c, String maxSql) throws SQLException {
        List<Long> max = Jdbc.query(c, maxSql, rs -> rs.getLong(1));
        return (max.isEmpty() ? 0 : max.get(0)) + 1;
    }

    @Override
    public List<FailureDetection> detections(int limit) {
        return jdbc.query("SELECT * FROM topology_failure_detection ORDER BY detection_id DESC LIMIT "
                + Math.max(1, limit), rs -> new FailureDetection(rs.getLong("detection_id"), key(rs, "hostname",
                        "port"), rs.getString("analysis"), rs.getString("cluster_name"), rs.getString("cluster_alias"),
                        rs.getInt("count_affected_replicas"), rs.getInt("is_actionable") == 1,
                        rs.getString("processing_node_hostname"), rs.getString("processing_node_token"),
                        Instant.ofEpochMilli(rs.getLong("start_active_period")), rs.getString("analysis_entry")));
    }

    /**
     * Stores the recovery under the next free id, assigned here (deterministic on every node, like detections).
     * A recovery already stored under its uid is kept as it is.
     */
    @Override
    public synchronized long writeRecovery(TopologyRecovery r) {
        return jdbc.inTransaction(c -> {
            List<Long> existing = Jdbc.query(c, "SELECT recovery_id FROM topology_recovery WHERE uid = ?",
                    rs -> rs.getLong(1), r.uid());
            if (!existing.isEmpty()) {
                return existing.get(0);
            }
            long id = next(c, "SELECT MAX(recovery_id) FROM topology_recovery");
            Jdbc.update(c, recoveryInsert, id, r.uid(), r.failedKey().hostname(), r.failedKey().port(), 1, r.start(),
                    r.processingNode(), r.processingToken(), r.analysis(), r.clusterName(), r.clusterAlias(),
                    r.lastDetectionId(), r.analysisEntry(), r.type().wire(), "", "", "[]", "");
            return id;
        });
    }

    @Override
    public void writeStep(RecoveryStep step) {
        jdbc.update(stepUpsert, step.recoveryUid(), step.seq(), step.at(), step.message());
    }

    @Override
    public void resolveRecovery(String uid, boolean successful, InstanceKey successor, List<InstanceKey> lost,
            List<InstanceKey> participating, List<String> errors, Instant end) {
        jdbc.update("UPDATE topology_recovery SET end_recovery = ?, end_active_period = ?, is_successful = ?,"
                + " successor_hostname = ?, successor_port = ?, lost_replicas = ?, participating_instances = ?,"
                + " all_errors = ? WHERE uid = ?", end, end, successful, successor == null ? "" : successor.hostname(),
                successor == null ? 0 : successor.port(), keys(lost), keys(participating), errorsJson(errors), uid);
    }

    @Override
    public int acknowledge(AckSelector selector, String by, String comment, Instant at) {
        String set = "UPDATE topology_recovery SET acknowledged = 1, acknowledged_at = ?, acknowledged_by = ?,"
                + " acknowledged_comment = ? WHERE acknowledged = 0";
        int n = switch (selector) {
            case AckSelector.All a -> jdbc.update(set, at, by, comment);
            case AckSelector.Cluster c -> jdbc.update(set + " AND cluster_name = ?", at, by, comment, c.clusterName());
            case AckSelector.Id i -> jdbc.update(set + " AND recovery_id = ?", at, by, comment, i.id());
            case AckSelector.Uid u -> jdbc.update(set + " AND uid = ?", at, by, comment, u.uid());
            case AckSelector.Instance k -> jdbc.update(set + " AND hostname = ? AND port = ?", at, by, comment,
                    k.key().hostname(), k.key().port());
        };
        if (selector instanceof AckSelector.All) {
            jdbc.update("DELETE FROM blocked_topology_recovery");
        } else if (selector instanceof AckSelector.Cluster c) {
            jdbc.update("DELETE FROM blocked_topology_recovery WHERE cluster_name = ?", c.clusterName());
        }
        return n;
    }

    @Override
    public Optional<TopologyRecovery> recovery(long id) {
        return jdbc.queryOne("SELECT * FROM topology_recovery WHERE recovery_id = ?", this::map, id);
    }

    @Override
    public Optional<TopologyRecovery> recoveryByUid(String uid) {
        return jdbc.queryOne("SELECT * FROM topology_recovery WHERE uid = ?", this::map, uid);
    }

    @Override
    public List<TopologyRecovery> recoveries(Optional<String> clusterName, boolean unacknowledgedOnly, int limit) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT * FROM topology_recovery WHERE 1 = 1");
        clusterName.ifPresent(c -> {
            sql.append(" AND cluster_name = ?");
            params.add(c);
        });
        if (unacknowledgedOnly) {
            sql.append(" AND acknowledged = 0");
        }
        sql.append(" ORDER BY recovery_id DESC LIMIT ").append(Math.max(1, limit));
        return jdbc.query(sql.toString(), this::map, params.toArray());
    }

    @Override
    public List<TopologyRecovery> unresolved() {
        return jdbc.query("SELECT * FROM topology_recovery WHERE end_recovery = 0 ORDER BY recovery_id", this::map);
    }

    @Override
    public List<RecoveryStep> steps(String uid) {
        return jdbc.query("SELECT recovery_uid, step_seq, audit_at, message FROM topology_recovery_steps"
                + " WHERE recovery_uid = ? ORDER BY step_seq", rs -> new RecoveryStep(rs.getString(1), rs.getInt(2),
                        Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4)), uid);
    }

    @Override
    public void registerBlocked(BlockedRecovery b) {
        jdbc.update(blockedUpsert, b.key().hostname(), b.key().port(), b.clusterName(), b.analysis(),
                b.lastBlockedAt(), b.blockingRecoveryId());
    }

    @Override
    public List<BlockedRecovery> blocked(Optional<String> clusterName) {
        String sql = "SELECT * FROM blocked_topology_recovery" + (clusterName.isPresent() ? " WHERE cluster_name = ?"
                : "") + " ORDER BY last_blocked_timestamp DESC";
        return jdbc.query(sql, rs -> new BlockedRecovery(key(rs, "hostname", "port"), rs.getString("cluster_name"),
                rs.getString("analysis"), Instant.ofEpochMilli(rs.getLong("last_blocked_timestamp")),
                rs.getLong("blocking_recovery_id")), clusterName.map(c -> new Object[] { c }).orElse(new Object[0]));
    }

    @Override
    public void clearBlocked(InstanceKey key) {
        jdbc.update("DELETE FROM blocked_topology_recovery WHERE hostname = ? AND port = ?", key.hostname(),
                key.port());
    }

    @Override
    public boolean recoveriesDisabled() {
        return jdbc.queryOne("SELECT disabled FROM global_recovery_disable WHERE id = 1", rs -> rs.getInt(1) == 1)
                .orElse(false);
    }

    @Override
    public void setRecoveriesDisabled(boolean disabled, Instant at) {
        jdbc.update(switchUpsert, 1, disabled, at);
    }

    private TopologyRecovery map(ResultSet rs) throws SQLException {
        long end = rs.getLong("end_recovery");
        String successorHost = rs.getString("successor_hostname");
        long ackAt = rs.getLong("acknowledged_at");
        return new TopologyRecovery(rs.getLong("recovery_id"), rs.getString("uid"), key(rs, "hostname", "port"),
                rs.getString("analysis"), rs.getString("cluster_name"), rs.getString("cluster_alias"),
                rs.getString("processing_node_hostname"), rs.getString("processing_node_token"),
                Instant.ofEpochMilli(rs.getLong("start_active_period")), end == 0 ? null : Instant.ofEpochMilli(end),
                successorHost == null || successorHost.isEmpty() ? null
                        : new InstanceKey(successorHost, rs.getInt("successor_port")),
                rs.getInt("is_successful") == 1, parseKeys(rs.getString("lost_replicas")),
                parseKeys(rs.getString("participating_instances")), parseErrors(rs.getString("all_errors")),
                rs.getInt("acknowledged") == 1, ackAt == 0 ? null : Instant.ofEpochMilli(ackAt),
                rs.getString("acknowledged_by"), nz(rs.getString("acknowledged_comment")),
                rs.getLong("last_detection_id"), nz(rs.getString("analysis_entry")), RecoveryType.of(rs.getString("recovery_type")));
    }

    private static InstanceKey key(ResultSet rs, String host, String port) throws SQLException {
        return new InstanceKey(rs.getString(host), rs.getInt(port));
    }

    private static String keys(List<InstanceKey> keys) {
        return String.join(",", keys.stream().map(InstanceKey::toString).toList());
    }

    private static List<InstanceKey> parseKeys(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(InstanceKey::parse).toList();
    }

    private String errorsJson(List<String> errors) {
        try {
            return json.writeValueAsString(errors);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> parseErrors(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        try {
            return json.readValue(text, new TypeReference<List<String>>() {
            });
        } catch (JsonProcessingException e) {
            return List.of(text);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
