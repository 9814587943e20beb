package io.quorch.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.agroal.api.AgroalDataSource;

/** The backend contract on a real SQLite file, in a directory that does not exist yet. */
class SqliteBackendTest extends BackendContract {

    @TempDir
    Path dir;

    private SqliteDialect dialect;
    private AgroalDataSource dataSource;
    private Jdbc jdbc;

    @BeforeEach
    void open() {
        dialect = new SqliteDialect(dir.resolve("nested/dirs/quorch.db"));
        dataSource = BackendProducer.pool(dialect, "", "", 4);
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
