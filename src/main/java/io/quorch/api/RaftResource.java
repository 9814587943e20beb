package io.quorch.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quorch.api.dto.ApiResponse;
import io.quorch.consensus.LeadershipContext;

/** Node-local raft endpoints: never proxied, so proxies and probes see this node itself. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class RaftResource {

    private final LeadershipContext leadership;

    public RaftResource(LeadershipContext leadership) {
        this.leadership = leadership;
    }

    /** 200 "OK" on the leader, 404 elsewhere: at most one node answers 200. */
    @GET
    @Path("leader-check")
    public Response leaderCheck() {
        return leaderCheck(404);
    }

    @GET
    @Path("leader-check/{code}")
    public Response leaderCheck(@PathParam("code") String code) {
        int status;
        try {
            status = Integer.parseInt(code);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("leader-check code must be an HTTP status, got \"" + code + "\"");
        }
        if (status < 200 || status > 599) {
            throw ApiException.badRequest("leader-check code must be an HTTP status, got " + status);
        }
        return leaderCheck(status);
    }

    private Response leaderCheck(int notLeaderStatus) {
        if (leadership.isLeader()) {
            return Response.ok("\"OK\"").build();
        }
        return Response.status(notLeaderStatus).entity("\"Not leader\"").build();
    }

    /** 200 when part of a healthy group (leader, or follower of a live leader), 500 otherwise. */
    @GET
    @Path("raft-health")
    public Response raftHealth() {
        if (leadership.healthy()) {
            return Response.ok("\"healthy\"").build();
        }
        return Response.status(500).entity(ApiResponse.error("unhealthy")).build();
    }

    @GET
    @Path("raft-state")
    public String raftState() {
        return "\"" + leadership.state() + "\"";
    }

    @GET
    @Path("raft-leader")
    public String raftLeader() {
        return "\"" + leadership.leader() + "\"";
    }

    @GET
    @Path("raft-peers")
    public List<String> raftPeers() {
        return leadership.peers();
    }

    @GET
    @Path("raft-status")
    public Map<String, Object> raftStatus() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("RaftBind", leadership.self());
        m.put("RaftAdvertise", leadership.self());
        m.put("State", leadership.state());
        m.put("Healthy", leadership.healthy());
        m.put("IsPartOfQuorum", leadership.healthy());
        m.put("Leader", leadership.leader());
        m.put("LeaderURI", leadership.leaderUri().orElse(""));
        m.put("Peers", leadership.peers());
        m.put("HealthyMembers", leadership.healthyMembers());
        // quorch's own, after orchestrator's fields: the log as this node sees it, and on the leader
        // how far behind each follower is and when it last answered
        leadership.raftStats().ifPresent(stats -> {
            m.put("Term", stats.term());
            m.put("CommitIndex", stats.commitIndex());
            m.put("AppliedIndex", stats.appliedIndex());
            List<Map<String, Object>> followers = new ArrayList<>();
            stats.followerLag().forEach((member, lag) -> {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("Member", member);
                f.put("LagEntries", lag);
                f.put("LastContactMillis", stats.followerLastContactMillis().get(member));
                followers.add(f);
            });
            m.put("Followers", followers);
        });
        return m;
    }

    @GET
    @Path("raft-yield")
    public ApiResponse raftYield() {
        return transfer(Optional.empty());
    }

    @GET
    @Path("raft-yield-hint/{host}")
    public ApiResponse raftYieldHint(@PathParam("host") String host) {
        return transfer(Optional.of(host));
    }

    private ApiResponse transfer(Optional<String> target) {
        if (!leadership.isLeader()) {
            throw new ApiException(503, "this node is not the leader (leader: " + leadership.leader() + ")");
        }
        if (!leadership.yieldTo(target)) {
            throw new ApiException(500, "leadership transfer" + target.map(t -> " to " + t).orElse("") + " failed");
        }
        return ApiResponse.ok("Leadership transferred", leadership.leader());
    }

    @GET
    @Path("raft-snapshot")
    public ApiResponse raftSnapshot() {
        long index = leadership.snapshot();
        if (index < 0) {
            throw new ApiException(500, "snapshot failed");
        }
        return ApiResponse.ok("snapshot created", index);
    }
}
