package io.quorch.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.testing.TestBackend;

/** The backend contract on a real SQLite file, in a directory that does not exist yet. */
class SqliteBackendTest extends BackendContract {

    @TempDir
    Path dir;

    @Override
    protected TestBackend openEmptyBackend() {
        return TestBackend.open(new SqliteDialect(dir.resolve("nested/dirs/quorch.db")), "", "");
    }

    @Test
    void createsTheFileInWalMode() {
        new SchemaMigrator(jdbc(), dialect(), Migrations.all()).migrate();
        assertTrue(Files.exists(dir.resolve("nested/dirs/quorch.db")));
        assertEquals("wal", jdbc().queryOne("PRAGMA journal_mode", rs -> rs.getString(1)).orElseThrow());
    }
}
