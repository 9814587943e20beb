package io.quorch.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quorch.domain.InstanceKey;
import io.quorch.domain.NodeIdentity;
import io.quorch.domain.ServerState;
import io.quorch.store.BackendUnavailableException;
import io.quorch.testing.TestBackend;
import io.quorch.topology.TopologyTestData;

/**
 * What every backend kind must do, run against a real SQLite file and a real MySQL-protocol
 * server. Subclasses open a fresh, empty backend for each case; the contract closes it.
 */
abstract class BackendContract {

    private TestBackend backend;

    /** A pool over a fresh, empty backend (no schema yet). */
    protected abstract TestBackend openEmptyBackend();

    @BeforeEach
    void openBackend() {
        backend = openEmptyBackend();
    }

    @AfterEach
    void closeBackend() {
        backend.close();
    }

    protected Jdbc jdbc() {
        return backend.jdbc();
    }

    protected SqlDialect dialect() {
        return backend.dialect();
    }

    private SchemaMigrator migrator(List<Migration> migrations) {
        return new SchemaMigrator(jdbc(), dialect(), migrations);
    }

    @Test
    void migratesAnEmptyBackendToTheNewestVersionAndAgainChangesNothing() {
        List<Migration> all = Migrations.all();
        int newest = all.get(all.size() - 1).version();
        assertEquals(newest, migrator(all).migrate());
        assertEquals(newest, migrator(all).migrate());
        assertEquals(all.size(), jdbc().queryOne("SELECT COUNT(*) FROM quorch_schema", rs -> rs.getInt(1)).orElseThrow());
        for (String table : List.of("database_instance", "database_instance_downtime", "candidate_database_instance",
                "topology_failure_detection", "topology_recovery", "topology_recovery_steps", "audit",
                "cluster_alias", "node_health", "node_state", "blocked_topology_recovery", "global_recovery_disable")) {
            assertEquals(0, jdbc().queryOne("SELECT COUNT(*) FROM " + table, rs -> rs.getInt(1)).orElseThrow(), table);
        }
    }

    @Test
    void upgradesAnOlderSchemaKeepingItsRows() {
        List<Migration> all = Migrations.all();
        assertEquals(2, migrator(all.subList(0, 2)).migrate());
        jdbc().update("INSERT INTO database_instance_downtime (hostname, port, begin_timestamp, end_timestamp, owner,"
                + " reason) VALUES (?, ?, ?, ?, ?, ?)", "db1", 3306, 1L, 2L, "ops", "maintenance");
        assertEquals(all.get(all.size() - 1).version(), migrator(all).migrate());
        assertEquals("maintenance", jdbc().queryOne("SELECT reason FROM database_instance_downtime WHERE hostname = ?",
                rs -> rs.getString(1), "db1").orElseThrow());
    }

    @Test
    void refusesASchemaNewerThanItKnows() {
        migrator(Migrations.all()).migrate();
        var e = assertThrows(BackendUnavailableException.class, () -> migrator(Migrations.all().subList(0, 1)).migrate());
        assertTrue(e.getMessage().contains("newer than this quorch knows"), e.getMessage());
    }

    @Test
    void heartbeatUpsertKeepsFirstSeenAndMovesLastSeen() {
        migrator(Migrations.all()).migrate();
        SqlNodeStore store = new SqlNodeStore(jdbc(), dialect());
        NodeIdentity node = new NodeIdentity("h1", "t1", "1.0", Instant.ofEpochMilli(1000));
        store.heartbeat(node, Instant.ofEpochMilli(2000));
        store.heartbeat(node, Instant.ofEpochMilli(3000));
        assertEquals(Instant.ofEpochMilli(3000), store.lastHeartbeat(node).orElseThrow());
        assertEquals(1000L, jdbc().queryOne("SELECT first_seen FROM node_health WHERE token = ?", rs -> rs.getLong(1),
                "t1").orElseThrow());
        assertEquals(1, jdbc().queryOne("SELECT COUNT(*) FROM node_health", rs -> rs.getInt(1)).orElseThrow());
    }

    @Test
    void replicatedStateRoundTripsAndRestoreNeverTouchesDiscoveredInstances() {
        migrator(Migrations.all()).migrate();
        SqlReplicatedStateStore state = new SqlReplicatedStateStore(jdbc(), dialect());
        new SqlDowntimeStore(jdbc(), dialect()).begin(new io.quorch.domain.Downtime(
                new io.quorch.domain.InstanceKey("db1", 3306), "ops", "why", Instant.ofEpochMilli(1),
                Instant.ofEpochMilli(2)));
        new SqlClusterAliasStore(jdbc(), dialect()).setAlias("db1:3306", "main", true, Instant.ofEpochMilli(3));
        new SqlClusterAliasStore(jdbc(), dialect()).setAlias("db9:3306", "detected", false, Instant.ofEpochMilli(3));
        var snapshot = export(state);
        jdbc().update("INSERT INTO database_instance (hostname, port, details) VALUES ('db7', 3306, '{}')");
        jdbc().update("DELETE FROM database_instance_downtime");
        jdbc().update("INSERT INTO candidate_database_instance (hostname, port, promotion_rule, last_suggested)"
                + " VALUES ('db8', 3306, 'prefer', 5)");
        restore(state, snapshot);
        assertEquals(1, jdbc().queryOne("SELECT COUNT(*) FROM database_instance_downtime", rs -> rs.getInt(1))
                .orElseThrow());
        assertEquals(0, jdbc().queryOne("SELECT COUNT(*) FROM candidate_database_instance", rs -> rs.getInt(1))
                .orElseThrow());
        assertEquals(1, jdbc().queryOne("SELECT COUNT(*) FROM database_instance", rs -> rs.getInt(1)).orElseThrow(),
                "a snapshot never deletes what this node discovered");
        assertEquals(2, jdbc().queryOne("SELECT COUNT(*) FROM cluster_alias", rs -> rs.getInt(1)).orElseThrow(),
                "detected aliases are local and stay");
    }

    @Test
    void failedTransactionLeavesNothingHalfWritten() {
        migrator(Migrations.all()).migrate();
        assertThrows(RuntimeException.class, () -> jdbc().inTransaction(c -> {
            Jdbc.update(c, "INSERT INTO node_state (name, value) VALUES (?, ?)", "a", "1");
            Jdbc.update(c, "INSERT INTO node_state (name, value) VALUES (?, ?)", "a", "2");
            return null;
        }));
        assertEquals(0, jdbc().queryOne("SELECT COUNT(*) FROM node_state", rs -> rs.getInt(1)).orElseThrow());
    }

    /** A snapshot in memory, as (table, row) pairs in order: what a snapshot file streams. */
    private record Row(String table, java.util.Map<String, Object> values) {
    }

    private static List<Row> export(SqlReplicatedStateStore state) {
        List<Row> rows = new java.util.ArrayList<>();
        String[] table = { null };
        try {
            state.export(new io.quorch.store.ReplicatedStateStore.RowSink() {
                @Override
                public void table(String name) {
                    table[0] = name;
                    rows.add(new Row(name, null));
                }

                @Override
                public void row(java.util.Map<String, Object> row) {
                    rows.add(new Row(table[0], new java.util.LinkedHashMap<>(row)));
                }
            });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return rows;
    }

    private static void restore(SqlReplicatedStateStore state, List<Row> rows) {
        try {
            state.restore(sink -> {
                for (Row r : rows) {
                    if (r.values() == null) {
                        sink.table(r.table());
                    } else {
                        sink.row(r.values());
                    }
                }
            });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private int count(String sql, Object... params) {
        return jdbc().queryOne(sql, rs -> rs.getInt(1), params).orElseThrow();
    }

    @Test
    void restoreUpsertsOverALocallyDetectedAlias() {
        migrator(Migrations.all()).migrate();
        SqlReplicatedStateStore state = new SqlReplicatedStateStore(jdbc(), dialect());
        SqlClusterAliasStore aliases = new SqlClusterAliasStore(jdbc(), dialect());
        aliases.setAlias("db1:3306", "main", true, Instant.ofEpochMilli(3));
        var snapshot = export(state);
        jdbc().update("DELETE FROM cluster_alias");
        aliases.setAlias("db1:3306", "detected-here", false, Instant.ofEpochMilli(4));
        restore(state, snapshot);
        assertEquals("main", aliases.alias("db1:3306").orElseThrow(), "the replicated alias wins, no key collision");
        assertEquals(1, count("SELECT COUNT(*) FROM cluster_alias"));
    }

    @Test
    void restoreTakesTableAndColumnNamesFromTheLocalSchemaOnly() {
        migrator(Migrations.all()).migrate();
        SqlReplicatedStateStore state = new SqlReplicatedStateStore(jdbc(), dialect());
        var hostile = new java.util.LinkedHashMap<String, Object>();
        hostile.put("hostname", "db1");
        hostile.put("port", 3306);
        hostile.put("promotion_rule", "prefer");
        hostile.put("last_suggested", 5);
        hostile.put("x) VALUES (1); DROP TABLE audit; --", "boom");
        hostile.put("no_such_column", 1);
        var manualFalse = new java.util.LinkedHashMap<String, Object>(java.util.Map.of("cluster_name", "c1",
                "alias", "a1", "manual", 0, "last_registered", 1));
        var localState = new java.util.LinkedHashMap<String, Object>(java.util.Map.of("name", "local.secret",
                "value", "x"));
        restore(state, List.of(new Row("candidate_database_instance", null), new Row("candidate_database_instance",
                hostile), new Row("audit; DROP TABLE node_state", null), new Row("audit; DROP TABLE node_state",
                        java.util.Map.of("a", 1)), new Row("cluster_alias", null), new Row("cluster_alias",
                                manualFalse), new Row("node_state", null), new Row("node_state", localState)));
        assertEquals(1, count("SELECT COUNT(*) FROM candidate_database_instance WHERE hostname = 'db1'"));
        assertEquals(0, count("SELECT COUNT(*) FROM audit"), "audit still exists");
        assertEquals(0, count("SELECT COUNT(*) FROM cluster_alias"), "only manual aliases come from a snapshot");
        assertEquals(0, count("SELECT COUNT(*) FROM node_state"), "only replicated names come from a snapshot");
    }

    @Test
    void purgeDropsOnlyHistoryOlderThanTheCutoff() {
        migrator(Migrations.all()).migrate();
        SqlReplicatedStateStore state = new SqlReplicatedStateStore(jdbc(), dialect());
        SqlDiscoveryStore seeds = new SqlDiscoveryStore(jdbc(), dialect());
        seeds.addSeed(new io.quorch.domain.InstanceKey("old", 3306), Instant.ofEpochMilli(1000));
        seeds.addSeed(new io.quorch.domain.InstanceKey("new", 3306), Instant.ofEpochMilli(5000));
        jdbc().update("INSERT INTO topology_recovery_steps (recovery_uid, step_seq, audit_at, message)"
                + " VALUES ('u', 1, 1000, 'old'), ('u', 2, 5000, 'new')");
        state.recordForgotten(new io.quorch.store.ReplicatedStateStore.Forgotten(
                new io.quorch.domain.InstanceKey("gone", 3306), null, Instant.ofEpochMilli(1000), 3));
        state.recordForgotten(new io.quorch.store.ReplicatedStateStore.Forgotten(null, "c:3306",
                Instant.ofEpochMilli(5000), 9));
        assertEquals(2, state.forgottenAfter(0).size());
        assertEquals(List.of("c:3306"), state.forgottenAfter(3).stream().map(f -> f.clusterName()).toList());
        assertEquals(3, state.purge(Instant.ofEpochMilli(2000)));
        assertEquals(List.of(new io.quorch.domain.InstanceKey("new", 3306)), seeds.seeds());
        assertEquals(1, count("SELECT COUNT(*) FROM topology_recovery_steps"));
        assertEquals(1, state.forgottenAfter(0).size());
    }

    @Test
    void probedStateRoundTripsAndDetailsWithFieldsThisVersionDoesNotKnowAreRead() {
        migrator(Migrations.all()).migrate();
        SqlInstanceStore store = backend.instances();
        InstanceKey primary = TopologyTestData.key(3306);
        InstanceKey replica = TopologyTestData.key(3307);
        ServerState state = TopologyTestData.state(TopologyTestData.replicating(primary, 7), true, List.of());
        store.writeProbe(replica, state, Instant.ofEpochMilli(5000));
        assertEquals(state, store.read(replica).orElseThrow().state());

        String details = jdbc().queryOne("SELECT details FROM database_instance WHERE port = 3307",
                rs -> rs.getString(1)).orElseThrow();
        jdbc().update("UPDATE database_instance SET details = ? WHERE port = 3307",
                details.replaceFirst("\\{", "{\"fieldOfALaterVersion\":{\"a\":[1]},"));
        assertEquals(state, backend.instances().read(replica).orElseThrow().state());
    }
}
