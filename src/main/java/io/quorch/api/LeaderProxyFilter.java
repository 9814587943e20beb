package io.quorch.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quorch.consensus.LeadershipContext;
import io.smallrye.mutiny.Uni;

/**
 * A healthy follower forwards every API request to the leader, except the node-local ones, so a
 * load balancer may send traffic to any healthy node. A node without a known leader serves the
 * request itself: reads answer from its own backend, changes are refused (503) by the command bus.
 */
public class LeaderProxyFilter {

    static final String PROXIED_BY = "X-Quorch-Proxied-By";
    private static final Set<String> NODE_LOCAL = Set.of("health", "status", "lb-check", "_ping", "leader-check",
            "raft-health", "raft-state", "raft-leader", "raft-peers", "raft-status", "raft-yield", "raft-yield-hint",
            "raft-snapshot", "discovery-metrics");
    private static final Set<String> HOP_BY_HOP = Set.of("host", "content-length", "connection", "accept-encoding",
            "transfer-encoding", "upgrade", "keep-alive", "expect");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final LeadershipContext leadership;

    public LeaderProxyFilter(LeadershipContext leadership) {
        this.leadership = leadership;
    }

    @ServerRequestFilter(preMatching = true)
    public Uni<RestResponse<?>> proxy(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/") || request.getHeaderString(PROXIED_BY) != null) {
            return Uni.createFrom().nullItem();
        }
        String first = path.substring("/api/".length()).split("/", 2)[0];
        if (NODE_LOCAL.contains(first) || leadership.isLeader() || !leadership.healthy()) {
            return Uni.createFrom().nullItem();
        }
        Optional<String> leader = leadership.leaderUri();
        if (leader.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        URI target = URI.create(leader.get() + request.getUriInfo().getRequestUri().getRawPath()
                + (request.getUriInfo().getRequestUri().getRawQuery() == null ? ""
                        : "?" + request.getUriInfo().getRequestUri().getRawQuery()));
        HttpRequest.Builder forward = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(60))
                .method(request.getMethod(), HttpRequest.BodyPublishers.noBody());
        request.getHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> forward.header(name, v));
            }
        });
        forward.header(PROXIED_BY, leadership.self());
        return Uni.createFrom().completionStage(HTTP.sendAsync(forward.build(), HttpResponse.BodyHandlers.ofByteArray()))
                .map(LeaderProxyFilter::toResponse)
                .onFailure().recoverWithItem(e -> RestResponse.ResponseBuilder.create(502)
                        .type(MediaType.APPLICATION_JSON_TYPE)
                        .entity((Object) io.quorch.api.dto.ApiResponse.error("cannot reach the leader at "
                                + leader.get() + ": " + e.getMessage()))
                        .build());
    }

    private static RestResponse<?> toResponse(HttpResponse<byte[]> response) {
        RestResponse.ResponseBuilder<Object> b = RestResponse.ResponseBuilder.create(response.statusCode());
        response.headers().firstValue("content-type").ifPresent(t -> b.header("Content-Type", t));
        return b.entity(response.body()).build();
    }
}
