package io.quorch.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quorch.store.sql.Migration;
import io.quorch.store.sql.Migrations;

/** The limits the validator checks are the schema's own: read back from the migrations. */
class SchemaLimitsTest {

    private static final Pattern CREATE = Pattern.compile("CREATE TABLE (\\w+) \\((.*)\\)", Pattern.DOTALL);
    private static final Pattern ALTER = Pattern.compile("ALTER TABLE (\\w+) ADD COLUMN (\\w+) (.*)");
    private static final Pattern COLUMN = Pattern.compile("^\\s*(\\w+) (VARCHAR\\((\\d+)\\)|\\{TEXT\\})",
            Pattern.MULTILINE);
    private static final Pattern VARCHAR = Pattern.compile("VARCHAR\\((\\d+)\\)");

    /** "table.column" to its VARCHAR length, or -1 for TEXT, as the migrations leave it. */
    static Map<String, Integer> schema() {
        Map<String, Integer> columns = new HashMap<>();
        for (Migration m : Migrations.all()) {
            for (String statement : m.statements()) {
                Matcher create = CREATE.matcher(statement);
                if (create.find()) {
                    Matcher c = COLUMN.matcher(create.group(2));
                    while (c.find()) {
                        columns.put(create.group(1) + "." + c.group(1).toLowerCase(Locale.ROOT),
                                c.group(3) == null ? -1 : Integer.parseInt(c.group(3)));
                    }
                }
                Matcher alter = ALTER.matcher(statement);
                if (alter.find()) {
                    Matcher v = VARCHAR.matcher(alter.group(3));
                    columns.put(alter.group(1) + "." + alter.group(2), v.find() ? Integer.parseInt(v.group(1))
                            : alter.group(3).contains("{TEXT}") ? -1 : 0);
                }
            }
        }
        return columns;
    }

    @Test
    void everyVarcharLimitIsTheColumnsLength() {
        Map<String, Integer> schema = schema();
        assertTrue(schema.size() > 50, "the migrations were read: " + schema.size());
        SchemaLimits.VARCHAR.forEach((column, length) -> assertEquals(schema.get(column), length, column));
    }

    @Test
    void everyTextLimitIsATextColumn() {
        Map<String, Integer> schema = schema();
        SchemaLimits.TEXT.forEach(column -> assertEquals(-1, schema.get(column), column));
    }

    @Test
    void everyStringColumnOfAReplicatedTableHasALimit() {
        var replicated = java.util.Set.of("database_instance_downtime", "database_instance_maintenance",
                "candidate_database_instance",
                "cluster_alias", "discovery_seed", "topology_failure_detection", "topology_recovery",
                "topology_recovery_steps", "forgotten_instance", "node_state");
        schema().forEach((column, length) -> {
            if (replicated.contains(column.substring(0, column.indexOf('.')))) {
                assertTrue(length < 0 ? SchemaLimits.TEXT.contains(column) : SchemaLimits.VARCHAR.containsKey(column),
                        "no limit for " + column);
            }
        });
    }
}
