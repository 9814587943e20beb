package io.quorch.security;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * PKCS#12 stores written for a driver that reads key stores only from URLs: in a directory of the
 * system's temporary directory that only quorch's user may open (0700, files 0600), each store
 * encrypted with a random password that exists only in memory, the files removed when quorch stops.
 * Written once, at the first use.
 */
final class KeyStoreFiles {

    /** A store written to a file: its file: URL and its password. */
    record Stored(String url, String password) {
        @Override
        public String toString() {
            return "Stored[" + url + "]";
        }
    }

    interface TrustSource {
        KeyStore load() throws IOException, GeneralSecurityException;
    }

    interface KeySource {
        KeyStore load(char[] password) throws IOException, GeneralSecurityException;
    }

    private final String name;
    private Path dir;
    private Stored trust;
    private Stored keys;

    KeyStoreFiles(String name) {
        this.name = name;
    }

    synchronized Stored trustStore(TrustSource source) {
        if (trust == null) {
            String password = password();
            trust = write("trust.p12", password, source);
        }
        return trust;
    }

    synchronized Stored keyStore(KeySource source) {
        if (keys == null) {
            String password = password();
            keys = write("client.p12", password, () -> source.load(password.toCharArray()));
        }
        return keys;
    }

    private Stored write(String file, String password, TrustSource source) {
        try {
            KeyStore store = source.load();
            Path target = directory().resolve(file);
            Files.deleteIfExists(target);
            Files.createFile(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            target.toFile().deleteOnExit();
            try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.TRUNCATE_EXISTING)) {
                store.store(out, password.toCharArray());
            }
            return new Stored(target.toUri().toString(), password);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the " + name + " TLS key store: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            // the files were checked at startup; they changed since
            throw new IllegalStateException(name + " TLS files cannot be used: " + e.getMessage(), e);
        }
    }

    private Path directory() throws IOException {
        if (dir == null) {
            dir = Files.createTempDirectory("quorch-" + name + "-tls-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            // deleted after the files in it (deleteOnExit runs in reverse order of registration)
            dir.toFile().deleteOnExit();
        }
        return dir;
    }

    private static String password() {
        byte[] b = new byte[24];
        // a new generator for each of the few passwords: a static one would be made, seed and all,
        // when a native image is built, and every run of that image would share it
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    synchronized void close() {
        try {
            for (Stored s : new Stored[] { trust, keys }) {
                if (s != null) {
                    Files.deleteIfExists(Path.of(java.net.URI.create(s.url())));
                }
            }
            if (dir != null) {
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            // removed when the JVM exits
        }
        trust = null;
        keys = null;
        dir = null;
    }
}
