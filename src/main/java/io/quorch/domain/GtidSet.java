package io.quorch.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A MySQL GTID set ("uuid:1-5:7,uuid2:1-3") with the arithmetic errant-transaction checks need.
 */
public final class GtidSet {

    private record Interval(long start, long end) {
    }

    private final Map<String, List<Interval>> byUuid;

    private GtidSet(Map<String, List<Interval>> byUuid) {
        this.byUuid = byUuid;
    }

    public static GtidSet parse(String text) {
        Map<String, List<Interval>> m = new TreeMap<>();
        if (text == null || text.isBlank()) {
            return new GtidSet(m);
        }
        for (String part : text.replace("\n", "").split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            String[] fields = p.split(":");
            String uuid = fields[0].toLowerCase(Locale.ROOT);
            List<Interval> list = m.computeIfAbsent(uuid, u -> new ArrayList<>());
            for (int i = 1; i < fields.length; i++) {
                String[] range = fields[i].split("-");
                long start = Long.parseLong(range[0].trim());
                long end = range.length > 1 ? Long.parseLong(range[1].trim()) : start;
                list.add(new Interval(start, end));
            }
        }
        m.replaceAll((u, l) -> normalize(l));
        return new GtidSet(m);
    }

    private static List<Interval> normalize(List<Interval> list) {
        List<Interval> sorted = new ArrayList<>(list);
        sorted.sort((a, b) -> Long.compare(a.start, b.start));
        List<Interval> out = new ArrayList<>();
        for (Interval i : sorted) {
            if (!out.isEmpty() && i.start <= out.get(out.size() - 1).end + 1) {
                Interval last = out.remove(out.size() - 1);
                out.add(new Interval(last.start, Math.max(last.end, i.end)));
            } else {
                out.add(i);
            }
        }
        return out;
    }

    /** The transactions of this set that other does not contain. */
    public GtidSet subtract(GtidSet other) {
        Map<String, List<Interval>> m = new TreeMap<>();
        for (var e : byUuid.entrySet()) {
            List<Interval> remaining = e.getValue();
            for (Interval cut : other.byUuid.getOrDefault(e.getKey(), List.of())) {
                List<Interval> next = new ArrayList<>();
                for (Interval i : remaining) {
                    if (cut.end < i.start || cut.start > i.end) {
                        next.add(i);
                        continue;
                    }
                    if (i.start < cut.start) {
                        next.add(new Interval(i.start, cut.start - 1));
                    }
                    if (i.end > cut.end) {
                        next.add(new Interval(cut.end + 1, i.end));
                    }
                }
                remaining = next;
            }
            if (!remaining.isEmpty()) {
                m.put(e.getKey(), remaining);
            }
        }
        return new GtidSet(m);
    }

    /** Only the transactions of the given server uuid. */
    public GtidSet only(String uuid) {
        String u = uuid.toLowerCase(Locale.ROOT);
        Map<String, List<Interval>> m = new TreeMap<>();
        if (byUuid.containsKey(u)) {
            m.put(u, byUuid.get(u));
        }
        return new GtidSet(m);
    }

    /** Everything but the transactions of the given server uuid. */
    public GtidSet without(String uuid) {
        Map<String, List<Interval>> m = new TreeMap<>(byUuid);
        m.remove(uuid.toLowerCase(Locale.ROOT));
        return new GtidSet(m);
    }

    public boolean isEmpty() {
        return byUuid.isEmpty();
    }

    public boolean containsAll(GtidSet other) {
        return other.subtract(this).isEmpty();
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        byUuid.forEach((u, l) -> {
            StringBuilder sb = new StringBuilder(u);
            for (Interval i : l) {
                sb.append(':').append(i.start);
                if (i.end != i.start) {
                    sb.append('-').append(i.end);
                }
            }
            parts.add(sb.toString());
        });
        return String.join(",", parts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GtidSet g && g.byUuid.equals(byUuid);
    }

    @Override
    public int hashCode() {
        return byUuid.hashCode();
    }
}
