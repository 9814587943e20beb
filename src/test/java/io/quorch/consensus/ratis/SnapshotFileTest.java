package io.quorch.consensus.ratis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.agroal.api.AgroalDataSource;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.PromotionRule;
import io.quorch.store.sql.BackendProducer;
import io.quorch.store.sql.Jdbc;
import io.quorch.store.sql.Migrations;
import io.quorch.store.sql.SchemaMigrator;
import io.quorch.store.sql.SqlCandidateStore;
import io.quorch.store.sql.SqlReplicatedStateStore;
import io.quorch.store.sql.SqliteDialect;

/** The snapshot file over a real SQLite backend: versions, older formats, refusals. */
class SnapshotFileTest {

    @TempDir
    Path dir;

    private AgroalDataSource pool;
    private Jdbc jdbc;
    private SqlReplicatedStateStore state;

    @BeforeEach
    void open() {
        SqliteDialect dialect = new SqliteDialect(dir.resolve("quorch.db"));
        pool = BackendProducer.pool(dialect, "", "", 2);
        jdbc = new Jdbc(pool);
        new SchemaMigrator(jdbc, dialect, Migrations.all()).migrate();
        state = new SqlReplicatedStateStore(jdbc, dialect);
    }

    @AfterEach
    void close() {
        pool.close();
    }

    private int candidates() {
        return jdbc.queryOne("SELECT COUNT(*) FROM candidate_database_instance", rs -> rs.getInt(1)).orElseThrow();
    }

    @Test
    void writesItsFormatAndSchemaAndReadsItBack() throws Exception {
        new SqlCandidateStore(jdbc, new SqliteDialect(dir.resolve("quorch.db"))).register(new InstanceKey("db1", 3306),
                PromotionRule.PREFER, Instant.ofEpochMilli(5));
        Path file = dir.resolve("snapshot");
        SnapshotFile.write(file, state);
        String text = Files.readString(file);
        assertTrue(text.startsWith("{\"format\":2,\"schema\":" + state.schemaVersion() + ",\"tables\":{"), text);
        jdbc.update("DELETE FROM candidate_database_instance");
        SnapshotFile.read(file, state);
        assertEquals(1, candidates());
    }

    @Test
    void readsASnapshotInTheFormatBeforeVersions() throws Exception {
        // what a node of the previous release wrote: the bare tables object
        Path file = dir.resolve("old");
        Files.writeString(file, "{\"database_instance_downtime\":[],\"candidate_database_instance\":[{\"hostname\":"
                + "\"db1\",\"port\":3306,\"promotion_rule\":\"prefer\",\"last_suggested\":5}],\"cluster_alias\":[],"
                + "\"global_recovery_disable\":[{\"id\":1,\"disabled\":1,\"changed_at\":7}],\"discovery_seed\":[],"
                + "\"topology_failure_detection\":[],\"topology_recovery\":[],\"topology_recovery_steps\":[],"
                + "\"node_state\":[{\"name\":\"replicated.leader_uri\",\"value\":\"n1 http://n1:3000\"}]}",
                StandardCharsets.UTF_8);
        SnapshotFile.read(file, state);
        assertEquals(1, candidates());
        assertEquals(1, jdbc.queryOne("SELECT disabled FROM global_recovery_disable", rs -> rs.getInt(1))
                .orElseThrow());
    }

    @Test
    void refusesANewerFormatOrSchemaNamingBothVersions() throws Exception {
        Path newerFormat = dir.resolve("f3");
        Files.writeString(newerFormat, "{\"format\":3,\"schema\":7,\"tables\":{}}");
        IOException f = assertThrows(IOException.class, () -> SnapshotFile.read(newerFormat, state));
        assertTrue(f.getMessage().contains("format 3") && f.getMessage().contains("formats 1 to 2"), f.getMessage());

        Path newerSchema = dir.resolve("s99");
        Files.writeString(newerSchema, "{\"format\":2,\"schema\":99,\"tables\":{}}");
        IOException s = assertThrows(IOException.class, () -> SnapshotFile.read(newerSchema, state));
        assertTrue(s.getMessage().contains("schema version 99") && s.getMessage().contains("version "
                + state.schemaVersion()), s.getMessage());
    }

    @Test
    void aTruncatedFileIsRefusedAndChangesNothing() throws Exception {
        new SqlCandidateStore(jdbc, new SqliteDialect(dir.resolve("quorch.db"))).register(new InstanceKey("db1", 3306),
                PromotionRule.PREFER, Instant.ofEpochMilli(5));
        Path file = dir.resolve("cut");
        Files.writeString(file, "{\"format\":2,\"schema\":7,\"tables\":{\"candidate_database_instance\":[");
        assertThrows(IOException.class, () -> SnapshotFile.read(file, state));
        assertEquals(1, candidates(), "the restore was rolled back");
    }
}
