package io.quorch.app;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quorch.domain.NodeIdentity;

/** This process's identity: host name, a token unique to this run, version, start time. */
@ApplicationScoped
public class NodeIdentityProducer {

    @Produces
    @Singleton
    NodeIdentity identity(@ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version) {
        return new NodeIdentity(hostname(), UUID.randomUUID().toString(), version, Instant.now());
    }

    static String hostname() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
