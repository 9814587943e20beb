package io.quorch.domain;

import java.util.Map;
import java.util.TreeMap;

/**
 * A MariaDB GTID position ("0-23306-17,1-23307-4"): for each replication domain, the last GTID
 * (server id and sequence number).
 */
public final class MariaDbGtidPosition {

    public record Gtid(long domain, long serverId, long sequence) {
        @Override
        public String toString() {
            return domain + "-" + serverId + "-" + sequence;
        }
    }

    private final Map<Long, Gtid> byDomain;

    private MariaDbGtidPosition(Map<Long, Gtid> byDomain) {
        this.byDomain = byDomain;
    }

    public static MariaDbGtidPosition parse(String text) {
        Map<Long, Gtid> m = new TreeMap<>();
        if (text != null) {
            for (String part : text.split(",")) {
                String p = part.trim();
                if (p.isEmpty()) {
                    continue;
                }
                String[] f = p.split("-");
                if (f.length != 3) {
                    throw new IllegalArgumentException("not a MariaDB GTID: " + p);
                }
                Gtid g = new Gtid(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]));
                m.merge(g.domain(), g, (a, b) -> a.sequence() >= b.sequence() ? a : b);
            }
        }
        return new MariaDbGtidPosition(m);
    }

    public Map<Long, Gtid> byDomain() {
        return Map.copyOf(byDomain);
    }

    public long sequence(long domain) {
        Gtid g = byDomain.get(domain);
        return g == null ? 0 : g.sequence();
    }

    /** Whether this position includes everything the other has, domain by domain. */
    public boolean atLeast(MariaDbGtidPosition other) {
        return other.byDomain.values().stream().allMatch(g -> sequence(g.domain()) >= g.sequence());
    }

    public boolean isEmpty() {
        return byDomain.isEmpty();
    }

    @Override
    public String toString() {
        return String.join(",", byDomain.values().stream().map(Gtid::toString).toList());
    }
}
