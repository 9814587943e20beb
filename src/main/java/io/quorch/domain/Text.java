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

    /**
     * Whether a character could hide or fake text where a value is shown (a refusal, a log line, a terminal):
     * control and format characters (bidi overrides among them), lone surrogates, line and paragraph
     * separators, private-use and unassigned code points, and the double quote a message puts around a value.
     */
    static boolean misleading(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR, Character.PRIVATE_USE, Character.UNASSIGNED -> true;
            default -> c == '"';
        };
    }

    /** The value with each {@linkplain #misleading misleading} character replaced by '?'; null is "". */
    public static String masked(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> b.appendCodePoint(misleading(c) ? '?' : c));
        return b.toString();
    }

    /**
     * A value that came from outside, fit to quote in a refusal or a log line: {@linkplain #masked masked}, and
     * cut to maxChars code points with "..." when longer (an attacker's megabyte is not echoed back).
     */
    public static String shown(String s, int maxChars) {
        if (s == null) {
            return "";
        }
        boolean cut = s.codePointCount(0, s.length()) > maxChars;
        String head = cut ? s.substring(0, s.offsetByCodePoints(0, maxChars)) : s;
        return masked(head) + (cut ? "..." : "");
    }
}
