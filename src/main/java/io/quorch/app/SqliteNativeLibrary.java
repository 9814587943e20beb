package io.quorch.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jboss.logging.Logger;

import org.sqlite.SQLiteJDBCLoader;

/**
 * In the native executable, loads SQLite's native library the short way before the first SQLite
 * connection. sqlite-jdbc would write the library it carries to a temporary file, check the copy
 * by reading both back a byte at a time, ask {@code uname -o} in a child process whether this is
 * Android, and load it: about 50 ms of a native start that is otherwise 0.2 s. Here the same
 * library (the one the image carries, found through {@value #RESOURCE_PROPERTY}, which
 * {@link NativeRegistrations} sets when it builds the image) is written in one piece to a new
 * directory only this user can read, loaded through sqlite-jdbc's own {@code org.sqlite.lib.path},
 * and deleted once loaded. On the JVM, or when anything here fails, sqlite-jdbc does it its own way.
 */
final class SqliteNativeLibrary {

    private static final Logger LOG = Logger.getLogger(SqliteNativeLibrary.class);
    /** The library's resource path in the image; set only in the native executable. */
    static final String RESOURCE_PROPERTY = "quorch.sqlite.native-library";
    static final String PATH_PROPERTY = "org.sqlite.lib.path";
    static final String NAME_PROPERTY = "org.sqlite.lib.name";

    private SqliteNativeLibrary() {
    }

    static void load() {
        String resource = System.getProperty(RESOURCE_PROPERTY);
        if (resource == null || System.getProperty(PATH_PROPERTY) != null || System.getProperty(NAME_PROPERTY) != null) {
            return;
        }
        Path dir = null;
        Path lib = null;
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                return;
            }
            dir = Files.createTempDirectory("quorch-sqlite-");
            String name = resource.substring(resource.lastIndexOf('/') + 1);
            lib = dir.resolve(name);
            Files.copy(in, lib);
            System.setProperty(PATH_PROPERTY, dir.toString());
            System.setProperty(NAME_PROPERTY, name);
            SQLiteJDBCLoader.initialize();
        } catch (Exception | LinkageError e) {
            LOG.debugf("SQLite's native library is loaded by sqlite-jdbc itself: %s", e);
            System.clearProperty(PATH_PROPERTY);
            System.clearProperty(NAME_PROPERTY);
        } finally {
            // a loaded library stays mapped: its file is not needed any more
            delete(lib);
            delete(dir);
        }
    }

    private static void delete(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            p.toFile().deleteOnExit();
        }
    }
}
