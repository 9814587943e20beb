package io.quorch.api;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quorch.analysis.AnalysisCode;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.Text;
import io.quorch.recovery.VerdictBook;

/**
 * A failure verdict's body (POST /api/failure-verdict) as read from the wire: one JSON object of
 * bounded size, a node name, a valid host and port, a code a node reports, a one-line evidence and
 * a report time within reach of the leader's clock. Who the node is (a member, the one that sent
 * it) and whether the server is known are the resource's checks. Pure; every refusal is a 400
 * naming the field.
 */
public record VerdictRequest(String node, InstanceKey key, AnalysisCode code, String evidence, Instant reportedAt) {

    static final int MAX_BODY = 4096;
    static final int MAX_EVIDENCE = 300;
    /** How far a node's clock may be ahead of or behind the leader's. */
    static final Duration MAX_SKEW = Duration.ofSeconds(60);

    /**
     * Reads a verdict received at now; window is how long a verdict counts. A report time ahead of now (within
     * MAX_SKEW) is taken as now, so that a node whose clock runs ahead does not hide its own next verdicts.
     */
    public static VerdictRequest parse(ObjectMapper json, String body, Instant now, Duration window) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("a failure verdict needs a JSON body");
        }
        if (body.length() > MAX_BODY) {
            throw ApiException.badRequest("a failure verdict is at most " + MAX_BODY + " characters");
        }
        JsonNode v;
        try {
            v = json.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
        } catch (IOException e) {
            throw ApiException.badRequest("a failure verdict must be a JSON object");
        }
        if (v == null || !v.isObject()) {
            throw ApiException.badRequest("a failure verdict must be a JSON object");
        }
        String node = text(v, "Node", 255);
        JsonNode port = v.get("Port");
        if (port == null || !port.isIntegralNumber() || !port.canConvertToInt()) {
            throw ApiException.badRequest("Port: a whole number is required");
        }
        InstanceKey key;
        try {
            key = new InstanceKey(text(v, "Hostname", 255), port.asInt());
        } catch (IllegalArgumentException ex) {
            // the key's own message shows the host made printable
            throw ApiException.badRequest("invalid instance: " + ex.getMessage());
        }
        String analysis = text(v, "Analysis", 100);
        AnalysisCode code;
        try {
            code = AnalysisCode.valueOf(analysis);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("Analysis: unknown code \"" + printable(analysis, 100) + "\"");
        }
        if (code != AnalysisCode.NoProblem && !VerdictBook.reportable(code)) {
            throw ApiException.badRequest("Analysis: " + code + " is not a failure nodes report");
        }
        JsonNode e = v.get("Evidence");
        String evidence = e == null || e.isNull() ? "" : printable(e.asText(), MAX_EVIDENCE);
        return new VerdictRequest(node, key, code, evidence, reportedAt(v.get("ReportedAt"), now, window));
    }

    /**
     * The report time: absent means now; one more than MAX_SKEW ahead of now, or older than the window allows
     * (with the same skew), is refused: kept, it would outrank the node's real verdicts, or count a stale one.
     */
    static Instant reportedAt(JsonNode at, Instant now, Duration window) {
        if (at == null || at.isNull()) {
            return now;
        }
        Instant t;
        try {
            t = Instant.parse(at.asText());
        } catch (DateTimeParseException ex) {
            throw ApiException.badRequest("ReportedAt: not an ISO-8601 instant");
        }
        if (t.isAfter(now.plus(MAX_SKEW))) {
            throw ApiException.badRequest("ReportedAt: " + t + " is more than " + MAX_SKEW.toSeconds()
                    + " s ahead of the leader's clock (" + now + ")");
        }
        if (t.isBefore(now.minus(window).minus(MAX_SKEW))) {
            throw ApiException.badRequest("ReportedAt: " + t + " is too old: a verdict counts for "
                    + window.toMillis() + " ms (the leader's clock says " + now + ")");
        }
        return t.isAfter(now) ? now : t;
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

    /**
     * At most max characters, one line, safe in a message, a log line or the audit: control and format characters
     * (C0, C1, bidirectional overrides), line separators, lone surrogates and quotes become '?'; a cut never splits
     * a surrogate pair.
     */
    static String printable(String s, int max) {
        String clean = Text.masked(s);
        if (clean.length() <= max) {
            return clean;
        }
        int end = Character.isHighSurrogate(clean.charAt(max - 1)) ? max - 1 : max;
        return clean.substring(0, end);
    }
}
