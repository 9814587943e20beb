package io.quorch.api;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quorch.api.dto.ApiResponse;
import io.quorch.consensus.LeadershipContext;
import io.quorch.domain.NodeIdentity;
import io.quorch.domain.ProbeNode;
import io.quorch.domain.Text;
import io.quorch.security.PeerOrigin;
import io.quorch.sharing.AssignmentService;
import io.quorch.sharing.PeerRecords;
import io.quorch.sharing.ProbeJournal;
import io.quorch.sharing.ProbeShareService;
import io.quorch.sharing.ProbeShareStatus;
import io.vertx.core.http.HttpServerRequest;

/**
 * Shared probing between the nodes of the group: each node's results for the replicas it owns
 * (a long poll: what came after the number the caller holds, or everything), the hello by which a
 * follower tells the leader where its API is (only from its own raft host: {@link PeerOrigin}), and
 * (a read) who probes how many servers.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class PeerProbesResource {

    static final int MAX_HELLO = 2048;
    static final long MAX_WAIT_MILLIS = 30_000;

    private final ProbeShareService share;
    private final AssignmentService assignment;
    private final ProbeShareStatus status;
    private final LeadershipContext leadership;
    private final NodeIdentity node;
    private final ObjectMapper json;

    public PeerProbesResource(ProbeShareService share, AssignmentService assignment, ProbeShareStatus status,
            LeadershipContext leadership, NodeIdentity node, ObjectMapper json) {
        this.share = share;
        this.assignment = assignment;
        this.status = status;
        this.leadership = leadership;
        this.node = node;
        this.json = json;
    }

    /** This node's results after since (of this process' epoch), waiting up to wait ms for one; all of them without. */
    @GET
    @Path("peer-probes")
    public CompletionStage<Response> results(@QueryParam("epoch") String epoch, @QueryParam("since") String since,
            @QueryParam("wait") String wait) {
        long waitMillis = number("wait", wait, 0, MAX_WAIT_MILLIS);
        long after = number("since", since, 0, Long.MAX_VALUE);
        boolean full = epoch == null || !epoch.equals(node.token()) || since == null;
        ProbeJournal journal = share.journal();
        if (full) {
            return CompletableFuture.completedFuture(page(journal, 0, true));
        }
        // news is sent a moment after it arrives, with whatever else came meanwhile: fewer, larger answers
        return journal.awaitAfter(after, waitMillis)
                .thenCompose(v -> CompletableFuture.runAsync(() -> { },
                        CompletableFuture.delayedExecutor(share.batchMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)))
                .thenApply(v -> page(journal, after, false));
    }

    private Response page(ProbeJournal journal, long after, boolean full) {
        ProbeJournal.Page page = journal.after(after, PeerRecords.PAGE);
        share.served(page.entries().size());
        return Response.ok(PeerRecords.encode(json, share.self(), node.token(), full, page),
                MediaType.APPLICATION_JSON).build();
    }

    /** A follower says where its API is and which data center it is in (to the leader only). */
    @POST
    @Path("peer-probes/hello")
    @Consumes(MediaType.WILDCARD)
    public ApiResponse hello(String body, @Context HttpServerRequest connection) {
        if (!leadership.isLeader()) {
            throw new ApiException(503, "this node is not the raft leader; hellos go to the leader");
        }
        if (body == null || body.isBlank() || body.length() > MAX_HELLO) {
            throw ApiException.badRequest("a hello is a JSON object of at most " + MAX_HELLO + " characters");
        }
        JsonNode v;
        try {
            v = json.readTree(body);
        } catch (IOException e) {
            throw ApiException.badRequest("a hello must be a JSON object");
        }
        if (v == null || !v.isObject()) {
            throw ApiException.badRequest("a hello must be a JSON object");
        }
        String from = v.path("Node").asText("");
        if (from.equals(leadership.self()) || !leadership.peers().contains(from)) {
            throw ApiException.badRequest("Node: \""
                    + Text.shown(from, 60) + "\" is not another member of the raft group");
        }
        String remote = connection.remoteAddress() == null ? null : connection.remoteAddress().host();
        String wrongOrigin = PeerOrigin.refusal(from, remote, PeerOrigin.SYSTEM);
        if (wrongOrigin != null) {
            // else anyone reaching the API could move a member's results to another port of its host
            throw new ApiException(403, "Node: " + wrongOrigin);
        }
        String uri = v.path("Uri").asText("");
        if (uri.length() > 255 || !uri.matches("https?://[A-Za-z0-9_.:\\[\\]-]+")) {
            throw ApiException.badRequest("Uri: must be http(s)://host:port, got \"" + Text.shown(uri, 60) + "\"");
        }
        if (!hostOf(uri).equalsIgnoreCase(hostOf("x://" + from))) {
            // results are fetched there with this group's credentials: only from the member's own host
            throw ApiException.badRequest("Uri: host must be the one of the node's raft address " + from);
        }
        String dc = v.path("DataCenter").asText("");
        if (!dc.matches("[A-Za-z0-9_.-]{0,64}")) {
            throw ApiException.badRequest("DataCenter: at most 64 letters, digits, '_', '.' or '-'");
        }
        assignment.hello(new ProbeNode(from, uri, dc));
        return ApiResponse.ok("hello from " + from + " at " + uri, null);
    }

    /** Who probes what, as this node sees it. */
    @GET
    @Path("probe-share")
    public java.util.Map<String, Object> share() {
        return status.describe();
    }

    /** "host" of "scheme://host:port" (an IPv6 host keeps its brackets). */
    static String hostOf(String uri) {
        String rest = uri.substring(uri.indexOf("://") + 3);
        int colon = rest.lastIndexOf(':');
        return colon > 0 && !rest.endsWith("]") ? rest.substring(0, colon) : rest;
    }

    private static long number(String name, String value, long min, long max) {
        if (value == null) {
            return min;
        }
        if (value.isEmpty() || value.length() > 19 || !value.chars().allMatch(Character::isDigit)) {
            throw ApiException.badRequest(name + ": a number from " + min + " to " + max + " is required");
        }
        long n;
        try {
            n = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + ": a number from " + min + " to " + max + " is required");
        }
        if (n < min || n > max) {
            throw ApiException.badRequest(name + ": a number from " + min + " to " + max + " is required");
        }
        return n;
    }
}
