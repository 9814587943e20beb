package io.quorch.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.quorch.store.BackendMonitor;
import io.quorch.consensus.LeadershipContext;
import io.smallrye.health.api.HealthGroup;

/** /q/health/group/leader: UP only on the leader, for proxies and Services that route to it. */
@HealthGroup("leader")
@ApplicationScoped
public class LeaderCheck implements HealthCheck {

    private final LeadershipContext leadership;
    private final BackendMonitor backend;

    public LeaderCheck(LeadershipContext leadership, BackendMonitor backend) {
        this.leadership = leadership;
        this.backend = backend;
    }

    @Override
    public HealthCheckResponse call() {
        boolean leader = backend.isStarted() && leadership.isLeader();
        return HealthCheckResponse.named("leader").status(leader).withData("leader", leadership.leader()).build();
    }
}
