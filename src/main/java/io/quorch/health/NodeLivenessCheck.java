package io.quorch.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import io.quorch.store.BackendMonitor;
import io.quorch.config.BackendConfig;

/**
 * The process is alive. It reports DOWN only once the backend has been lost past
 * BackendBailOutSeconds, when the node is about to exit anyway; peers never matter here.
 */
@Liveness
@ApplicationScoped
public class NodeLivenessCheck implements HealthCheck {

    private final BackendMonitor monitor;
    private final BackendConfig config;

    public NodeLivenessCheck(BackendMonitor monitor, BackendConfig config) {
        this.monitor = monitor;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        long lost = monitor.failingFor().toSeconds();
        return HealthCheckResponse.named("quorch")
                .status(lost < config.bailOutSeconds())
                .withData("backendLostSeconds", lost)
                .build();
    }
}
