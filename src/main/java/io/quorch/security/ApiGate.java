package io.quorch.security;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

import javax.net.ssl.SSLSession;

import jakarta.enterprise.context.ApplicationScoped;

import io.quorch.config.SecurityConfig;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;

/**
 * The one decision on who may make a request: the client certificate under UseMutualTLS, then the
 * configured authentication method. The API's filter and the follower proxy both ask it, so a
 * follower forwards exactly the callers the leader will admit.
 */
@ApplicationScoped
public class ApiGate {

    private final Authenticator authenticator;
    private final boolean mutualTls;
    private final Set<String> validOus;

    public ApiGate(Authenticator authenticator, SecurityConfig config) {
        this.authenticator = authenticator;
        this.mutualTls = config.useSsl() && config.useMutualTls();
        this.validOus = Set.copyOf(config.sslValidOus().orElse(List.of()));
    }

    /** Decides a request to path; header gives a request header's first value, session its TLS session (or null). */
    public Authenticator.Decision decide(String path, Function<String, String> header, SSLSession session) {
        if (mutualTls) {
            String certificate = ClientCertificates.refusal(session, validOus);
            if (certificate != null) {
                return new Authenticator.Decision.Forbid(certificate);
            }
        }
        return authenticator.decide(path, header);
    }

    /**
     * A request's headers as the gate reads them, with Host answered from the request's authority
     * when the header is absent: HTTP/2 (h2c upgrades, HTTPS with ALPN) carries the host in its
     * :authority pseudo-header instead, and a browser's Origin is checked against it.
     */
    public static Function<String, String> headers(HttpServerRequest request, Function<String, String> header) {
        return name -> {
            String value = header.apply(name);
            if (value == null && "Host".equalsIgnoreCase(name) && request.authority() != null) {
                HostAndPort a = request.authority();
                return a.port() >= 0 ? a.host() + ":" + a.port() : a.host();
            }
            return value;
        };
    }

    public Authenticator.Method method() {
        return authenticator.method();
    }
}
