package io.quorch.config;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Who may use the HTTP API, and what they may do (orchestrator's keys and meanings). */
@ConfigMapping(prefix = "quorch.security")
public interface SecurityConfig {

    /**
     * AuthenticationMethod: "" (none), "basic" (HTTPAuthUser/HTTPAuthPassword, full rights), "multi"
     * (as basic, and the user "readonly" with any password may read) or "proxy" (the user named in
     * AuthUserHeader, set by a fronting proxy; PowerAuthUsers may change things). Default: none.
     */
    Optional<String> authenticationMethod();

    /** HTTPAuthUser: the user of "basic" and "multi". */
    Optional<String> httpAuthUser();

    /** HTTPAuthPassword: that user's password (an environment variable or HTTPAuthPasswordFile may hold it). */
    Optional<String> httpAuthPassword();

    /** HTTPAuthPasswordFile: a file whose content (trailing newline removed) is HTTPAuthPassword. */
    Optional<String> httpAuthPasswordFile();

    /** AuthUserHeader: the header a fronting proxy sets to the user's name ("proxy"). Default X-Forwarded-User. */
    @WithDefault("X-Forwarded-User")
    String authUserHeader();

    /** PowerAuthUsers: users who may change things under "proxy"; "*" means everyone. Default "*". */
    @WithDefault("*")
    List<String> powerAuthUsers();

    /** ReadOnly: refuse every change, for everyone. Default false. */
    @WithDefault("false")
    boolean readOnly();

    /** UseSSL: serve the API over HTTPS on ListenAddress (SSLCertFile, SSLPrivateKeyFile). Default false. */
    @WithDefault("false")
    boolean useSsl();

    /** SSLCertFile: the API's certificate (PEM, the chain after it). */
    Optional<String> sslCertFile();

    /** SSLPrivateKeyFile: its private key (PEM, unencrypted PKCS#8 or PKCS#1). */
    Optional<String> sslPrivateKeyFile();

    /** SSLCAFile: the CA (PEM) that signs client certificates under UseMutualTLS, and that quorch trusts for its peers. */
    Optional<String> sslCaFile();

    /** UseMutualTLS: clients must present a certificate signed by SSLCAFile. Default false. */
    @WithDefault("false")
    boolean useMutualTls();

    /** SSLValidOUs: with UseMutualTLS, the organisational units a client certificate must name one of; empty: any. */
    Optional<List<String>> sslValidOus();
}
