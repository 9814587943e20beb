package io.quorch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quorch.domain.InstanceKey;

/** orchestrator's FiltersMatchInstanceKey rules. */
class HostnameFiltersTest {

    static HostnameFilters of(String... filters) {
        List<String> problems = new ArrayList<>();
        HostnameFilters f = HostnameFilters.of("DiscoveryIgnoreHostnameFilters", List.of(filters), problems);
        assertEquals(List.of(), problems);
        return f;
    }

    @Test
    void anIpAddressMatchesThatHostExactlyNotAsARegularExpression() {
        HostnameFilters f = of("10.0.0.3");
        assertTrue(f.matches(new InstanceKey("10.0.0.3", 3306)));
        assertFalse(f.matches(new InstanceKey("10.0.0.38", 3306)));
        assertFalse(f.matches(new InstanceKey("10a0b0c3", 3306)));
    }

    @Test
    void anyOtherFilterIsARegularExpressionFoundInHostColonPort() {
        HostnameFilters f = of("^db-backup", ":23309$");
        assertTrue(f.matches(new InstanceKey("db-backup-1.example.com", 3306)));
        assertFalse(f.matches(new InstanceKey("main-db-backup", 3306)));
        assertTrue(f.matches(new InstanceKey("127.0.0.1", 23309)));
        assertFalse(f.matches(new InstanceKey("127.0.0.1", 23308)));
        assertTrue(of("\\.dev\\.").matches(new InstanceKey("db1.dev.example.com", 3306)));
    }

    @Test
    void theHostnameAloneForRecoveryIgnoreHostnameFilters() {
        HostnameFilters f = of("^127\\.0\\.0\\.1$");
        assertTrue(f.matchesHostname("127.0.0.1"));
        assertFalse(f.matches(new InstanceKey("127.0.0.1", 3306)), "host:port is not the host");
    }

    @Test
    void anEmptyListMatchesNothingAndEmptyFiltersAreSkipped() {
        assertFalse(HostnameFilters.NONE.matches(new InstanceKey("db1", 3306)));
        assertTrue(of("", "").isEmpty());
    }

    @Test
    void anInvalidRegularExpressionIsAProblemNamingKeyAndFilter() {
        List<String> problems = new ArrayList<>();
        HostnameFilters.of("ProblemIgnoreHostnameFilters", List.of("ok", "db[1"), problems);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("ProblemIgnoreHostnameFilters: \"db[1\" is not a valid regular expression"),
                problems.get(0));
    }
}
