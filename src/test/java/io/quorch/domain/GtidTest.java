package io.quorch.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GtidTest {

    private static final String A = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
    private static final String B = "8a94f357-aab4-11df-86ab-c80aa9429562";

    @Test
    void mysqlSetsParseMergeAndSubtract() {
        GtidSet s = GtidSet.parse(A + ":1-5:6-9:20," + B.toUpperCase() + ":1-3");
        assertEquals(A + ":1-9:20," + B + ":1-3", s.toString());
        assertEquals(A + ":3-4:20", GtidSet.parse(A + ":1-9:20").subtract(GtidSet.parse(A + ":1-2:5-9")).toString());
        assertTrue(GtidSet.parse(A + ":1-10").containsAll(GtidSet.parse(A + ":2-4")));
        assertFalse(GtidSet.parse(A + ":1-10").containsAll(GtidSet.parse(A + ":2-11")));
        assertTrue(GtidSet.parse("").isEmpty());
        assertEquals(B + ":1-3", s.without(A).toString());
        assertEquals(A + ":1-9:20", s.only(A).toString());
    }

    @Test
    void mariadbPositions() {
        MariaDbGtidPosition p = MariaDbGtidPosition.parse("0-23306-17,1-23307-4");
        assertEquals(17, p.sequence(0));
        assertEquals(4, p.sequence(1));
        assertEquals(0, p.sequence(2));
        assertTrue(p.atLeast(MariaDbGtidPosition.parse("0-23306-10")));
        assertFalse(p.atLeast(MariaDbGtidPosition.parse("0-23306-18")));
        assertEquals("0-23306-17,1-23307-4", p.toString());
    }
}
