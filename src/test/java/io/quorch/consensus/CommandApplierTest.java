package io.quorch.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.domain.InstanceKey;
import io.quorch.testing.TestBackend;

/** The applier over a real SQLite backend: history purges and forget tombstones. */
class CommandApplierTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @TempDir
    Path dir;

    private TestBackend backend;
    private CommandApplier applier;

    @BeforeEach
    void open() {
        backend = TestBackend.sqlite(dir);
        backend.migrate();
        applier = backend.applier();
    }

    @AfterEach
    void close() {
        backend.close();
    }

    private int count(String table) {
        return backend.jdbc().queryOne("SELECT COUNT(*) FROM " + table, rs -> rs.getInt(1)).orElseThrow();
    }

    @Test
    void aPurgeDropsTheReplicatedHistoryBeforeItsCutoffOnly() {
        Instant old = NOW.minus(Duration.ofDays(30));
        applier.apply(new ReplicatedCommand.BeginDowntime(new InstanceKey("db1", 3306), "ops", "old", old.plusSeconds(60),
                old));
        applier.apply(new ReplicatedCommand.BeginDowntime(new InstanceKey("db2", 3306), "ops", "now", NOW.plusSeconds(60),
                NOW));
        applier.apply(new ReplicatedCommand.Discover(new InstanceKey("db3", 3306), old));
        applier.apply(new ReplicatedCommand.Discover(new InstanceKey("db4", 3306), NOW));
        applier.apply(new ReplicatedCommand.PurgeHistory(NOW.minus(Duration.ofDays(7)), NOW));
        assertEquals(1, count("database_instance_downtime"));
        assertEquals(List.of(new InstanceKey("db4", 3306)), backend.seeds().seeds());
    }

    @Test
    void forgetsAreKeptAsTombstonesWithTheirLogIndex() {
        backend.jdbc().update("INSERT INTO database_instance (hostname, port, details) VALUES ('db7', 3306, '{}')");
        applier.apply(new ReplicatedCommand.Forget(new InstanceKey("db7", 3306), NOW), 12);
        assertEquals(0, count("database_instance"));
        // the node discovers it again, then restores a snapshot that holds the forget
        backend.jdbc().update("INSERT INTO database_instance (hostname, port, details) VALUES ('db7', 3306, '{}')");
        applier.applyForgottenAfter(12);
        assertEquals(1, count("database_instance"), "a forget at or before what this node applied is not redone");
        applier.applyForgottenAfter(11);
        assertEquals(0, count("database_instance"), "a forget this node missed is applied");
    }

    @Test
    void maintenanceCountsUntilItsEndIsNumberedInOrderAndIsPurgedWithTheHistory() {
        InstanceKey db1 = new InstanceKey("db1", 3306);
        InstanceKey db2 = new InstanceKey("db2", 3306);
        var store = backend.maintenance();
        applier.apply(new ReplicatedCommand.BeginMaintenance(db1, "ops", "disk swap", NOW.plusSeconds(600), NOW));
        applier.apply(new ReplicatedCommand.BeginMaintenance(db2, "ops", "upgrade", NOW.plusSeconds(60), NOW));
        assertEquals(List.of(1L, 2L), store.allActive(NOW).stream().map(m -> m.id()).toList());
        assertEquals("disk swap", store.active(db1, NOW).orElseThrow().reason());
        // it expires like downtime: at its end it no longer counts, though the row stays until purged
        assertTrue(store.active(db2, NOW.plusSeconds(59)).isPresent());
        assertFalse(store.active(db2, NOW.plusSeconds(60)).isPresent());
        assertEquals(List.of(db1), store.allActive(NOW.plusSeconds(60)).stream().map(m -> m.key()).toList());
        // beginning again replaces the mark with a new number
        applier.apply(new ReplicatedCommand.BeginMaintenance(db2, "dba", "again", NOW.plusSeconds(900), NOW));
        assertEquals(3L, store.active(db2, NOW).orElseThrow().id());
        applier.apply(new ReplicatedCommand.EndMaintenance(db1, NOW));
        assertFalse(store.active(db1, NOW).isPresent());
        assertEquals(1, count("database_instance_maintenance"));
        applier.apply(new ReplicatedCommand.PurgeHistory(NOW.plusSeconds(901), NOW.plusSeconds(901)));
        assertEquals(0, count("database_instance_maintenance"));
        assertTrue(backend.replicatedState().tables().contains("database_instance_maintenance"),
                "maintenance travels in snapshots");
    }
}
