package io.quorch.recovery;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Fills a hook command's {placeholders} for a POSIX shell so that no value can ever be read as
 * shell syntax, whatever it holds (';', '$(...)', backticks, quotes, newlines): the command is
 * scanned once, left to right, and each placeholder is replaced by its value quoted for the place
 * it stands in (outside quotes, inside '...', inside "...", inside `...`). Substituted text is
 * never scanned again, so a value cannot introduce a second substitution.
 *
 * <p>A value made only of characters no shell treats specially (letters, digits, and {@code
 * . , : _ - / @ % + =}) is already one literal word in every place and is inserted as it is: so
 * {@code echo 'on {failedHost}'} and {@code $(( {countReplicas} + 1 ))} keep working. Any other
 * value outside quotes becomes {@code 'value'} with each {@code '} written as {@code '\''}.
 * Inside a here-document no quoting is possible; a hook that would put such a value there is
 * refused (the ORC_* environment variables carry the same values).
 */
final class HookTemplate {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9.,:_\\-/@%+=]+");

    private enum Context { UNQUOTED, SINGLE, DOUBLE, SUBSHELL, BACKTICK, HEREDOC }

    /** A hook that cannot be filled safely. */
    static final class UnsafeHookException extends IllegalArgumentException {
        UnsafeHookException(String message) {
            super(message);
        }
    }

    private HookTemplate() {
    }

    /** The command with every known {name} replaced by its value, quoted for where it stands. */
    static String fill(String template, Map<String, String> values) {
        StringBuilder out = new StringBuilder(template.length() + 64);
        Deque<Context> stack = new ArrayDeque<>();
        Deque<int[]> parens = new ArrayDeque<>();
        stack.push(Context.UNQUOTED);
        int n = template.length();
        int i = 0;
        while (i < n) {
            char c = template.charAt(i);
            Context ctx = stack.peek();
            if (c == '{') {
                int close = template.indexOf('}', i + 1);
                if (close > 0) {
                    String name = template.substring(i + 1, close);
                    String value = values.get(name);
                    if (value != null) {
                        out.append(quote(name, value, ctx));
                        i = close + 1;
                        continue;
                    }
                }
                out.append(c);
                i++;
                continue;
            }
            switch (ctx) {
                case SINGLE -> {
                    if (c == '\'') {
                        stack.pop();
                    }
                }
                case HEREDOC -> {
                    // nothing ends it for this scanner: the rest of the command is treated as its body
                }
                case DOUBLE -> {
                    if (c == '\\' && i + 1 < n) {
                        out.append(c).append(template.charAt(i + 1));
                        i += 2;
                        continue;
                    }
                    if (c == '"') {
                        stack.pop();
                    } else if (c == '`') {
                        stack.push(Context.BACKTICK);
                    } else if (c == '$' && i + 1 < n && template.charAt(i + 1) == '(') {
                        stack.push(Context.SUBSHELL);
                        parens.push(new int[] {0});
                        out.append("$(");
                        i += 2;
                        continue;
                    }
                }
                case UNQUOTED, SUBSHELL, BACKTICK -> {
                    if (c == '\\' && i + 1 < n) {
                        out.append(c).append(template.charAt(i + 1));
                        i += 2;
                        continue;
                    }
                    if (c == '#' && (i == 0 || " \t\n;&|()".indexOf(template.charAt(i - 1)) >= 0)) {
                        int eol = template.indexOf('\n', i);
                        int end = eol < 0 ? n : eol;
                        // a comment: copied as it is, placeholders and all, and never executed
                        out.append(template, i, end);
                        i = end;
                        continue;
                    }
                    if (c == '\'') {
                        stack.push(Context.SINGLE);
                    } else if (c == '"') {
                        stack.push(Context.DOUBLE);
                    } else if (c == '`') {
                        if (ctx == Context.BACKTICK) {
                            stack.pop();
                        } else {
                            stack.push(Context.BACKTICK);
                        }
                    } else if (c == '$' && i + 1 < n && template.charAt(i + 1) == '(') {
                        stack.push(Context.SUBSHELL);
                        parens.push(new int[] {0});
                        out.append("$(");
                        i += 2;
                        continue;
                    } else if (c == '(' && ctx == Context.SUBSHELL) {
                        parens.peek()[0]++;
                    } else if (c == ')' && ctx == Context.SUBSHELL) {
                        if (parens.peek()[0] == 0) {
                            parens.pop();
                            stack.pop();
                        } else {
                            parens.peek()[0]--;
                        }
                    } else if (c == '<' && template.startsWith("<<", i) && !template.startsWith("<<<", i)) {
                        stack.push(Context.HEREDOC);
                        out.append("<<");
                        i += 2;
                        continue;
                    }
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static String quote(String name, String value, Context ctx) {
        if (PLAIN.matcher(value).matches()) {
            return value;
        }
        return switch (ctx) {
            case UNQUOTED, SUBSHELL -> "'" + value.replace("'", "'\\''") + "'";
            case SINGLE -> value.replace("'", "'\\''");
            case DOUBLE -> escape(value, "\\\"$`");
            // inside `...` the shell first turns \\, \` and \$ into \, ` and $, then parses the text
            case BACKTICK -> "'" + escape(value, "\\`$").replace("'", "'\\''") + "'";
            case HEREDOC -> throw new UnsafeHookException("placeholder {" + name
                    + "} stands in a here-document, where its value cannot be quoted; use its ORC_* environment"
                    + " variable instead");
        };
    }

    private static String escape(String value, String special) {
        StringBuilder b = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (special.indexOf(c) >= 0) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }
}
