package io.quorch.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.CertPathValidatorException;
import java.sql.SQLException;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

class MySqlTlsErrorsTest {

    @Test
    void aPlainConnectionRefusedForWantOfTlsIsRecognised() {
        assertTrue(MySqlTlsErrors.refusedPlain(new SQLException("Connections using insecure transport are prohibited",
                "HY000", 3159)));
        assertTrue(MySqlTlsErrors.refusedPlain(new SQLException("Access denied for user 'quorch'@'127.0.0.1'", "28000",
                1045)), "MariaDB's require_secure_transport, and a user REQUIRE SSL/X509");
        assertTrue(MySqlTlsErrors.refusedPlain(new SQLException("wrapped",
                new RuntimeException("Public Key Retrieval is not allowed"))));
        assertFalse(MySqlTlsErrors.refusedPlain(new SQLException("Unknown database", "42000", 1049)));
        assertFalse(MySqlTlsErrors.refusedPlain(new SQLException("Communications link failure")));
    }

    @Test
    void anUntrustedCertificateIsNamedAsSuch() {
        SSLHandshakeException handshake = new SSLHandshakeException("PKIX path building failed");
        handshake.initCause(new CertPathValidatorException("Path does not chain with any of the trust anchors"));
        SQLException link = new SQLException("Communications link failure\n\nThe last packet sent", "08S01", 0,
                handshake);
        SQLException clear = MySqlTlsErrors.clarify(link, "127.0.0.1:3306", "MySQLTopologySSLCAFile");
        assertEquals("TLS with 127.0.0.1:3306 failed: the server's certificate is not trusted (not signed by "
                + "MySQLTopologySSLCAFile): Path does not chain with any of the trust anchors", clear.getMessage());
        assertEquals("08S01", clear.getSQLState());
        assertSame(link, clear.getCause());
    }

    @Test
    void otherFailuresAreLeftAlone() {
        SQLException denied = new SQLException("Access denied", "28000", 1045);
        assertSame(denied, MySqlTlsErrors.clarify(denied, "h:1", "X"));
        SQLException noTls = new SQLException("SSL Connection required, but not provided by server.", "08001", 0);
        assertTrue(MySqlTlsErrors.noTlsOffered(noTls));
        assertTrue(MySqlTlsErrors.clarify(noTls, "h:1", "X").getMessage().contains("the server does not offer TLS"));
    }
}
