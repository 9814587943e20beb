package io.quorch.api;

import java.time.Duration;
import java.time.Instant;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quorch.api.dto.ApiResponse;
import io.quorch.api.dto.HealthStatus;
import io.quorch.store.BackendMonitor;
import io.quorch.consensus.LeadershipContext;
import io.quorch.domain.NodeIdentity;
import io.quorch.store.sql.SqlDialect;

/** Node-local endpoints: is this node working, what is it. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class NodeResource {

    private final BackendMonitor backend;
    private final NodeIdentity node;
    private final SqlDialect dialect;
    private final LeadershipContext leadership;

    public NodeResource(BackendMonitor backend, NodeIdentity node, SqlDialect dialect, LeadershipContext leadership) {
        this.backend = backend;
        this.node = node;
        this.dialect = dialect;
        this.leadership = leadership;
    }

    @GET
    @Path("health")
    public Response health() {
        return healthResponse("Application node is healthy");
    }

    @GET
    @Path("status")
    public Response status() {
        return healthResponse("Application node status");
    }

    @GET
    @Path("lb-check")
    public String lbCheck() {
        return "\"OK\"";
    }

    @GET
    @Path("_ping")
    public String ping() {
        return "\"OK\"";
    }

    private Response healthResponse(String okMessage) {
        boolean healthy = backend.healthy();
        String error = healthy ? "" : backend.lastError().orElse("backend not checked yet");
        boolean leader = leadership.isLeader();
        HealthStatus status = new HealthStatus(healthy, node.hostname(), node.token(), leader, error,
                node.version(), Duration.between(node.startedAt(), Instant.now()).toSeconds(), dialect.name(),
                dialect.describe(), leadership.leader(), leader, leadership.leaderUri().orElse(""),
                leadership.self(), leadership.healthyMembers(), leadership.state());
        if (healthy) {
            return Response.ok(ApiResponse.ok(okMessage, status)).build();
        }
        return Response.status(500).entity(new ApiResponse("ERROR", "Application node is unhealthy: " + error, status))
                .build();
    }
}
