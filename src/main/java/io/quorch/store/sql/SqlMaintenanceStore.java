package io.quorch.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quorch.domain.InstanceKey;
import io.quorch.domain.Maintenance;
import io.quorch.store.MaintenanceStore;

@ApplicationScoped
public class SqlMaintenanceStore implements MaintenanceStore {

    private static final String ACTIVE = " WHERE begin_timestamp <= ? AND end_timestamp > ?";

    private final Jdbc jdbc;

    public SqlMaintenanceStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Replaces the server's mark in one transaction. The id is one more than the highest in the
     * table: every node applies the same commands in the same order to the same rows, so every node
     * gives the same id.
     */
    @Override
    public void begin(Maintenance m) {
        jdbc.inTransaction(c -> {
            Jdbc.update(c, "DELETE FROM database_instance_maintenance WHERE hostname = ? AND port = ?",
                    m.key().hostname(), m.key().port());
            long id;
            try (var ps = c.prepareStatement("SELECT COALESCE(MAX(maintenance_id), 0) + 1 FROM"
                    + " database_instance_maintenance"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
            Jdbc.update(c, "INSERT INTO database_instance_maintenance (maintenance_id, hostname, port,"
                    + " begin_timestamp, end_timestamp, owner, reason) VALUES (?, ?, ?, ?, ?, ?, ?)", id,
                    m.key().hostname(), m.key().port(), m.begin(), m.end(), m.owner(), m.reason());
            return null;
        });
    }

    @Override
    public boolean end(InstanceKey key) {
        return jdbc.update("DELETE FROM database_instance_maintenance WHERE hostname = ? AND port = ?",
                key.hostname(), key.port()) > 0;
    }

    @Override
    public Optional<Maintenance> active(InstanceKey key, Instant now) {
        return jdbc.queryOne("SELECT * FROM database_instance_maintenance" + ACTIVE + " AND hostname = ? AND port = ?",
                SqlMaintenanceStore::map, now, now, key.hostname(), key.port());
    }

    @Override
    public List<Maintenance> allActive(Instant now) {
        return jdbc.query("SELECT * FROM database_instance_maintenance" + ACTIVE + " ORDER BY maintenance_id",
                SqlMaintenanceStore::map, now, now);
    }

    private static Maintenance map(ResultSet rs) throws SQLException {
        return new Maintenance(rs.getLong("maintenance_id"), new InstanceKey(rs.getString("hostname"),
                rs.getInt("port")), rs.getString("owner"), rs.getString("reason"),
                Instant.ofEpochMilli(rs.getLong("begin_timestamp")), Instant.ofEpochMilli(rs.getLong("end_timestamp")));
    }
}
