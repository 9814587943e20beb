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
}
