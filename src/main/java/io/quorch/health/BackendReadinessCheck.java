package io.quorch.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quorch.store.BackendMonitor;
import io.quorch.store.sql.SqlDialect;

/** Ready while the node's backend answers (checked every second by the watchdog). */
@Readiness
@ApplicationScoped
public class BackendReadinessCheck implements HealthCheck {

    private final BackendMonitor monitor;
    private final SqlDialect dialect;

    public BackendReadinessCheck(BackendMonitor monitor, SqlDialect dialect) {
        this.monitor = monitor;
        this.dialect = dialect;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("backend")
                .status(monitor.healthy())
                .withData("backend", dialect.describe());
        monitor.lastError().ifPresent(e -> builder.withData("error", e));
        return builder.build();
    }
}
