package io.quorch.security;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.sql.SQLException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/** What a failed MySQL connection says about TLS, in words a user can act on. */
public final class MySqlTlsErrors {

    /** MySQL's ER_SECURE_TRANSPORT_REQUIRED (require_secure_transport). */
    static final int SECURE_TRANSPORT_REQUIRED = 3159;
    /**
     * Access denied: also what a user created REQUIRE SSL or X509 gets on a plain connection, and
     * what MariaDB (10.11) answers under require_secure_transport.
     */
    static final int ACCESS_DENIED = 1045;

    private MySqlTlsErrors() {
    }

    /**
     * Whether a plain connection was refused in a way TLS may cure (orchestrator's rule for mixed TLS,
     * plus a caching_sha2_password server that wants the password over TLS).
     */
    public static boolean refusedPlain(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && (s.getErrorCode() == SECURE_TRANSPORT_REQUIRED
                    || s.getErrorCode() == ACCESS_DENIED)) {
                return true;
            }
            String m = t.getMessage();
            if (m != null && (m.contains("Public Key Retrieval is not allowed")
                    || m.contains("SSL connection required for plugin"))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** Whether TLS failed because the server does not offer it at all. */
    public static boolean noTlsOffered(SQLException e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("SSL Connection required, but not provided by server")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The failure with a first line that names TLS when TLS is what failed (the driver only says
     * "Communications link failure"); other failures unchanged. caKey names the CA setting.
     */
    public static SQLException clarify(SQLException e, String server, String caKey) {
        String why = reason(e, caKey);
        if (why == null) {
            return e;
        }
        return new SQLException("TLS with " + server + " failed: " + why, e.getSQLState(), e.getErrorCode(), e);
    }

    static String reason(Throwable e, String caKey) {
        Throwable tls = null;
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof CertPathValidatorException || t instanceof CertificateException
                    || t.getClass().getName().equals("sun.security.provider.certpath.SunCertPathBuilderException")) {
                return "the server's certificate is not trusted (not signed by " + caKey + "): " + oneLine(t);
            }
            if (tls == null && t instanceof SSLException) {
                tls = t;
            }
            if (t instanceof SQLException s && s.getMessage() != null
                    && s.getMessage().contains("SSL Connection required, but not provided by server")) {
                return "the server does not offer TLS (have_ssl, ssl_cert and ssl_key on the server)";
            }
        }
        if (tls == null) {
            return null;
        }
        Throwable root = tls;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String what = tls instanceof SSLHandshakeException ? "handshake refused" : "TLS error";
        return what + ": " + oneLine(root);
    }

    private static String oneLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl >= 0 ? m.substring(0, nl) : m;
    }
}
