package io.quorch.store.sql;

import java.util.List;
import java.util.Map;

/**
 * What differs between backend kinds: how to connect, the few DDL types that differ, and upserts.
 * Data-access code asks the dialect instead of branching on the backend kind.
 */
public interface SqlDialect {

    /** "sqlite" or "mysql", as BackendDB names it. */
    String name();

    /** Where the backend is, for messages: a file or host:port/schema. */
    String describe();

    String jdbcUrl();

    Class<?> driverClass();

    /** Driver properties (timeouts, journal mode...). */
    Map<String, String> jdbcProperties();

    /** Whatever must exist before the first connection (a data directory). */
    void prepare();

    /** Replaces the portable placeholders of a migration statement ({AUTO_ID}, {TEXT}, {TABLE_OPTIONS}). */
    String ddl(String statement);

    /** INSERT of the columns that updates every non-key column when a row with the same key exists. */
    default String upsert(String table, List<String> columns, List<String> keyColumns) {
        return upsert(table, columns, keyColumns, columns.stream().filter(c -> !keyColumns.contains(c)).toList());
    }

    /** INSERT of the columns that updates only updateColumns when a row with the same key exists. */
    String upsert(String table, List<String> columns, List<String> keyColumns, List<String> updateColumns);

    default String insertPrefix(String table, List<String> columns) {
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
    }
}
