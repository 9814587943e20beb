package io.quorch.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quorch.domain.RecoveryType;

/** The type keeps orchestrator's words wherever it is written: the backend, the raft log, the API. */
class RecoveryTypeTest {

    @Test
    void keepsTheWordsItReplaced() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (String word : new String[] { "automatic", "manual", "forced", "graceful" }) {
            RecoveryType t = RecoveryType.of(word);
            assertEquals(word, t.wire());
            assertEquals("\"" + word + "\"", json.writeValueAsString(t));
            assertEquals(t, json.readValue("\"" + word + "\"", RecoveryType.class));
        }
        assertEquals(RecoveryType.AUTOMATIC, RecoveryType.of(""));
        assertThrows(IllegalArgumentException.class, () -> RecoveryType.of("Automatic"));
    }
}
