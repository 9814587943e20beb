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
        SqlReplicatedStateStore state = new SqlReplicatedStateStore(jdbc());
        new SqlDowntimeStore(jdbc(), dialect()).begin(new io.quorch.domain.Downtime(
                new io.quorch.domain.InstanceKey("db1", 3306), "ops", "why", Instant.ofEpochMilli(1),
                Instant.ofEpochMilli(2)));
        new SqlClusterAliasStore(jdbc(), dialect()).setAlias("db1:3306", "main", true, Instant.ofEpochMilli(3));
        new SqlClusterAliasStore(jdbc(), dialect()).setAlias("db9:3306", "detected", false, Instant.ofEpochMilli(3));
        var snapshot = state.export();
        jdbc().update("INSERT INTO database_instance (hostname, port, details) VALUES ('db7', 3306, '{}')");
        jdbc().update("DELETE FROM database_instance_downtime");
        jdbc().update("INSERT INTO candidate_database_instance (hostname, port, promotion_rule, last_suggested)"
                + " VALUES ('db8', 3306, 'prefer', 5)");
        state.restore(snapshot);
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
