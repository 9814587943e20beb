package io.quorch.domain;

import java.util.Comparator;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A MySQL/MariaDB server: host name and port. Host names are compared case-insensitively.
 *
 * <p>Every key is checked when it is made, wherever its text came from (an API argument, a
 * configuration file, a value a MySQL server reported, a row, a raft log entry): a host is a DNS
 * name (letters, digits, '-', '_' and '.', labels of at most 63 characters, 253 in all), an IPv4
 * address or an IPv6 literal. Anything else (spaces, '?', '&', '/', quotes, '@' ...) is refused, so a
 * host name can never smuggle connection options, SQL or shell words into what is built from it.
 */
public record InstanceKey(String hostname, int port) implements Comparable<InstanceKey> {

    /** The longest host name accepted (DNS' limit; the backend's columns hold 255). */
    public static final int MAX_HOST_LENGTH = 253;

    private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]+(%[a-z0-9_.-]{1,32})?");

    private static final Comparator<InstanceKey> ORDER = Comparator.comparing(InstanceKey::hostname)
            .thenComparingInt(InstanceKey::port);

    public InstanceKey {
        hostname = checkHost(hostname);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be from 1 to 65535, got " + port);
        }
    }

    /** The host name, lower-cased and trimmed; throws IllegalArgumentException naming what is wrong. */
    public static String checkHost(String hostname) {
        if (hostname == null || hostname.isBlank()) {
            throw new IllegalArgumentException("host name must not be empty");
        }
        String h = hostname.trim().toLowerCase(Locale.ROOT);
        if (h.length() > MAX_HOST_LENGTH) {
            throw new IllegalArgumentException("host name longer than " + MAX_HOST_LENGTH + " characters: \""
                    + Text.shown(h.substring(0, 40), 80) + "...\"");
        }
        if (h.indexOf(':') >= 0) {
            if (IPV6.matcher(h).matches() && isIpv6(h)) {
                return h;
            }
            throw new IllegalArgumentException("not a valid host name or address: \"" + Text.shown(h, 80) + "\"");
        }
        String dns = h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
        if (!isDnsName(dns)) {
            throw new IllegalArgumentException("not a valid host name or address: \"" + Text.shown(h, 80) + "\"");
        }
        return dns;
    }

    /**
     * Dot-separated labels of 1 to 63 letters, digits, '_' and '-', none starting or ending with '-'.
     * A loop, not a pattern: every key made from a probe's answers and every row read passes here.
     */
    static boolean isDnsName(String dns) {
        int start = 0;
        for (int i = 0; i <= dns.length(); i++) {
            char c = i == dns.length() ? '.' : dns.charAt(i);
            if (c == '.') {
                int length = i - start;
                if (length < 1 || length > 63 || dns.charAt(start) == '-' || dns.charAt(i - 1) == '-') {
                    return false;
                }
                start = i + 1;
            } else if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InstanceKey k && port == k.port && hostname.equals(k.hostname);
    }

    @Override
    public int hashCode() {
        // written out: a record's generated hashCode goes through method handles, slow where every map of
        // thousands of servers hashes keys
        return hostname.hashCode() * 31 + port;
    }

    /** An IPv6 literal: eight groups of 1-4 hex digits, "::" once for a run of zeros, an IPv4 tail, a zone. */
    static boolean isIpv6(String text) {
        int zone = text.indexOf('%');
        String a = zone < 0 ? text : text.substring(0, zone);
        int gap = a.indexOf("::");
        if (gap >= 0 && a.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        String[] parts = gap < 0 ? new String[] { a } : new String[] { a.substring(0, gap), a.substring(gap + 2) };
        int groups = 0;
        for (int p = 0; p < parts.length; p++) {
            if (parts[p].isEmpty()) {
                continue;
            }
            String[] g = parts[p].split(":", -1);
            for (int i = 0; i < g.length; i++) {
                boolean last = p == parts.length - 1 && i == g.length - 1;
                if (last && g[i].contains(".")) {
                    if (!g[i].matches("((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)")) {
                        return false;
                    }
                    groups += 2;
                } else if (g[i].matches("[0-9a-f]{1,4}")) {
                    groups++;
                } else {
                    return false;
                }
            }
        }
        return gap < 0 ? groups == 8 : groups < 8;
    }

    /** Parses "host:port", "[ipv6]:port" or "host" (port 3306). */
    public static InstanceKey parse(String text) {
        return parse(text, 3306);
    }

    /** Parses "host:port", "[ipv6]:port" or "host" (DefaultInstancePort). */
    public static InstanceKey parse(String text, int defaultPort) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("instance must be host:port");
        }
        String t = text.trim();
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("instance must be [address]:port, got \""
                        + Text.shown(t, 80) + "\"");
            }
            String rest = t.substring(close + 1);
            if (rest.isEmpty()) {
                return new InstanceKey(t.substring(1, close), defaultPort);
            }
            if (!rest.startsWith(":")) {
                throw new IllegalArgumentException("instance must be [address]:port, got \""
                        + Text.shown(t, 80) + "\"");
            }
            return new InstanceKey(t.substring(1, close), parsePort(rest.substring(1)));
        }
        int colon = t.lastIndexOf(':');
        if (colon < 0) {
            return new InstanceKey(t, defaultPort);
        }
        if (t.indexOf(':') != colon) {
            // a bare IPv6 literal: no port can be told apart from it
            return new InstanceKey(t, defaultPort);
        }
        return new InstanceKey(t.substring(0, colon), parsePort(t.substring(colon + 1)));
    }

    public static int parsePort(String port) {
        String p = port == null ? "" : port.trim();
        if (p.isEmpty() || p.length() > 5 || !p.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("port must be a number from 1 to 65535, got \""
                    + Text.shown(p, 80) + "\"");
        }
        return Integer.parseInt(p);
    }

    @Override
    public int compareTo(InstanceKey o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return hostname + ":" + port;
    }
}
