package io.quorch.api;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quorch.analysis.AnalysisCode;
import io.quorch.api.dto.ApiResponse;
import io.quorch.consensus.LeadershipContext;
import io.quorch.domain.InstanceKey;
import io.quorch.recovery.QuorumService;
import io.quorch.recovery.VerdictBook;

/**
 * Where the other nodes of the group report their failure verdicts to the leader
 * (FailureDetectionQuorum). Every field is checked: the reporter must be another member of the
 * group, the server a valid host and port, the analysis a code a node reports.
 */
@Path("/api/failure-verdict")
@Produces(MediaType.APPLICATION_JSON)
public class VerdictResource {

    static final int MAX_BODY = 4096;
    static final int MAX_EVIDENCE = 300;

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
    public ApiResponse report(String body) {
        if (!leadership.isLeader()) {
            throw new ApiException(503, "this node is not the raft leader; failure verdicts go to the leader");
        }
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("a failure verdict needs a JSON body");
        }
        if (body.length() > MAX_BODY) {
            throw ApiException.badRequest("a failure verdict is at most " + MAX_BODY + " characters");
        }
        JsonNode v;
        try {
            v = json.readTree(body);
        } catch (IOException e) {
            throw ApiException.badRequest("a failure verdict must be a JSON object");
        }
        if (v == null || !v.isObject()) {
            throw ApiException.badRequest("a failure verdict must be a JSON object");
        }
        String node = text(v, "Node", 255);
        if (node.equals(quorum.self()) || !quorum.isMember(node)) {
            throw ApiException.badRequest("Node: \"" + printable(node) + "\" is not another member of the raft group");
        }
        JsonNode port = v.get("Port");
        if (port == null || !port.canConvertToInt()) {
            throw ApiException.badRequest("Port: a number is required");
        }
        InstanceKey key = ClusterLookup.key(text(v, "Hostname", 255), Integer.toString(port.asInt()));
        String analysis = text(v, "Analysis", 100);
        AnalysisCode code;
        try {
            code = AnalysisCode.valueOf(analysis);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Analysis: unknown code \"" + printable(analysis) + "\"");
        }
        if (code != AnalysisCode.NoProblem && !VerdictBook.reportable(code)) {
            throw ApiException.badRequest("Analysis: " + code + " is not a failure nodes report");
        }
        JsonNode e = v.get("Evidence");
        String evidence = e == null || e.isNull() ? "" : printable(e.asText());
        if (evidence.length() > MAX_EVIDENCE) {
            evidence = evidence.substring(0, MAX_EVIDENCE);
        }
        Instant reportedAt;
        JsonNode at = v.get("ReportedAt");
        try {
            reportedAt = at == null || at.isNull() ? Instant.now() : Instant.parse(at.asText());
        } catch (DateTimeParseException ex) {
            throw ApiException.badRequest("ReportedAt: not an ISO-8601 instant");
        }
        quorum.receive(node, key, code, evidence, reportedAt);
        return ApiResponse.ok("verdict recorded: " + code + " on " + key + " by " + node, null);
    }

    private static String text(JsonNode v, String field, int max) {
        JsonNode n = v.get(field);
        if (n == null || !n.isTextual() || n.asText().isBlank()) {
            throw ApiException.badRequest(field + ": a non-empty string is required");
        }
        if (n.asText().length() > max) {
            throw ApiException.badRequest(field + ": at most " + max + " characters");
        }
        return n.asText();
    }

    /** Control characters and quotes replaced, so the text is safe in a message, a log line or the audit. */
    private static String printable(String s) {
        return s.replaceAll("[\\p{Cntrl}\"]", "?");
    }
}
