package io.quorch.store.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quorch.domain.InstanceKey;
import io.quorch.domain.Text;
import io.quorch.store.ReplicatedStateStore;

/**
 * The replicated tables, row by row: cluster_alias contributes only its manual (replicated) rows
 * and node_state only its "replicated." names. Table and column names always come from this
 * class and the local schema, never from a snapshot.
 */
@ApplicationScoped
public class SqlReplicatedStateStore implements ReplicatedStateStore {

    private static final Logger LOG = Logger.getLogger(SqlReplicatedStateStore.class);

    /** A replicated table: which of its rows are replicated, its key, and which rows a snapshot may bring. */
    private record Table(String name, String where, List<String> keys, Predicate<Map<String, Object>> accepts) {
    }

    private static final Predicate<Map<String, Object>> ANY = row -> true;

    private static final List<Table> TABLES = List.of(
            new Table("database_instance_downtime", "", List.of("hostname", "port"), ANY),
            new Table("database_instance_maintenance", "", List.of("hostname", "port"), ANY),
            new Table("candidate_database_instance", "", List.of("hostname", "port"), ANY),
            new Table("cluster_alias", " WHERE manual = 1", List.of("cluster_name"),
                    row -> String.valueOf(row.get("manual")).equals("1")),
            new Table("global_recovery_disable", "", List.of("id"), ANY),
            new Table("discovery_seed", "", List.of("hostname", "port"), ANY),
            new Table("topology_failure_detection", "", List.of("detection_id"), ANY),
            new Table("topology_recovery", "", List.of("recovery_id"), ANY),
            new Table("topology_recovery_steps", "", List.of("recovery_uid", "step_seq"), ANY),
            new Table("forgotten_instance", "", List.of("hostname", "port", "cluster_name"), ANY),
            new Table("node_state", " WHERE name LIKE 'replicated.%'", List.of("name"),
                    row -> String.valueOf(row.get("name")).startsWith("replicated.")));

    /** Table and the time column history is purged by (rows older than the cutoff go). */
    private static final List<String> PURGES = List.of(
            "DELETE FROM topology_failure_detection WHERE start_active_period < ?",
            "DELETE FROM topology_recovery WHERE start_active_period < ? AND end_recovery <> 0",
            "DELETE FROM topology_recovery_steps WHERE audit_at < ?",
            "DELETE FROM database_instance_downtime WHERE end_timestamp < ?",
            "DELETE FROM database_instance_maintenance WHERE end_timestamp < ?",
            "DELETE FROM candidate_database_instance WHERE last_suggested < ?",
            "DELETE FROM discovery_seed WHERE seeded_at < ?",
            "DELETE FROM forgotten_instance WHERE forgotten_at < ?");

    private final Jdbc jdbc;
    private final SqlDialect dialect;
    private final String forgottenUpsert;

    public SqlReplicatedStateStore(Jdbc jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.forgottenUpsert = dialect.upsert("forgotten_instance",
                List.of("hostname", "port", "cluster_name", "forgotten_at", "log_index"),
                List.of("hostname", "port", "cluster_name"));
    }

    @Override
    public int schemaVersion() {
        return Migrations.all().stream().mapToInt(Migration::version).max().orElse(0);
    }

    @Override
    public List<String> tables() {
        return TABLES.stream().map(Table::name).toList();
    }

    @Override
    public void export(RowSink sink) throws IOException {
        try {
            jdbc.inTransaction(c -> {
                for (Table t : TABLES) {
                    sink(sink, s -> s.table(t.name()));
                    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + t.name() + t.where());
                            ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Map<String, Object> row = row(rs);
                            sink(sink, s -> s.row(row));
                        }
                    }
                }
                return null;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public void restore(RowSource source) throws IOException {
        try {
            jdbc.inTransaction(c -> {
                Map<String, List<String>> columns = new HashMap<>();
                for (Table t : TABLES) {
                    columns.put(t.name(), columns(c, t.name()));
                    Jdbc.update(c, "DELETE FROM " + t.name() + t.where());
                }
                Restorer restorer = new Restorer(c, columns);
                try {
                    source.readInto(restorer);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                restorer.report();
                return null;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Upserts the rows a snapshot gives, with statements built from local names only. */
    private final class Restorer implements RowSink {

        private final Connection c;
        private final Map<String, List<String>> columns;
        private final Map<String, String> statements = new HashMap<>();
        private final TreeSet<String> skipped = new TreeSet<>();
        private Table current;

        Restorer(Connection c, Map<String, List<String>> columns) {
            this.c = c;
            this.columns = columns;
        }

        @Override
        public void table(String name) {
            current = TABLES.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
            if (current == null) {
                skipped.add("table " + Text.shown(name, 40));
            }
        }

        @Override
        public void row(Map<String, Object> row) throws IOException {
            if (current == null || !current.accepts().test(row)) {
                return;
            }
            List<String> local = columns.get(current.name());
            for (String k : current.keys()) {
                if (!row.containsKey(k)) {
                    throw new IOException("a row of " + current.name() + " lacks its key column " + k);
                }
            }
            List<String> used = local.stream().filter(row::containsKey).toList();
            row.keySet().stream().filter(k -> !local.contains(k))
                    .forEach(k -> skipped.add("column " + current.name() + "." + Text.shown(k, 40)));
            String sql = statements.computeIfAbsent(current.name() + " " + used,
                    k -> dialect.upsert(current.name(), used, current.keys()));
            try {
                Jdbc.update(c, sql, used.stream().map(row::get).toArray());
            } catch (SQLException e) {
                throw new IOException("cannot restore a row of " + current.name() + ": " + e.getMessage(), e);
            }
        }

        void report() {
            if (!skipped.isEmpty()) {
                LOG.warnf("snapshot restore skipped what this schema does not have: %s", String.join(", ", skipped));
            }
        }
    }

    @Override
    public void recordForgotten(Forgotten f) {
        jdbc.update(forgottenUpsert, f.key() == null ? "" : f.key().hostname(), f.key() == null ? 0 : f.key().port(),
                f.clusterName() == null ? "" : f.clusterName(), f.at(), f.index());
    }

    @Override
    public List<Forgotten> forgottenAfter(long index) {
        return jdbc.query("SELECT hostname, port, cluster_name, forgotten_at, log_index FROM forgotten_instance"
                + " WHERE log_index > ? ORDER BY log_index", rs -> new Forgotten(
                        rs.getString(1).isEmpty() ? null : new InstanceKey(rs.getString(1), rs.getInt(2)),
                        rs.getString(3).isEmpty() ? null : rs.getString(3),
                        Instant.ofEpochMilli(rs.getLong(4)), rs.getLong(5)), index);
    }

    @Override
    public int purge(Instant before) {
        return jdbc.inTransaction(c -> {
            int n = 0;
            for (String sql : PURGES) {
                n += Jdbc.update(c, sql, before);
            }
            return n;
        });
    }

    /** The table's columns in the local schema, lower-cased. */
    private static List<String> columns(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + table + " WHERE 1 = 0");
                ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                names.add(md.getColumnLabel(i).toLowerCase(Locale.ROOT));
            }
            return names;
        }
    }

    private interface SinkCall {
        void call(RowSink sink) throws IOException;
    }

    private static void sink(RowSink sink, SinkCall call) {
        try {
            call.call(sink);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> row(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            row.put(md.getColumnLabel(i).toLowerCase(Locale.ROOT), rs.getObject(i));
        }
        return row;
    }
}
