package io.quorch.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void aLineHasNoControlCharactersAndFitsItsColumn() {
        assertEquals("dc1  x", Text.line(" dc1\0\nx\r", 64));
        assertEquals("a".repeat(255), Text.line("a".repeat(1000), 255));
        assertEquals("", Text.line(null, 10));
        assertEquals("\uD83D\uDE00\uD83D\uDE00", Text.line("\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00", 2), "whole code points");
    }

    @Test
    void linesKeepNewlinesAndTabsAndSayWhenCut() {
        assertEquals("a\nb\tc?d", Text.lines("a\nb\tc\0d", 100));
        assertEquals("abc [cut]", Text.lines("abcdef", 3));
    }

    @Test
    void aShownValueHidesNothingAndFakesNothing() {
        // controls, a bidi override, a line separator, a lone surrogate, private use, unassigned, and the quote
        assertEquals("a?b?c?d?e?f?g?h?i", Text.shown("a\nb\u202Ec\u2028d\uD800e\uE000f\u0378g\"h\u007Fi", 100));
        assertEquals("h\u00E9llo \uD83D\uDE00 \u65E5\u672C", Text.shown("h\u00E9llo \uD83D\uDE00 \u65E5\u672C", 100),
                "letters and emoji of any script stay");
        assertEquals("", Text.shown(null, 10));
        assertEquals("", Text.masked(null));
    }

    @Test
    void aShownValueIsCutAtWholeCodePointsAndSaysSo() {
        assertEquals("abc...", Text.shown("abcdef", 3));
        assertEquals("abc", Text.shown("abc", 3));
        assertEquals("\uD83D\uDE00...", Text.shown("\uD83D\uDE00\uD83D\uDE00", 1), "never half a pair");
        assertEquals(1_000 + 3, Text.shown("x".repeat(1_000_000), 1_000).length());
    }
}
