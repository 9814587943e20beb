package io.quorch.api.dto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quorch.app.JsonSettings;
import io.quorch.domain.FailureDetection;
import io.quorch.domain.InstanceKey;

/** A stored analysis entry reaches the answer as the object it is, and anything else as an empty one. */
class RecoveryJsonTest {

    private static final ObjectMapper MAPPER = JsonSettings.standalone();

    private static JsonNode entryOf(String stored) throws Exception {
        FailureDetection d = new FailureDetection(1, new InstanceKey("db1", 3306), "DeadMaster", "db1:3306", "main",
                2, true, "node1", "t1", Instant.parse("2026-11-26T12:00:00Z"), stored);
        return MAPPER.readTree(MAPPER.writeValueAsString(RecoveryJson.of(d))).get("AnalysisEntry");
    }

    @Test
    void aStoredObjectIsPassedThrough() throws Exception {
        JsonNode entry = entryOf("{\"Analysis\":\"DeadMaster\",\"CountReplicas\":2,\"Replicas\":[{\"Port\":3307}]}");
        assertEquals("DeadMaster", entry.get("Analysis").asText());
        assertEquals(3307, entry.get("Replicas").get(0).get("Port").asInt());
    }

    @Test
    void missingOrMalformedEntriesBecomeAnEmptyObject() throws Exception {
        for (String stored : new String[] {null, "", "  ", "[1,2]", "\"text\"", "{\"a\":", "{\"a\":1} {\"b\":2}",
                "{\"a\":1}]", "not json"}) {
            JsonNode entry = entryOf(stored);
            assertEquals(MAPPER.createObjectNode(), entry, "stored: " + stored);
        }
    }

    @Test
    void timesAreOrchestratorsUtcText() throws Exception {
        FailureDetection d = new FailureDetection(1, new InstanceKey("db1", 3306), "DeadMaster", "db1:3306", "main",
                2, true, "node1", "t1", Instant.parse("2026-11-26T12:00:00.123Z"), "{}");
        JsonNode json = MAPPER.readTree(MAPPER.writeValueAsString(RecoveryJson.of(d)));
        assertEquals("2026-11-26T12:00:00Z", json.get("RecoveryStartTimestamp").asText());
    }
}
