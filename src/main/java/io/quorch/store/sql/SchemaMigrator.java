package io.quorch.store.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import org.jboss.logging.Logger;

import io.quorch.store.BackendUnavailableException;

/**
 * Brings the backend schema to the newest version: each migration runs once, in order, and is
 * recorded in quorch_schema. Running it again changes nothing.
 */
public final class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class);

    private final Jdbc jdbc;
    private final SqlDialect dialect;
    private final List<Migration> migrations;

    public SchemaMigrator(Jdbc jdbc, SqlDialect dialect, List<Migration> migrations) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.migrations = migrations;
    }

    /** Applies what is missing; returns the schema version now in place. */
    public int migrate() {
        jdbc.update(dialect.ddl("CREATE TABLE IF NOT EXISTS quorch_schema (version INT NOT NULL PRIMARY KEY,"
                + " description VARCHAR(200) NOT NULL, applied_at BIGINT NOT NULL){TABLE_OPTIONS}"));
        int current = currentVersion();
        int newest = migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
        if (current > newest) {
            throw new BackendUnavailableException("backend " + dialect.describe() + " has schema version " + current
                    + ", newer than this quorch knows (" + newest + "): upgrade quorch or use another backend", null);
        }
        for (Migration m : migrations) {
            if (m.version() <= current) {
                continue;
            }
            LOG.infof("backend %s: migrating schema to version %d (%s)", dialect.describe(), m.version(),
                    m.description());
            jdbc.inTransaction(c -> {
                apply(c, m);
                return null;
            });
            current = m.version();
        }
        return current;
    }

    public int currentVersion() {
        return jdbc.queryOne("SELECT MAX(version) FROM quorch_schema", rs -> rs.getInt(1)).orElse(0);
    }

    private void apply(Connection c, Migration m) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String sql : m.statements()) {
                st.execute(dialect.ddl(sql));
            }
        }
        Jdbc.update(c, "INSERT INTO quorch_schema (version, description, applied_at) VALUES (?, ?, ?)",
                m.version(), m.description(), Instant.now().toEpochMilli());
    }
}
