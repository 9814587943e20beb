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

    /** The last maintenance id given, kept with the replicated state (so in snapshots too). */
    static final String LAST_ID = "replicated.maintenance_id";

    private final Jdbc jdbc;
    private final String lastIdUpsert;

    public SqlMaintenanceStore(Jdbc jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.lastIdUpsert = dialect.upsert("node_state", List.of("name", "value"), List.of("name"));
    }

    /**
     * Replaces the server's mark in one transaction, with the next id of a replicated counter: every
     * node applies the same commands in the same order, so every node gives the same id, and an id
     * is never given twice (an ended mark's token never ends a later one).
     */
    @Override
    public void begin(Maintenance m) {
        jdbc.inTransaction(c -> {
            long last = Jdbc.query(c, "SELECT value FROM node_state WHERE name = ?", rs -> Long.parseLong(
                    rs.getString(1).trim()), LAST_ID).stream().findFirst().orElse(0L);
            long max = Jdbc.query(c, "SELECT COALESCE(MAX(maintenance_id), 0) FROM database_instance_maintenance",
                    rs -> rs.getLong(1)).get(0);
            long id = Math.max(last, max) + 1;
            Jdbc.update(c, lastIdUpsert, LAST_ID, Long.toString(id));
            Jdbc.update(c, "DELETE FROM database_instance_maintenance WHERE hostname = ? AND port = ?",
                    m.key().hostname(), m.key().port());
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
