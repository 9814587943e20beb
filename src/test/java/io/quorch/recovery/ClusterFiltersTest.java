package io.quorch.recovery;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClusterFiltersTest {

    @Test
    void starMatchesAllAndNothingMatchesNothing() {
        assertTrue(ClusterFilters.matches(List.of("*"), "db1:3306", ""));
        assertFalse(ClusterFilters.matches(List.of(), "db1:3306", ""));
    }

    @Test
    void regexOnNameOrAliasAndExactAlias() {
        assertTrue(ClusterFilters.matches(List.of("^db1"), "db1:3306", ""));
        assertTrue(ClusterFilters.matches(List.of("prod"), "db1:3306", "prod-main"));
        assertTrue(ClusterFilters.matches(List.of("alias=prod-main"), "db1:3306", "prod-main"));
        assertFalse(ClusterFilters.matches(List.of("alias=prod"), "db1:3306", "prod-main"));
        assertFalse(ClusterFilters.matches(List.of("^db2"), "db1:3306", "x"));
    }
}
