package io.quorch.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;

/** The backend contract on a real SQLite file, in a directory that does not exist yet. */
class SqliteBackendTest extends BackendContract {

    @TempDir
    Path dir;

    private SqliteDialect dialect;
    private AgroalDataSource dataSource;
    private Jdbc jdbc;

    @BeforeEach
    void open() throws SQLException {
        dialect = new SqliteDialect(dir.resolve("nested/dirs/quorch.db"));
        dialect.prepare();
        dataSource = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(p -> p.maxSize(4).connectionFactoryConfiguration(f -> {
                    f.jdbcUrl(dialect.jdbcUrl()).connectionProviderClass(dialect.driverClass());
                    dialect.jdbcProperties().forEach(f::jdbcProperty);
                    return f;
                })));
        jdbc = new Jdbc(dataSource);
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Override
    protected Jdbc jdbc() {
        return jdbc;
    }

    @Override
    protected SqlDialect dialect() {
        return dialect;
    }

    @Test
    void createsTheFileInWalMode() {
        new SchemaMigrator(jdbc, dialect, Migrations.all()).migrate();
        assertTrue(Files.exists(dir.resolve("nested/dirs/quorch.db")));
        assertEquals("wal", jdbc.queryOne("PRAGMA journal_mode", rs -> rs.getString(1)).orElseThrow());
    }
}
