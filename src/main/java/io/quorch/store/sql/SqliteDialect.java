package io.quorch.store.sql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.quorch.store.BackendUnavailableException;

/** The embedded SQLite backend: one file, WAL journal, a busy timeout instead of lock errors. */
public final class SqliteDialect implements SqlDialect {

    private final Path file;

    public SqliteDialect(Path file) {
        this.file = file;
    }

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public String describe() {
        return "sqlite file " + file;
    }

    @Override
    public String jdbcUrl() {
        return "jdbc:sqlite:" + file;
    }

    @Override
    public Class<?> driverClass() {
        return org.sqlite.JDBC.class;
    }

    @Override
    public Map<String, String> jdbcProperties() {
        // transactions begin IMMEDIATE: each of quorch's reads before it writes (an id, a check), and a deferred
        // one that another connection wrote under meanwhile fails with SQLITE_BUSY_SNAPSHOT (a raft entry applied
        // during a failover retried after a pause); an immediate one holds the write lock from its start, so the
        // other write waits for it within busy_timeout. Statements outside a transaction are not affected.
        return Map.of("journal_mode", "WAL", "busy_timeout", "10000", "synchronous", "NORMAL",
                "transaction_mode", "IMMEDIATE");
    }

    @Override
    public void prepare() {
        Path parent = file.toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new BackendUnavailableException("backend " + describe() + ": cannot create directory " + parent
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String ddl(String statement) {
        return statement.replace("{AUTO_ID}", "INTEGER PRIMARY KEY AUTOINCREMENT")
                .replace("{TEXT}", "TEXT")
                .replace("{TABLE_OPTIONS}", "");
    }

    @Override
    public String upsert(String table, List<String> columns, List<String> keyColumns, List<String> rest) {
        String conflict = " ON CONFLICT (" + String.join(", ", keyColumns) + ") DO ";
        if (rest.isEmpty()) {
            return insertPrefix(table, columns) + conflict + "NOTHING";
        }
        return insertPrefix(table, columns) + conflict + "UPDATE SET "
                + rest.stream().map(c -> c + " = excluded." + c).collect(Collectors.joining(", "));
    }
}
