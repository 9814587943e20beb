package io.quorch.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns orchestrator's HTTPS keys into Quarkus' HTTP server and TLS registry settings: with UseSSL the
 * API is served over HTTPS on ListenAddress's port and plain HTTP is not served at all; with
 * UseMutualTLS a client must present a certificate signed by SSLCAFile.
 */
public final class HttpsSettings {

    /** The TLS registry configuration the API's server uses. */
    public static final String TLS_NAME = "quorch-api";

    private HttpsSettings() {
    }

    /**
     * The Quarkus properties for the given quorch values (value gives a property's effective value or
     * null); problems collects what is wrong, naming the key.
     */
    public static Map<String, String> derive(Function<String, String> value, List<String> problems) {
        Map<String, String> out = new LinkedHashMap<>();
        boolean ssl = Boolean.parseBoolean(value.apply("quorch.security.use-ssl"));
        boolean mutual = Boolean.parseBoolean(value.apply("quorch.security.use-mutual-tls"));
        String cert = blankToNull(value.apply("quorch.security.ssl-cert-file"));
        String key = blankToNull(value.apply("quorch.security.ssl-private-key-file"));
        String ca = blankToNull(value.apply("quorch.security.ssl-ca-file"));
        if (!ssl) {
            if (mutual) {
                problems.add("UseMutualTLS: needs UseSSL");
            }
            return out;
        }
        readable("SSLCertFile", cert, problems);
        readable("SSLPrivateKeyFile", key, problems);
        if (mutual || ca != null) {
            readable("SSLCAFile", ca, problems);
        }
        String listen = value.apply("quorch.api.listen-address");
        int port = 3000;
        try {
            port = ListenAddress.parse(listen == null || listen.isBlank() ? ":3000" : listen.trim()).port();
        } catch (IllegalArgumentException e) {
            // ListenAddress reports its own problem
        }
        out.put("quarkus.http.ssl-port", Integer.toString(port));
        out.put("quarkus.http.insecure-requests", "disabled");
        out.put("quarkus.http.tls-configuration-name", TLS_NAME);
        if (cert != null && key != null) {
            out.put("quarkus.tls." + TLS_NAME + ".key-store.pem.api.cert", cert);
            out.put("quarkus.tls." + TLS_NAME + ".key-store.pem.api.key", key);
        }
        if (mutual && ca != null) {
            // client-auth is "request" from the build; ApiSecurityFilter refuses requests without a certificate
            out.put("quarkus.tls." + TLS_NAME + ".trust-store.pem.certs", ca);
        }
        return out;
    }

    private static void readable(String jsonKey, String file, List<String> problems) {
        if (file == null) {
            problems.add(jsonKey + ": required when UseSSL is true" + (jsonKey.equals("SSLCAFile") ? " and UseMutualTLS"
                    + " is true" : ""));
        } else if (!Files.isReadable(Path.of(file))) {
            problems.add(jsonKey + ": " + file + (Files.exists(Path.of(file)) ? " cannot be read" : ": no such file"));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
