package io.quorch.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.quorch.config.ConfigProblemsException;
import io.quorch.config.SecurityConfig;

/**
 * Calls another node's API on this node's own behalf: over HTTPS when the API serves HTTPS
 * (trusting SSLCAFile, showing this node's certificate under UseMutualTLS), with this node's own
 * credentials ({@link Authenticator#ownCredentials()}), which never reach a log.
 */
@ApplicationScoped
public class PeerClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final HttpClient http;
    private final Map<String, String> credentials;

    public PeerClient(SecurityConfig security, Authenticator authenticator) {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).followRedirects(HttpClient.Redirect.NEVER);
        if (security.useSsl()) {
            b.sslContext(sslContext(security));
        }
        this.http = b.build();
        this.credentials = authenticator.ownCredentials();
    }

    private static javax.net.ssl.SSLContext sslContext(SecurityConfig security) {
        try {
            return PemTls.clientContext(security.sslCaFile().map(Path::of).orElse(null),
                    security.useMutualTls() ? security.sslCertFile().map(Path::of).orElse(null) : null,
                    security.useMutualTls() ? security.sslPrivateKeyFile().map(Path::of).orElse(null) : null);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigProblemsException(List.of("SSLCertFile/SSLPrivateKeyFile/SSLCAFile: cannot be used to "
                    + "call the other nodes: " + e.getMessage()));
        }
    }

    /** POSTs a JSON body to baseUri + path; the answer (or the failure) arrives later. */
    public CompletableFuture<HttpResponse<String>> postJson(String baseUri, String path, byte[] json) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(baseUri + path)).timeout(TIMEOUT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(json));
        credentials.forEach(r::header);
        return http.sendAsync(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * GETs baseUri + path, waiting up to timeout for the answer (a long poll), and reads at most
     * maxBytes of its body; a longer body fails with an IOException.
     */
    public Bounded getBounded(String baseUri, String path, Duration timeout, int maxBytes)
            throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(baseUri + path)).timeout(timeout).GET()
                .header("Accept", "application/json");
        credentials.forEach(r::header);
        HttpResponse<java.io.InputStream> response = http.send(r.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (java.io.InputStream in = response.body()) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw new IOException("the answer of " + baseUri + path + " is longer than " + maxBytes + " bytes");
            }
            return new Bounded(response.statusCode(), body);
        }
    }

    /** A status and a body read in full within its bound. */
    public record Bounded(int status, byte[] body) {
    }

    /** GETs baseUri + path and drops the answer: keeps the connection to that node open and this code loaded. */
    public CompletableFuture<Integer> touch(String baseUri, String path) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(baseUri + path)).timeout(TIMEOUT).GET();
        credentials.forEach(r::header);
        return http.sendAsync(r.build(), HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode);
    }

    @PreDestroy
    void close() {
        http.shutdownNow();
    }
}
