package io.quorch.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The acting user comes from a request header, the caller's own text: the audit shows one clean, short line. */
class ControlAuditTest {

    @Test
    void theActingUserIsOneShortCleanLine() {
        assertEquals("api", ControlContext.by(null));
        assertEquals("api", ControlContext.by(" \t"));
        assertEquals("ops x; before: forged", ControlContext.by("ops\nx; before: forged"));
        assertEquals(100, ControlContext.by("u".repeat(5000)).length());
    }
}
