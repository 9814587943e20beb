package io.quorch.store.sql;

import java.nio.file.Path;

import io.agroal.api.AgroalDataSource;
import io.quorch.consensus.CommandApplier;
import io.quorch.consensus.CommandBus;
import io.quorch.consensus.local.LocalCommandBus;

/**
 * A real, migrated SQLite backend in a directory, with every store and a single-node command bus
 * over it, for fast tests of the services above the stores.
 */
public final class TestBackend implements AutoCloseable {

    private final AgroalDataSource dataSource;
    public final SqlInstanceStore instances;
    public final SqlRecoveryStore recoveries;
    public final SqlAuditStore audit;
    public final SqlClusterAliasStore aliases;
    public final SqlCandidateStore candidates;
    public final SqlDowntimeStore downtimes;
    public final CommandBus bus;

    public TestBackend(Path dir) {
        SqliteDialect dialect = new SqliteDialect(dir.resolve("quorch.db"));
        dataSource = BackendProducer.pool(dialect, "", "", 4);
        Jdbc jdbc = new Jdbc(dataSource);
        new SchemaMigrator(jdbc, dialect, Migrations.all()).migrate();
        instances = new SqlInstanceStore(jdbc, dialect);
        recoveries = new SqlRecoveryStore(jdbc, dialect);
        audit = new SqlAuditStore(jdbc);
        aliases = new SqlClusterAliasStore(jdbc, dialect);
        candidates = new SqlCandidateStore(jdbc, dialect);
        downtimes = new SqlDowntimeStore(jdbc, dialect);
        bus = new LocalCommandBus(new CommandApplier(instances, new SqlDiscoveryStore(jdbc, dialect), aliases,
                downtimes, candidates, recoveries, new SqlNodeStateStore(jdbc, dialect), forgotten -> {
                }));
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
