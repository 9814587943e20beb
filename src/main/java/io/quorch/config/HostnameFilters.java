package io.quorch.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.quorch.domain.InstanceKey;

/**
 * A list of orchestrator hostname filters (DiscoveryIgnore*HostnameFilters, ProblemIgnoreHostnameFilters,
 * RecoveryIgnoreHostnameFilters), with orchestrator's rules: a filter that is an IP address matches
 * that host exactly (10.0.0.3 does not match 10.0.0.38); any other filter is a regular expression
 * searched in "host:port". A filter that is not a valid regular expression is refused when the
 * configuration is read (orchestrator silently never matches it).
 */
public final class HostnameFilters {

    public static final HostnameFilters NONE = new HostnameFilters(List.of(), List.of());

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final List<String> exactHosts;
    private final List<Pattern> patterns;

    private HostnameFilters(List<String> exactHosts, List<Pattern> patterns) {
        this.exactHosts = exactHosts;
        this.patterns = patterns;
    }

    /** The filters of a key; each invalid one adds a line naming the key and the filter to problems. */
    public static HostnameFilters of(String jsonKey, List<String> filters, List<String> problems) {
        List<String> exact = new ArrayList<>();
        List<Pattern> patterns = new ArrayList<>();
        for (String f : filters) {
            if (f == null || f.isEmpty()) {
                continue;
            }
            if (isIpAddress(f)) {
                exact.add(f);
                continue;
            }
            try {
                patterns.add(Pattern.compile(f));
            } catch (PatternSyntaxException e) {
                problems.add(jsonKey + ": \"" + f + "\" is not a valid regular expression: " + e.getDescription());
            }
        }
        return new HostnameFilters(List.copyOf(exact), List.copyOf(patterns));
    }

    /** orchestrator's FiltersMatchInstanceKey: exact IP, else a regular expression found in "host:port". */
    public boolean matches(InstanceKey key) {
        if (exactHosts.contains(key.hostname())) {
            return true;
        }
        String code = key.hostname() + ":" + key.port();
        return patterns.stream().anyMatch(p -> p.matcher(code).find());
    }

    /** A regular expression found in the host name alone (orchestrator's RecoveryIgnoreHostnameFilters). */
    public boolean matchesHostname(String hostname) {
        return exactHosts.contains(hostname) || patterns.stream().anyMatch(p -> p.matcher(hostname).find());
    }

    public boolean isEmpty() {
        return exactHosts.isEmpty() && patterns.isEmpty();
    }

    static boolean isIpAddress(String s) {
        if (IPV4.matcher(s).matches()) {
            for (String part : s.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return false;
                }
            }
            return true;
        }
        // an IPv6 literal: hex groups and colons only, at least two colons
        return s.chars().filter(c -> c == ':').count() >= 2 && s.chars().allMatch(c -> c == ':'
                || Character.digit(c, 16) >= 0 || c == '.');
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostnameFilters f && f.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        List<String> all = new ArrayList<>(exactHosts);
        patterns.forEach(p -> all.add(p.pattern()));
        return all.toString();
    }
}
