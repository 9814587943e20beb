package io.quorch.security;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.quorch.config.ConfigProblemsException;

/**
 * The connection properties that secure one kind of MySQL connection (to the managed servers, or to
 * the backend), from orchestrator's keys: with TLS the server's certificate is verified against the
 * CA file (Connector/J's VERIFY_CA; the JDK's CAs when no file is given) unless SkipVerify, and the
 * client certificate is sent when one is configured. Connector/J reads key stores from URLs, so the
 * PEM files are checked at startup and turned into PKCS#12 stores in private files ({@link KeyStoreFiles})
 * at the first TLS connection. Without TLS the server's RSA key is never fetched to encrypt the
 * password (a man in the middle could hand out its own) unless the user allows it.
 */
public final class MySqlTls {

    private static final Logger LOG = Logger.getLogger(MySqlTls.class);

    /** What the configuration says, with the JSON key prefix ("MySQLTopology", "MySQLOrchestrator") for messages. */
    public record Settings(String prefix, Optional<String> caFile, Optional<String> certFile,
            Optional<String> keyFile, boolean skipVerify, boolean allowPublicKeyRetrieval) {
    }

    private final Settings settings;
    private final Path ca;
    private final Path cert;
    private final Path key;
    private final KeyStoreFiles files;

    private MySqlTls(Settings settings, Path ca, Path cert, Path key, KeyStoreFiles files) {
        this.settings = settings;
        this.ca = ca;
        this.cert = cert;
        this.key = key;
        this.files = files;
    }

    /**
     * Checks the settings and their files; a problem (a missing, unreadable or invalid file, a
     * certificate without its key) is a {@link ConfigProblemsException} naming the key and the file.
     * tlsPossible: whether any connection may use TLS (UseMutualTLS, or UseMixedTLS for the topology).
     */
    public static MySqlTls of(Settings s, boolean tlsPossible) {
        List<String> problems = new ArrayList<>();
        Path ca = path(s.caFile());
        Path cert = path(s.certFile());
        Path key = path(s.keyFile());
        String p = s.prefix();
        if (!tlsPossible) {
            // a file the user set would be ignored: they would believe the connection is protected
            for (var f : List.of(Map.entry("SSLCAFile", s.caFile()), Map.entry("SSLCertFile", s.certFile()),
                    Map.entry("SSLPrivateKeyFile", s.keyFile()))) {
                if (path(f.getValue()) != null) {
                    problems.add(p + f.getKey() + ": set, but TLS is off for these connections (set " + p
                            + "UseMutualTLS" + (p.equals("MySQLTopology") ? " or " + p + "UseMixedTLS" : "")
                            + " to true, or remove it)");
                }
            }
        }
        if ((cert == null) != (key == null)) {
            problems.add(p + (cert == null ? "SSLCertFile" : "SSLPrivateKeyFile") + ": required with " + p
                    + (cert == null ? "SSLPrivateKeyFile" : "SSLCertFile") + " (a client certificate needs its key)");
        }
        if (tlsPossible && ca != null) {
            check(p + "SSLCAFile", problems, () -> PemTls.trustStore(ca));
        }
        if (tlsPossible && cert != null && key != null) {
            check(p + "SSLCertFile/" + p + "SSLPrivateKeyFile", problems,
                    () -> PemTls.keyStore(cert, key, new char[0]));
        }
        if (!problems.isEmpty()) {
            throw new ConfigProblemsException(problems);
        }
        if (tlsPossible && s.skipVerify()) {
            LOG.warnf("%sSSLSkipVerify is true: the servers' certificates are not verified, so TLS does not prove "
                    + "who answers", p);
        } else if (tlsPossible) {
            LOG.infof("%s connections: TLS verified against %s%s", p, ca == null ? "the JDK's CAs" : ca,
                    cert == null ? "" : ", client certificate " + cert);
        }
        return new MySqlTls(s, ca, cert, key, tlsPossible ? new KeyStoreFiles(p) : null);
    }

    private interface StoreCheck {
        KeyStore load() throws IOException, GeneralSecurityException;
    }

    private static void check(String keyName, List<String> problems, StoreCheck check) {
        try {
            check.load();
        } catch (IOException | GeneralSecurityException e) {
            problems.add(keyName + ": " + e.getMessage());
        }
    }

    private static Path path(Optional<String> value) {
        return value.map(String::trim).filter(v -> !v.isEmpty()).map(Path::of).orElse(null);
    }

    public Settings settings() {
        return settings;
    }

    /**
     * The Connector/J properties for a connection: with tls, TLS as configured; without, plain if
     * plainOnly (the first try of mixed TLS, so that a server that requires TLS says so), else TLS when
     * the server offers it, unverified (what an unconfigured client does).
     */
    public Map<String, String> properties(boolean tls, boolean plainOnly) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("allowPublicKeyRetrieval", Boolean.toString(settings.allowPublicKeyRetrieval()));
        if (!tls) {
            p.put("sslMode", plainOnly ? "DISABLED" : "PREFERRED");
            return p;
        }
        if (files == null) {
            throw new IllegalStateException(settings.prefix() + ": TLS asked for but not configured");
        }
        p.put("fallbackToSystemKeyStore", "false");
        if (settings.skipVerify()) {
            p.put("sslMode", "REQUIRED");
        } else {
            p.put("sslMode", "VERIFY_CA");
            if (ca != null) {
                KeyStoreFiles.Stored trust = files.trustStore(() -> PemTls.trustStore(ca));
                p.put("trustCertificateKeyStoreUrl", trust.url());
                p.put("trustCertificateKeyStoreType", "PKCS12");
                p.put("trustCertificateKeyStorePassword", trust.password());
                p.put("fallbackToSystemTrustStore", "false");
            } else {
                p.put("fallbackToSystemTrustStore", "true");
            }
        }
        if (cert != null && key != null) {
            KeyStoreFiles.Stored client = files.keyStore(password -> PemTls.keyStore(cert, key, password));
            p.put("clientCertificateKeyStoreUrl", client.url());
            p.put("clientCertificateKeyStoreType", "PKCS12");
            p.put("clientCertificateKeyStorePassword", client.password());
        }
        return p;
    }

    /** The stores' files, removed (they are also removed when the JVM exits). */
    public void close() {
        if (files != null) {
            files.close();
        }
    }
}
