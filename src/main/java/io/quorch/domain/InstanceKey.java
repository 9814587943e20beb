package io.quorch.domain;

import java.util.Comparator;
import java.util.Locale;

/** A MySQL/MariaDB server: host name and port. Host names are compared case-insensitively. */
public record InstanceKey(String hostname, int port) implements Comparable<InstanceKey> {

    private static final Comparator<InstanceKey> ORDER = Comparator.comparing(InstanceKey::hostname)
            .thenComparingInt(InstanceKey::port);

    public InstanceKey {
        if (hostname == null || hostname.isBlank()) {
            throw new IllegalArgumentException("host name must not be empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be from 1 to 65535, got " + port);
        }
        hostname = hostname.trim().toLowerCase(Locale.ROOT);
    }

    /** Parses "host:port"; a missing port means 3306. */
    public static InstanceKey parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("instance must be host:port");
        }
        String t = text.trim();
        int colon = t.lastIndexOf(':');
        if (colon < 0) {
            return new InstanceKey(t, 3306);
        }
        return new InstanceKey(t.substring(0, colon), parsePort(t.substring(colon + 1)));
    }

    public static int parsePort(String port) {
        try {
            return Integer.parseInt(port.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port must be a number, got \"" + port + "\"");
        }
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
