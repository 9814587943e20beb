package io.quorch.consensus.ratis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.StateMachineLogEntryProto;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.LogProtoUtils;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.server.storage.StorageImplUtils;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.SizeInBytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.agroal.api.AgroalDataSource;
import io.quorch.app.JsonSettings;
import io.quorch.consensus.CommandApplier;
import io.quorch.consensus.CommandCodec;
import io.quorch.consensus.ReplicatedCommand;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.PromotionRule;
import io.quorch.store.sql.BackendProducer;
import io.quorch.store.sql.Jdbc;
import io.quorch.store.sql.Migrations;
import io.quorch.store.sql.SchemaMigrator;
import io.quorch.store.sql.SqlCandidateStore;
import io.quorch.store.sql.SqlClusterAliasStore;
import io.quorch.store.sql.SqlDiscoveryStore;
import io.quorch.store.sql.SqlDowntimeStore;
import io.quorch.store.sql.SqlInstanceStore;
import io.quorch.store.sql.SqlNodeStateStore;
import io.quorch.store.sql.SqlRecoveryStore;
import io.quorch.store.sql.SqlReplicatedStateStore;
import io.quorch.store.sql.SqliteDialect;

/** The state machine over a real SQLite backend and real Ratis storage: apply, snapshot, restore, refuse. */
class QuorchStateMachineTest {

    @TempDir
    Path dir;

    private final List<AgroalDataSource> pools = new ArrayList<>();
    private final List<RaftStorage> storages = new ArrayList<>();
    private final List<String> fatal = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (RaftStorage s : storages) {
            s.close();
        }
        pools.forEach(AgroalDataSource::close);
    }

    /** A node: its own SQLite backend and raft storage directory. */
    private record Node(QuorchStateMachine machine, Jdbc jdbc) {
    }

    private Node node(String name) throws Exception {
        SqliteDialect dialect = new SqliteDialect(dir.resolve(name + "/quorch.db"));
        AgroalDataSource pool = BackendProducer.pool(dialect, "", "", 2);
        pools.add(pool);
        Jdbc jdbc = new Jdbc(pool);
        new SchemaMigrator(jdbc, dialect, Migrations.all()).migrate();
        var applier = new CommandApplier(new SqlInstanceStore(jdbc, dialect, JsonSettings.standalone()),
                new SqlDiscoveryStore(jdbc, dialect),
                new SqlClusterAliasStore(jdbc, dialect), new SqlDowntimeStore(jdbc, dialect),
                new SqlCandidateStore(jdbc, dialect), new SqlRecoveryStore(jdbc, dialect),
                new SqlNodeStateStore(jdbc, dialect), event -> {
                });
        QuorchStateMachine sm = new QuorchStateMachine(applier, new SqlReplicatedStateStore(jdbc), fatal::add,
                leader -> {
                });
        formatOnce(name);
        RaftStorage storage = storage(name, RaftStorage.StartupOption.RECOVER);
        storages.add(storage);
        sm.initialize(server(name), RaftGroupId.randomId(), storage);
        return new Node(sm, jdbc);
    }

    private Path raftDir(String name) {
        return dir.resolve(name).resolve("raft");
    }

    private RaftStorage storage(String name, RaftStorage.StartupOption option) throws Exception {
        RaftStorage storage = StorageImplUtils.newRaftStorage(raftDir(name).toFile(), SizeInBytes.valueOf(0),
                option, RaftServerConfigKeys.Log.CorruptionPolicy.EXCEPTION);
        storage.initialize();
        return storage;
    }

    private void formatOnce(String name) throws Exception {
        if (!Files.exists(raftDir(name).resolve("current"))) {
            Files.createDirectories(raftDir(name));
            storage(name, RaftStorage.StartupOption.FORMAT).close();
        }
    }

    /** What installing the leader's snapshot leaves on a follower: the snapshot files in its own storage. */
    private void copySnapshot(String from, String to) throws Exception {
        formatOnce(to);
        Path source = raftDir(from);
        try (var files = Files.walk(source)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> f.toString().contains("snapshot"))
                    .toList()) {
                Path target = raftDir(to).resolve(source.relativize(f));
                Files.createDirectories(target.getParent());
                Files.copy(f, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Only the server's id is read during initialization; no raft server runs in this test. */
    private static org.apache.ratis.server.RaftServer server(String name) {
        var id = org.apache.ratis.protocol.RaftPeerId.valueOf(name);
        return (org.apache.ratis.server.RaftServer) java.lang.reflect.Proxy.newProxyInstance(
                QuorchStateMachineTest.class.getClassLoader(),
                new Class<?>[] { org.apache.ratis.server.RaftServer.class }, (proxy, method, args) -> switch (
                        method.getName()) {
                    case "getId" -> id;
                    case "toString" -> "server " + name;
                    case "hashCode" -> name.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static TransactionContext entry(QuorchStateMachine sm, long index, byte[] data) {
        var log = LogProtoUtils.toLogEntryProto(StateMachineLogEntryProto.newBuilder()
                .setLogData(ByteString.copyFrom(data)).build(), 1, index);
        return TransactionContext.newBuilder().setStateMachine(sm).setLogEntry(log)
                .setServerRole(RaftPeerRole.FOLLOWER).build();
    }

    private static int count(Jdbc jdbc, String table) {
        return jdbc.queryOne("SELECT COUNT(*) FROM " + table, rs -> rs.getInt(1)).orElseThrow();
    }

    @Test
    void appliesCommandsSnapshotsThemAndAnotherNodeRestoresTheSnapshot() throws Exception {
        Node a = node("a");
        Instant at = Instant.parse("2026-11-26T12:00:00Z");
        for (int i = 1; i <= 5; i++) {
            ReplicatedCommand c = new ReplicatedCommand.RegisterCandidate(new InstanceKey("db" + i, 3306),
                    PromotionRule.PREFER, at);
            a.machine().applyTransaction(entry(a.machine(), i, CommandCodec.encode(c))).get();
        }
        // applying an entry again (a replay after a restart) changes nothing
        a.machine().applyTransaction(entry(a.machine(), 5, CommandCodec.encode(new ReplicatedCommand.RegisterCandidate(
                new InstanceKey("db5", 3306), PromotionRule.PREFER, at)))).get();
        assertEquals(5, count(a.jdbc(), "candidate_database_instance"));
        assertEquals(TermIndex.valueOf(1, 5), a.machine().getLastAppliedTermIndex());

        assertEquals(5, a.machine().takeSnapshot());
        assertTrue(a.machine().getLatestSnapshot() != null);

        // a node whose backend holds only what it discovered restores the replicated tables
        copySnapshot("a", "b");
        Node b = node("b");
        assertEquals(5, count(b.jdbc(), "candidate_database_instance"));
        assertEquals(TermIndex.valueOf(1, 5), b.machine().getLastAppliedTermIndex());
        assertTrue(fatal.isEmpty(), fatal.toString());
    }

    @Test
    void anEntryItCannotApplyStopsTheNodeInsteadOfDiverging() throws Exception {
        Node a = node("a");
        var result = a.machine().applyTransaction(entry(a.machine(), 1,
                "{\"v\":1,\"type\":\"DropEverything\",\"data\":{}}".getBytes()));
        assertTrue(result.isCompletedExceptionally());
        assertEquals(1, fatal.size());
        assertTrue(fatal.get(0).contains("unknown command type \"DropEverything\""), fatal.get(0));
        assertEquals(null, a.machine().getLastAppliedTermIndex() == null ? null
                : a.machine().getLastAppliedTermIndex().getIndex() > 0 ? "advanced" : null);
    }
}
