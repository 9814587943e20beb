package io.quorch.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quorch.config.ConfigProblemsException;
import io.quorch.config.SecurityConfig;

/** Builds the authenticator from the configuration, refusing a configuration that would not protect what it says. */
@ApplicationScoped
public class SecurityProducer {

    @Produces
    @Singleton
    Authenticator authenticator(SecurityConfig config) {
        List<String> problems = new ArrayList<>();
        Authenticator a = build(config, problems);
        if (!problems.isEmpty()) {
            throw new ConfigProblemsException(problems);
        }
        return a;
    }

    /** The authenticator, or null with the problems listed. */
    public static Authenticator build(SecurityConfig config, List<String> problems) {
        Authenticator.Method method;
        try {
            method = Authenticator.Method.parse(config.authenticationMethod().orElse(""));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
        String password = password(config, problems);
        String user = config.httpAuthUser().orElse("");
        if ((method == Authenticator.Method.BASIC || method == Authenticator.Method.MULTI)) {
            if (user.isBlank()) {
                problems.add("AuthenticationMethod \"" + method.configName() + "\" needs HTTPAuthUser");
            }
            if (password == null || password.isEmpty()) {
                problems.add("AuthenticationMethod \"" + method.configName()
                        + "\" needs HTTPAuthPassword (or HTTPAuthPasswordFile)");
            }
            if (method == Authenticator.Method.MULTI && user.equals(Authenticator.READONLY_USER)) {
                problems.add("HTTPAuthUser cannot be \"readonly\" under AuthenticationMethod \"multi\": that name is "
                        + "the read-only user");
            }
        }
        if (method == Authenticator.Method.PROXY && config.authUserHeader().isBlank()) {
            problems.add("AuthenticationMethod \"proxy\" needs AuthUserHeader");
        }
        if (!problems.isEmpty()) {
            return null;
        }
        return new Authenticator(method, user, password, config.authUserHeader().trim(), config.powerAuthUsers(),
                config.readOnly());
    }

    private static String password(SecurityConfig config, List<String> problems) {
        if (config.httpAuthPasswordFile().isPresent() && !config.httpAuthPasswordFile().get().isBlank()) {
            if (config.httpAuthPassword().isPresent() && !config.httpAuthPassword().get().isEmpty()) {
                problems.add("HTTPAuthPassword and HTTPAuthPasswordFile are both set: set one");
                return null;
            }
            Path file = Path.of(config.httpAuthPasswordFile().get());
            try {
                return Files.readString(file).replaceAll("\\r?\\n$", "");
            } catch (IOException e) {
                problems.add("HTTPAuthPasswordFile " + file + " cannot be read: "
                        + (Files.exists(file) ? e.getClass().getSimpleName() : "no such file"));
                return null;
            }
        }
        return config.httpAuthPassword().orElse("");
    }
}
