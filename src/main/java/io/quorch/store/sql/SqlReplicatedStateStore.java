package io.quorch.store.sql;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quorch.store.ReplicatedStateStore;

/** Copies the replicated tables row by row; cluster_alias contributes only its manual (replicated) rows. */
@ApplicationScoped
public class SqlReplicatedStateStore implements ReplicatedStateStore {

    /** Table and the rows of it that are replicated. */
    private record Table(String name, String where) {
    }

    private static final List<Table> TABLES = List.of(
            new Table("database_instance_downtime", ""),
            new Table("candidate_database_instance", ""),
            new Table("cluster_alias", " WHERE manual = 1"),
            new Table("global_recovery_disable", ""),
            new Table("discovery_seed", ""),
            new Table("topology_failure_detection", ""),
            new Table("topology_recovery", ""),
            new Table("topology_recovery_steps", ""),
            new Table("node_state", " WHERE name LIKE 'replicated.%'"));

    private final Jdbc jdbc;

    public SqlReplicatedStateStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, List<Map<String, Object>>> export() {
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        jdbc.inTransaction(c -> {
            for (Table t : TABLES) {
                out.put(t.name(), Jdbc.query(c, "SELECT * FROM " + t.name() + t.where(), SqlReplicatedStateStore::row));
            }
            return null;
        });
        return out;
    }

    @Override
    public void restore(Map<String, List<Map<String, Object>>> tables) {
        jdbc.inTransaction(c -> {
            for (Table t : TABLES) {
                Jdbc.update(c, "DELETE FROM " + t.name() + t.where());
                for (Map<String, Object> row : tables.getOrDefault(t.name(), List.of())) {
                    List<String> columns = new ArrayList<>(row.keySet());
                    String sql = "INSERT INTO " + t.name() + " (" + String.join(", ", columns) + ") VALUES ("
                            + String.join(", ", columns.stream().map(x -> "?").toList()) + ")";
                    Jdbc.update(c, sql, columns.stream().map(row::get).toArray());
                }
            }
            return null;
        });
    }

    private static Map<String, Object> row(ResultSet rs) throws java.sql.SQLException {
        ResultSetMetaData md = rs.getMetaData();
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            row.put(md.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), rs.getObject(i));
        }
        return row;
    }
}
