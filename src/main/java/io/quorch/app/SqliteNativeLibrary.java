package io.quorch.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jboss.logging.Logger;

import org.sqlite.SQLiteJDBCLoader;

import io.quarkus.runtime.ImageMode;

/**
 * In the native executable, loads SQLite's native library the short way before the first SQLite
 * connection. sqlite-jdbc would write the library it carries to a temporary file, check the copy
 * by reading both back a byte at a time, ask {@code uname -o} in a child process whether this is
 * Android, and load it, at every start. Here the same library (the one sqlite-jdbc's own build
 * feature keeps in the image, for glibc Linux on x86_64 or aarch64) is written in one piece to a new
 * directory only this user can read, loaded through sqlite-jdbc's own {@code org.sqlite.lib.path},
 * and deleted once loaded. On the JVM, on any other platform, or when anything here fails,
 * sqlite-jdbc does it its own way.
 */
final class SqliteNativeLibrary {

    private static final Logger LOG = Logger.getLogger(SqliteNativeLibrary.class);
    static final String PATH_PROPERTY = "org.sqlite.lib.path";
    static final String NAME_PROPERTY = "org.sqlite.lib.name";

    private SqliteNativeLibrary() {
    }

    static void load() {
        if (ImageMode.current() != ImageMode.NATIVE_RUN) {
            return;
        }
        String resource = resource(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
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

    /** Where sqlite-jdbc keeps the library for this platform, or null where quorch leaves it to sqlite-jdbc. */
    static String resource(String os, String arch) {
        if (!os.equals("Linux")) {
            return null;
        }
        String folder = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> null;
        };
        return folder == null ? null : "/org/sqlite/native/Linux/" + folder + "/libsqlitejdbc.so";
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
