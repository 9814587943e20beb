package io.quorch.testing;

import java.nio.file.Path;
import java.util.Map;

import io.agroal.api.AgroalDataSource;
import io.quorch.app.JsonSettings;
import io.quorch.consensus.CommandApplier;
import io.quorch.store.sql.BackendProducer;
import io.quorch.store.sql.Jdbc;
import io.quorch.store.sql.Migrations;
import io.quorch.store.sql.SchemaMigrator;
import io.quorch.store.sql.SqlCandidateStore;
import io.quorch.store.sql.SqlClusterAliasStore;
import io.quorch.store.sql.SqlDialect;
import io.quorch.store.sql.SqlDiscoveryStore;
import io.quorch.store.sql.SqlDowntimeStore;
import io.quorch.store.sql.SqlInstanceStore;
import io.quorch.store.sql.SqlMaintenanceStore;
import io.quorch.store.sql.SqlNodeStateStore;
import io.quorch.store.sql.SqlRecoveryStore;
import io.quorch.store.sql.SqlReplicatedStateStore;
import io.quorch.store.sql.SqliteDialect;

/**
 * A real backend for tests that build quorch's parts by hand: a connection pool over a fresh
 * SQLite file (or any dialect), and the stores and command applier over it. Close it to close the pool.
 */
public final class TestBackend implements AutoCloseable {

    private final SqlDialect dialect;
    private final AgroalDataSource pool;
    private final Jdbc jdbc;

    private TestBackend(SqlDialect dialect, String user, String password, Map<String, String> connectionProperties) {
        this.dialect = dialect;
        this.pool = BackendProducer.pool(dialect, user, password, 4, connectionProperties);
        this.jdbc = new Jdbc(pool);
    }

    /** A pool over the backend, schema not yet created. */
    public static TestBackend open(SqlDialect dialect, String user, String password) {
        return new TestBackend(dialect, user, password, Map.of());
    }

    /** The same, with connection properties besides the dialect's (the TLS settings quorch derives from its keys). */
    public static TestBackend open(SqlDialect dialect, String user, String password,
            Map<String, String> connectionProperties) {
        return new TestBackend(dialect, user, password, connectionProperties);
    }

    /** A fresh SQLite file in dir with the current schema. */
    public static TestBackend sqlite(Path dir) {
        TestBackend b = open(new SqliteDialect(dir.resolve("quorch.db")), "", "");
        b.migrate();
        return b;
    }

    /** Creates or upgrades the schema; returns its version. */
    public int migrate() {
        return new SchemaMigrator(jdbc, dialect, Migrations.all()).migrate();
    }

    public Jdbc jdbc() {
        return jdbc;
    }

    public SqlDialect dialect() {
        return dialect;
    }

    public SqlInstanceStore instances() {
        return new SqlInstanceStore(jdbc, dialect, JsonSettings.standalone());
    }

    public SqlClusterAliasStore aliases() {
        return new SqlClusterAliasStore(jdbc, dialect);
    }

    public SqlDowntimeStore downtimes() {
        return new SqlDowntimeStore(jdbc, dialect);
    }

    public SqlMaintenanceStore maintenance() {
        return new SqlMaintenanceStore(jdbc, dialect);
    }

    public SqlCandidateStore candidates() {
        return new SqlCandidateStore(jdbc, dialect);
    }

    public SqlDiscoveryStore seeds() {
        return new SqlDiscoveryStore(jdbc, dialect);
    }

    public SqlRecoveryStore recoveries() {
        return new SqlRecoveryStore(jdbc, dialect, JsonSettings.standalone());
    }

    public SqlNodeStateStore nodeState() {
        return new SqlNodeStateStore(jdbc, dialect);
    }

    public SqlReplicatedStateStore replicatedState() {
        return new SqlReplicatedStateStore(jdbc, dialect);
    }

    /** Applies commands to this backend, as every node does; forgotten servers are not reported. */
    public CommandApplier applier() {
        return new CommandApplier(instances(), seeds(), aliases(), downtimes(), candidates(), recoveries(),
                nodeState(), replicatedState(), maintenance(), forgotten -> {
                });
    }

    @Override
    public void close() {
        pool.close();
    }
}
