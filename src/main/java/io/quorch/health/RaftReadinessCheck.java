package io.quorch.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quorch.store.BackendMonitor;
import io.quorch.consensus.LeadershipContext;

/** Ready only as part of a healthy group: leader, or follower of a live leader (always, in single-node mode). */
@Readiness
@ApplicationScoped
public class RaftReadinessCheck implements HealthCheck {

    private final LeadershipContext leadership;
    private final BackendMonitor backend;

    public RaftReadinessCheck(LeadershipContext leadership, BackendMonitor backend) {
        this.leadership = leadership;
        this.backend = backend;
    }

    @Override
    public HealthCheckResponse call() {
        if (!backend.isStarted()) {
            return HealthCheckResponse.named("raft").down().withData("state", "starting").build();
        }
        return HealthCheckResponse.named("raft").status(leadership.healthy())
                .withData("state", leadership.state())
                .withData("leader", leadership.leader())
                .build();
    }
}
