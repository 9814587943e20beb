package io.quorch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quorch.analysis.AnalysisCode;
import io.quorch.domain.InstanceKey;

/** Every field of a failure verdict's body, fed what a hostile caller or a broken peer would send. */
class VerdictRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration WINDOW = Duration.ofSeconds(10);

    private static VerdictRequest parse(String body) {
        return VerdictRequest.parse(JSON, body, NOW, WINDOW);
    }

    private static String body(String extra) {
        return "{\"Node\": \"n2:10008\", \"Hostname\": \"db1\", \"Port\": 3306, \"Analysis\": \"DeadMaster\"" + extra
                + "}";
    }

    /** The refusal's status and message. */
    private static String refusal(String body) {
        ApiException e = assertThrows(ApiException.class, () -> parse(body), body);
        assertEquals(400, e.status(), e.getMessage());
        return e.getMessage();
    }

    @Test
    void aWellFormedVerdict() {
        VerdictRequest v = parse(body(", \"Evidence\": \"unreachable\", \"ReportedAt\": \"2026-03-01T11:59:58Z\""));
        assertEquals(new VerdictRequest("n2:10008", new InstanceKey("db1", 3306), AnalysisCode.DeadMaster,
                "unreachable", Instant.parse("2026-03-01T11:59:58Z")), v);
        assertEquals(NOW, parse(body("")).reportedAt(), "no time: received now");
    }

    @Test
    void malformedOrOversizeBodies() {
        assertTrue(refusal("").contains("needs a JSON body"));
        assertTrue(refusal("[1]").contains("must be a JSON object"));
        assertTrue(refusal("{\"Node\": ").contains("must be a JSON object"));
        assertTrue(refusal(body("") + " {\"Node\": \"n3:10008\"}").contains("must be a JSON object"),
                "a second object after the first is not ignored");
        assertTrue(refusal("[".repeat(2100) + "]".repeat(2100)).contains("at most 4096 characters"));
        assertTrue(refusal("[".repeat(1500) + "]".repeat(1500)).contains("must be a JSON object"));
        assertTrue(refusal(body(", \"Evidence\": \"" + "x".repeat(5000) + "\"")).contains("at most 4096"));
    }

    @Test
    void fieldsOfTheWrongTypeOrRange() {
        assertTrue(refusal("{\"Node\": 5, \"Hostname\": \"db1\", \"Port\": 3306, \"Analysis\": \"DeadMaster\"}")
                .startsWith("Node: a non-empty string"));
        assertTrue(refusal("{\"Node\": \"" + "n".repeat(256) + "\", \"Hostname\": \"db1\", \"Port\": 3306}")
                .startsWith("Node: at most 255"));
        for (String port : new String[] { "\"3306\"", "3306.5", "1e3", "-1", "0", "65536", "99999999999", "null" }) {
            String m = refusal("{\"Node\": \"n2:10008\", \"Hostname\": \"db1\", \"Port\": " + port
                    + ", \"Analysis\": \"DeadMaster\"}");
            assertTrue(m.startsWith("Port: a whole number") || m.startsWith("invalid instance: port must be from 1 to 65535"), port + ": " + m);
        }
        assertTrue(refusal("{\"Node\": \"n2:10008\", \"Hostname\": \"db1\\nx\", \"Port\": 3306, \"Analysis\":"
                + " \"DeadMaster\"}").startsWith("invalid instance: not a valid host name or address: \"db1?x\""));
        assertTrue(refusal("{\"Node\": \"n2:10008\", \"Hostname\": \"db1\", \"Port\": 3306, \"Analysis\":"
                + " \"DeadMaster\\u0000\"}").startsWith("Analysis: unknown code \"DeadMaster?\""));
        assertTrue(refusal("{\"Node\": \"n2:10008\", \"Hostname\": \"db1\", \"Port\": 3306, \"Analysis\":"
                + " \"deadmaster\"}").startsWith("Analysis: unknown code"));
        assertTrue(refusal("{\"Node\": \"n2:10008\", \"Hostname\": \"db1\", \"Port\": 3306, \"Analysis\":"
                + " \"AllMasterReplicasNotReplicating\"}").contains("is not a failure nodes report"));
    }

    @Test
    void aTimeFarFromTheLeadersClockIsRefusedAndOneSlightlyAheadIsTakenAsNow() {
        assertTrue(refusal(body(", \"ReportedAt\": \"9999-12-31T23:59:59Z\"")).contains("ahead of the leader's clock"));
        assertTrue(refusal(body(", \"ReportedAt\": \"2026-03-01T12:01:01Z\"")).contains("ahead of the leader's clock"));
        assertTrue(refusal(body(", \"ReportedAt\": \"1970-01-01T00:00:00Z\"")).contains("is too old"));
        assertTrue(refusal(body(", \"ReportedAt\": \"2026-03-01T11:58:49Z\"")).contains("is too old"));
        assertTrue(refusal(body(", \"ReportedAt\": \"yesterday\"")).contains("not an ISO-8601 instant"));
        assertTrue(refusal(body(", \"ReportedAt\": \"+1000000000-01-01T00:00:00Z\"")).contains("ahead"));
        assertEquals(NOW, parse(body(", \"ReportedAt\": \"2026-03-01T12:00:30Z\"")).reportedAt());
        assertEquals(Instant.parse("2026-03-01T11:58:51Z"),
                parse(body(", \"ReportedAt\": \"2026-03-01T11:58:51Z\"")).reportedAt());
    }

    @Test
    void evidenceIsOneBoundedLineWhateverItHolds() {
        String hostile = "a\nb\r\u0085c\u2028d\u202Ee\"f\u0000\u001b[31m";
        assertEquals("a?b??c?d?e?f??[31m", parse(body(", \"Evidence\": \"" + JSONish(hostile) + "\"")).evidence());
        assertEquals("?", parse(body(", \"Evidence\": \"\\ud800\"")).evidence(), "a lone surrogate");
        String emoji = "x" + "\ud83d\ude00".repeat(200);
        String cut = parse(body(", \"Evidence\": \"" + emoji + "\"")).evidence();
        assertEquals(299, cut.length(), "a pair is not split at the cut");
        assertEquals("", parse(body(", \"Evidence\": {\"a\": 1}")).evidence());
    }

    private static String JSONish(String s) {
        StringBuilder b = new StringBuilder();
        s.chars().forEach(c -> b.append(c < 0x20 || c == '"' || c > 0x7e ? String.format("\\u%04x", c) : (char) c));
        return b.toString();
    }
}
