package io.quorch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import org.sqlite.SQLiteJDBCLoader;

class SqliteNativeLibraryTest {

    @Test
    void theLibraryIsLookedUpWhereSqliteJdbcKeepsItAndOnlyForGlibcLinux() {
        assertEquals("/org/sqlite/native/Linux/x86_64/libsqlitejdbc.so", SqliteNativeLibrary.resource("Linux", "amd64"));
        assertEquals("/org/sqlite/native/Linux/aarch64/libsqlitejdbc.so", SqliteNativeLibrary.resource("Linux", "aarch64"));
        assertNull(SqliteNativeLibrary.resource("Mac OS X", "aarch64"));
        assertNull(SqliteNativeLibrary.resource("Linux", "riscv64"));
        // the path is sqlite-jdbc's own: its jar carries the library there
        assertNotNull(SQLiteJDBCLoader.class.getResource(SqliteNativeLibrary.resource("Linux", "amd64")));
    }

    @Test
    void onTheJvmSqliteJdbcKeepsItsOwnWay() {
        SqliteNativeLibrary.load();
        assertNull(System.getProperty(SqliteNativeLibrary.PATH_PROPERTY));
        assertNull(System.getProperty(SqliteNativeLibrary.NAME_PROPERTY));
    }
}
