package io.quorch.store.sql;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quorch.domain.InstanceKey;
import io.quorch.store.AuditStore;

@ApplicationScoped
public class SqlAuditStore implements AuditStore {

    private final Jdbc jdbc;

    public SqlAuditStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void audit(String type, InstanceKey key, String clusterName, String message, Instant at) {
        jdbc.update("INSERT INTO audit (audit_timestamp, audit_type, hostname, port, cluster_name, message)"
                + " VALUES (?, ?, ?, ?, ?, ?)", at, type, key == null ? "" : key.hostname(),
                key == null ? 0 : key.port(), clusterName == null ? "" : clusterName, message);
    }

    @Override
    public List<Entry> recent(int limit) {
        return jdbc.query("SELECT audit_id, audit_timestamp, audit_type, hostname, port, cluster_name, message"
                + " FROM audit ORDER BY audit_id DESC LIMIT " + Math.max(1, limit), rs -> new Entry(rs.getLong(1),
                        Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                        rs.getString(4).isEmpty() ? null : new InstanceKey(rs.getString(4), rs.getInt(5)),
                        rs.getString(6), rs.getString(7)));
    }

    @Override
    public int purgeBefore(Instant before) {
        return jdbc.update("DELETE FROM audit WHERE audit_timestamp < ?", before)
                + jdbc.update("DELETE FROM blocked_topology_recovery WHERE last_blocked_timestamp < ?", before);
    }
}
