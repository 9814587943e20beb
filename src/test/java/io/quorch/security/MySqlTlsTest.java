package io.quorch.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.config.ConfigProblemsException;
import io.quorch.testing.Tls;

/** The Connector/J properties built from orchestrator's MySQL TLS keys, and PEM files that cannot be used. */
class MySqlTlsTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void certificates() throws Exception {
        Tls.makeCerts(dir, "test", "client");
        Tls.makeCerts(dir.resolve("other"), "test", "client");
    }

    static MySqlTls.Settings settings(String ca, String cert, String key, boolean skipVerify, boolean retrieval) {
        return new MySqlTls.Settings("MySQLTopology", Optional.ofNullable(ca), Optional.ofNullable(cert),
                Optional.ofNullable(key), skipVerify, retrieval);
    }

    static String f(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void withoutTlsThePasswordIsNeverSentToAKeyTheServerHandsOut() {
        MySqlTls tls = MySqlTls.of(settings(null, null, null, false, false), false);
        Map<String, String> p = tls.properties(false, false);
        assertEquals("false", p.get("allowPublicKeyRetrieval"));
        assertEquals("PREFERRED", p.get("sslMode"));
        assertEquals("DISABLED", tls.properties(false, true).get("sslMode"), "the first try of mixed TLS is plain");
        assertFalse(p.containsKey("trustCertificateKeyStoreUrl"));
        assertEquals("true", MySqlTls.of(settings(null, null, null, false, true), false).properties(false, false)
                .get("allowPublicKeyRetrieval"), "the user may opt in");
    }

    @Test
    void aCaFileMeansTheServerCertificateIsVerifiedAgainstItAlone() throws Exception {
        MySqlTls tls = MySqlTls.of(settings(f("ca.pem"), null, null, false, false), true);
        try {
            Map<String, String> p = tls.properties(true, false);
            assertEquals("VERIFY_CA", p.get("sslMode"));
            assertEquals("false", p.get("fallbackToSystemTrustStore"));
            assertEquals("false", p.get("allowPublicKeyRetrieval"));
            assertFalse(p.containsKey("clientCertificateKeyStoreUrl"));
            Path store = Path.of(URI.create(p.get("trustCertificateKeyStoreUrl")));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(store.getParent())));
            KeyStore loaded = load(store, p.get("trustCertificateKeyStorePassword"));
            assertTrue(loaded.isCertificateEntry("ca0"));
            assertEquals(p, tls.properties(true, false), "written once");
            tls.close();
            assertFalse(Files.exists(store), "removed on close");
        } finally {
            tls.close();
        }
    }

    @Test
    void withoutACaFileTheJdksCasVerify() {
        Map<String, String> p = MySqlTls.of(settings(null, null, null, false, false), true).properties(true, false);
        assertEquals("VERIFY_CA", p.get("sslMode"));
        assertEquals("true", p.get("fallbackToSystemTrustStore"));
        assertNull(p.get("trustCertificateKeyStoreUrl"));
    }

    @Test
    void skipVerifyEncryptsWithoutVerifying() {
        Map<String, String> p = MySqlTls.of(settings(f("ca.pem"), null, null, true, false), true).properties(true,
                false);
        assertEquals("REQUIRED", p.get("sslMode"));
        assertNull(p.get("trustCertificateKeyStoreUrl"));
    }

    @Test
    void aClientCertificateTravelsInAPrivatePasswordProtectedStore() throws Exception {
        MySqlTls tls = MySqlTls.of(settings(f("ca.pem"), f("client.pem"), f("client.key"), false, false), true);
        try {
            Map<String, String> p = tls.properties(true, false);
            String password = p.get("clientCertificateKeyStorePassword");
            assertTrue(password.length() >= 32, "a random password");
            KeyStore keys = load(Path.of(URI.create(p.get("clientCertificateKeyStoreUrl"))), password);
            assertNotNull(keys.getKey("client", password.toCharArray()));
            assertEquals("PKCS12", p.get("clientCertificateKeyStoreType"));
        } finally {
            tls.close();
        }
    }

    @Test
    void aPkcs1KeyIsReadToo() throws Exception {
        Path rsa = dir.resolve("client-pkcs1.key");
        Process p = new ProcessBuilder("openssl", "rsa", "-in", f("client.key"), "-traditional", "-out", rsa.toString())
                .redirectErrorStream(true).start();
        assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes()));
        assertTrue(Files.readString(rsa).contains("BEGIN RSA PRIVATE KEY"));
        assertNotNull(PemTls.keyStore(dir.resolve("client.pem"), rsa, new char[0]).getKey("client", new char[0]));
    }

    @Test
    void unusableFilesStopStartupNamingKeyAndFile() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a certificate\n");
        assertProblem(settings("/nonexistent/ca.pem", null, null, false, false),
                "MySQLTopologySSLCAFile: /nonexistent/ca.pem: no such file");
        assertProblem(settings(garbage.toString(), null, null, false, false),
                "MySQLTopologySSLCAFile: " + garbage + " holds no certificate");
        assertProblem(settings(null, f("client.pem"), f("ca.pem"), false, false),
                "MySQLTopologySSLCertFile/MySQLTopologySSLPrivateKeyFile: " + f("ca.pem")
                        + " is not an unencrypted PEM private key");
        assertProblem(settings(null, f("client.pem"), f("other/client.key"), false, false),
                "MySQLTopologySSLCertFile/MySQLTopologySSLPrivateKeyFile: " + f("other/client.key")
                        + " is not the private key of the certificate in " + f("client.pem"));
        assertProblem(settings(null, f("client.pem"), null, false, false),
                "MySQLTopologySSLPrivateKeyFile: required with MySQLTopologySSLCertFile");
    }

    @Test
    void aFileSetWhileTlsIsOffIsRefusedNotIgnored() {
        var e = assertThrows(ConfigProblemsException.class,
                () -> MySqlTls.of(settings(f("ca.pem"), null, null, false, false), false));
        assertEquals(List.of("MySQLTopologySSLCAFile: set, but TLS is off for these connections (set "
                + "MySQLTopologyUseMutualTLS or MySQLTopologyUseMixedTLS to true, or remove it)"), e.problems());
    }

    @Test
    void problemsNeverQuoteAKeyFile() throws Exception {
        Path key = dir.resolve("client.key");
        var e = assertThrows(ConfigProblemsException.class,
                () -> MySqlTls.of(settings(key.toString(), null, null, false, false), true));
        String secret = Files.readString(key).lines().skip(1).findFirst().orElseThrow();
        assertFalse(e.getMessage().contains(secret), e.getMessage());
    }

    private static void assertProblem(MySqlTls.Settings s, String start) {
        var e = assertThrows(ConfigProblemsException.class, () -> MySqlTls.of(s, true));
        assertEquals(1, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).startsWith(start), e.problems().get(0));
    }

    private static KeyStore load(Path store, String password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, password.toCharArray());
        }
        return ks;
    }
}
