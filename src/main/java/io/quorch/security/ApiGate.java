package io.quorch.security;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

import javax.net.ssl.SSLSession;

import jakarta.enterprise.context.ApplicationScoped;

import io.quorch.config.SecurityConfig;

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

    public Authenticator.Method method() {
        return authenticator.method();
    }
}
