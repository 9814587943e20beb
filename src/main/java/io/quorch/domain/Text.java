package io.quorch.domain;

/**
 * Text that came from outside (a MySQL server's answer, a hook's output) made fit to store and
 * replicate: no control characters that a column, a log line or the raft log's checks refuse, and
 * no longer than its column.
 */
public final class Text {

    private Text() {
    }

    /** One line: control characters become spaces, trimmed, at most maxChars characters (whole code points). */
    public static String line(String s, int maxChars) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), maxChars));
        s.codePoints().limit(maxChars).forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return b.toString().strip();
    }

    /**
     * Several lines: control characters other than newline and tab become '?', at most maxChars
     * characters, with a marker when cut.
     */
    public static String lines(String s, int maxChars) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), maxChars));
        s.codePoints().limit(maxChars).forEach(c -> b.appendCodePoint(
                Character.isISOControl(c) && c != '\n' && c != '\t' ? '?' : c));
        if (s.codePointCount(0, s.length()) > maxChars) {
            b.append(" [cut]");
        }
        return b.toString();
    }
}
