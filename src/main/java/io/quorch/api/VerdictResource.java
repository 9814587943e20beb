package io.quorch.api;

import java.time.Instant;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quorch.api.dto.ApiResponse;
import io.quorch.consensus.LeadershipContext;
import io.quorch.recovery.QuorumService;
import io.vertx.core.http.HttpServerRequest;

/**
 * Where the other nodes of the group report their failure verdicts to the leader
 * (FailureDetectionQuorum). Every field is checked ({@link VerdictRequest}); the reporter must be
 * another member of the group, calling directly (not forwarded by a follower); the server must be
 * one the leader knows, so the book holds no more than the fleet.
 */
@Path("/api/failure-verdict")
@Produces(MediaType.APPLICATION_JSON)
public class VerdictResource {

    private final QuorumService quorum;
    private final LeadershipContext leadership;
    private final ObjectMapper json;

    public VerdictResource(QuorumService quorum, LeadershipContext leadership, ObjectMapper json) {
        this.quorum = quorum;
        this.leadership = leadership;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public ApiResponse report(String body, @Context HttpServerRequest connection) {
        if (!leadership.isLeader()) {
            throw new ApiException(503, "this node is not the raft leader; failure verdicts go to the leader");
        }
        if (connection.getHeader(LeaderProxyFilter.PROXIED_BY) != null) {
            throw ApiException.badRequest("a failure verdict goes to the leader directly, not through another node");
        }
        VerdictRequest v = VerdictRequest.parse(json, body, Instant.now(), quorum.window());
        String node = v.node();
        if (node.equals(quorum.self()) || !quorum.isMember(node)) {
            throw ApiException.badRequest("Node: \"" + VerdictRequest.printable(node, 60)
                    + "\" is not another member of the raft group");
        }
        // not refused for the address it comes from (unlike a hello, PeerOrigin): behind a service mesh or a
        // NAT, or with DNS down on a bad day, every verdict would be refused and no failover could ever reach
        // its quorum; a caller that may send one may already ask for a recovery itself
        if (!quorum.knows(v.key())) {
            throw ApiException.notFound("instance not found: " + v.key() + " (the leader keeps verdicts only on"
                    + " servers it knows)");
        }
        quorum.receive(node, v.key(), v.code(), v.evidence(), v.reportedAt());
        return ApiResponse.ok("verdict recorded: " + v.code() + " on " + v.key() + " by " + node, null);
    }
}
