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
}
