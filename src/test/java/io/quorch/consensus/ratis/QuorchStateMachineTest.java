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
    /** The id of the node's own submitter, the only client the state machines accept. */
    private static final org.apache.ratis.protocol.ClientId LOCAL = org.apache.ratis.protocol.ClientId.randomId();

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
        return node(name, c -> c);
    }

    /** A node whose candidate store is wrapped (to make it fail on purpose). */
    private Node node(String name, java.util.function.UnaryOperator<io.quorch.store.CandidateStore> candidates)
            throws Exception {
        SqliteDialect dialect = new SqliteDialect(dir.resolve(name + "/quorch.db"));
        AgroalDataSource pool = BackendProducer.pool(dialect, "", "", 2);
        pools.add(pool);
        Jdbc jdbc = new Jdbc(pool);
        new SchemaMigrator(jdbc, dialect, Migrations.all()).migrate();
        var applier = new CommandApplier(new SqlInstanceStore(jdbc, dialect, JsonSettings.standalone()),
                new SqlDiscoveryStore(jdbc, dialect),
                new SqlClusterAliasStore(jdbc, dialect), new SqlDowntimeStore(jdbc, dialect),
                candidates.apply(new SqlCandidateStore(jdbc, dialect)), new SqlRecoveryStore(jdbc, dialect, JsonSettings.standalone()),
                new SqlNodeStateStore(jdbc, dialect), new SqlReplicatedStateStore(jdbc, dialect), event -> {
                });
        QuorchStateMachine sm = new QuorchStateMachine(applier, new SqlReplicatedStateStore(jdbc, dialect), fatal::add,
                leader -> {
                }, LOCAL, java.time.Duration.ofSeconds(2));
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

    private static void apply(Node n, long index, ReplicatedCommand c) throws Exception {
        n.machine().applyTransaction(entry(n.machine(), index, CommandCodec.encode(c))).get();
    }

    private static ReplicatedCommand candidate(String host) {
        return new ReplicatedCommand.RegisterCandidate(new InstanceKey(host, 3306), PromotionRule.PREFER,
                Instant.parse("2026-11-26T12:00:00Z"));
    }

    private static org.apache.ratis.protocol.RaftClientRequest request(byte[] data) {
        return request(LOCAL, data);
    }

    private static org.apache.ratis.protocol.RaftClientRequest request(org.apache.ratis.protocol.ClientId client,
            byte[] data) {
        return org.apache.ratis.protocol.RaftClientRequest.newBuilder()
                .setClientId(client)
                .setServerId(org.apache.ratis.protocol.RaftPeerId.valueOf("a")).setGroupId(RaftGroupId.randomId())
                .setCallId(1).setMessage(org.apache.ratis.protocol.Message.valueOf(ByteString.copyFrom(data)))
                .setType(org.apache.ratis.protocol.RaftClientRequest.writeRequestType()).build();
    }

    @Test
    void onlyTheNodesOwnSubmitterMayStartATransaction() throws Exception {
        Node a = node("a");
        byte[] command = CommandCodec.encode(candidate("db1"));
        var forged = a.machine().startTransaction(request(org.apache.ratis.protocol.ClientId.randomId(), command));
        assertTrue(forged.getException() instanceof io.quorch.consensus.InvalidCommandException,
                String.valueOf(forged.getException()));
        assertTrue(forged.getException().getMessage().contains("is not this node"), forged.getException().getMessage());
        assertEquals(null, a.machine().startTransaction(request(LOCAL, command)).getException());
        assertTrue(fatal.isEmpty(), fatal.toString());
    }

    @Test
    void theLeaderRefusesAnEntryNoNodeCouldApplyBeforeItIsAppended() throws Exception {
        Node a = node("a");
        Instant at = Instant.parse("2026-11-26T12:00:00Z");
        var good = a.machine().startTransaction(request(CommandCodec.encode(candidate("db1"))));
        assertEquals(null, good.getException());
        var overflow = a.machine().startTransaction(request(CommandCodec.encode(new ReplicatedCommand.BeginDowntime(
                new InstanceKey("db1", 3306), "ops", "why", at.plusSeconds(10_000_000_000_000_000L), at))));
        assertTrue(overflow.getException() instanceof io.quorch.consensus.InvalidCommandException,
                String.valueOf(overflow.getException()));
        assertTrue(overflow.getException().getMessage().contains("out of range"), overflow.getException().getMessage());
        var longOwner = a.machine().startTransaction(request(CommandCodec.encode(new ReplicatedCommand.BeginDowntime(
                new InstanceKey("db1", 3306), "o".repeat(129), "why", at.plusSeconds(60), at))));
        assertTrue(longOwner.getException().getMessage().contains("owner longer than 128"),
                longOwner.getException().getMessage());
        var garbage = a.machine().startTransaction(request("{\"v\":1,\"type\":\"DropAll\"}".getBytes()));
        assertTrue(garbage.getException().getMessage().contains("unknown command type"),
                garbage.getException().getMessage());
        var badHost = a.machine().startTransaction(request(("{\"v\":1,\"type\":\"Discover\",\"data\":{\"key\":"
                + "{\"hostname\":\"db1;DROP\",\"port\":3306},\"at\":\"2026-11-26T12:00:00Z\"}}").getBytes()));
        assertTrue(badHost.getException() != null);
        // unknown fields are ignored when decoding, but the entry would still carry them: its size counts
        var padded = a.machine().startTransaction(request(("{\"v\":1,\"type\":\"SetGlobalRecoveries\",\"pad\":\""
                + "x".repeat(io.quorch.consensus.SchemaLimits.ENTRY_BYTES) + "\",\"data\":{\"disabled\":true,"
                + "\"at\":\"2026-11-26T12:00:00Z\"}}").getBytes()));
        assertTrue(padded.getException() != null && padded.getException().getMessage().contains("bytes, more than"),
                String.valueOf(padded.getException()));
        assertTrue(fatal.isEmpty(), fatal.toString());
    }

    @Test
    void aFailedApplyStopsApplyingRefusesSnapshotsAndReportsOnce() throws Exception {
        Node a = node("a", real -> new io.quorch.store.CandidateStore() {
            @Override
            public void register(InstanceKey key, PromotionRule rule, Instant at) {
                if (key.hostname().equals("bad")) {
                    throw new io.quorch.store.StoreException(new java.sql.SQLException(
                            "Data too long for column 'hostname'", "22001", 1406));
                }
                real.register(key, rule, at);
            }

            @Override
            public java.util.Map<InstanceKey, PromotionRule> registeredSince(Instant since) {
                return real.registeredSince(since);
            }
        });
        apply(a, 1, candidate("db1"));
        apply(a, 2, candidate("db2"));
        assertEquals(2, a.machine().takeSnapshot());
        var failed = a.machine().applyTransaction(entry(a.machine(), 3, CommandCodec.encode(candidate("bad"))));
        assertTrue(failed.isCompletedExceptionally());
        var later = a.machine().applyTransaction(entry(a.machine(), 4, CommandCodec.encode(candidate("db4"))));
        assertTrue(later.isCompletedExceptionally(), "nothing after the failed entry is applied");
        assertEquals(2, count(a.jdbc(), "candidate_database_instance"));
        assertEquals(TermIndex.valueOf(1, 2), a.machine().getLastAppliedTermIndex());
        assertEquals(1, fatal.size(), fatal.toString());
        assertTrue(fatal.get(0).contains("(t:1, i:3)") && fatal.get(0).contains("Data too long"), fatal.get(0));
        assertTrue(a.machine().applyFailure().isPresent());
        var refused = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> a.machine().takeSnapshot());
        assertTrue(refused.getMessage().contains("stopped applying"), refused.getMessage());
        try (var files = Files.walk(raftDir("a"))) {
            assertEquals(List.of("snapshot.1_2"), files.map(f -> f.getFileName().toString())
                    .filter(f -> f.startsWith("snapshot.") && !f.endsWith(".md5")).toList(),
                    "no snapshot past the failed entry");
        }
    }

    @Test
    void aBusyBackendIsRetriedUntilTheWriteWorks() throws Exception {
        int[] busy = { 3 };
        Node a = node("a", real -> new io.quorch.store.CandidateStore() {
            @Override
            public void register(InstanceKey key, PromotionRule rule, Instant at) {
                if (busy[0]-- > 0) {
                    throw new io.quorch.store.StoreException(new java.sql.SQLException(
                            "[SQLITE_BUSY] The database file is locked", null, 5));
                }
                real.register(key, rule, at);
            }

            @Override
            public java.util.Map<InstanceKey, PromotionRule> registeredSince(Instant since) {
                return real.registeredSince(since);
            }
        });
        apply(a, 1, candidate("db1"));
        assertEquals(1, count(a.jdbc(), "candidate_database_instance"));
        assertEquals(TermIndex.valueOf(1, 1), a.machine().getLastAppliedTermIndex());
        assertTrue(fatal.isEmpty(), fatal.toString());
    }

    @Test
    void aBackendBusyForLongerThanTheRetryTimeIsARealFailure() throws Exception {
        Node a = node("a", real -> new io.quorch.store.CandidateStore() {
            @Override
            public void register(InstanceKey key, PromotionRule rule, Instant at) {
                throw new io.quorch.store.StoreException(new java.sql.SQLException("database is locked", null, 6));
            }

            @Override
            public java.util.Map<InstanceKey, PromotionRule> registeredSince(Instant since) {
                return real.registeredSince(since);
            }
        });
        long start = System.nanoTime();
        var result = a.machine().applyTransaction(entry(a.machine(), 1, CommandCodec.encode(candidate("db1"))));
        assertTrue(result.isCompletedExceptionally());
        assertTrue(System.nanoTime() - start >= 1_000_000_000L, "retried for a while first");
        assertEquals(1, fatal.size(), fatal.toString());
    }

    @Test
    void aFollowerThatCatchesUpFromASnapshotStillForgetsWhatTheGroupForgot() throws Exception {
        Instant at = Instant.parse("2026-11-26T12:00:00Z");
        InstanceKey db7 = new InstanceKey("db7", 3306);
        Node b = node("b");
        apply(b, 1, candidate("db1"));
        // b discovered db7 itself, then fell behind
        b.jdbc().update("INSERT INTO database_instance (hostname, port, details) VALUES ('db7', 3306, '{}')");
        b.jdbc().update("INSERT INTO database_instance (hostname, port, details) VALUES ('db8', 3306, '{}')");

        Node a = node("a");
        apply(a, 1, candidate("db1"));
        apply(a, 2, new ReplicatedCommand.Forget(db7, at));
        apply(a, 3, candidate("db3"));
        assertEquals(3, a.machine().takeSnapshot());

        copySnapshot("a", "b");
        b.machine().reinitialize();
        assertEquals(TermIndex.valueOf(1, 3), b.machine().getLastAppliedTermIndex());
        assertEquals(2, count(b.jdbc(), "candidate_database_instance"));
        assertEquals(List.of("db8"), b.jdbc().query("SELECT hostname FROM database_instance", rs -> rs.getString(1)),
                "the forget compacted into the snapshot reached b; what b discovered otherwise stays");
        assertTrue(fatal.isEmpty(), fatal.toString());
    }

    @Test
    void aNodeThatStoppedRightAfterTheLeaderSentASnapshotStillAppliesItsForgetsAtStartup() throws Exception {
        Instant at = Instant.parse("2026-11-26T12:00:00Z");
        Node b = node("b");
        apply(b, 1, candidate("db1"));
        assertEquals(1, b.machine().takeSnapshot());
        b.jdbc().update("INSERT INTO database_instance (hostname, port, details) VALUES ('db7', 3306, '{}')");

        Node a = node("a");
        apply(a, 1, candidate("db1"));
        apply(a, 2, new ReplicatedCommand.Forget(new InstanceKey("db7", 3306), at));
        assertEquals(2, a.machine().takeSnapshot());

        // the leader's snapshot landed in b's storage, then b stopped before restoring it
        copySnapshot("a", "b");
        storages.remove(storages.size() - 2).close();
        Node restarted = node("b");
        assertEquals(TermIndex.valueOf(1, 2), restarted.machine().getLastAppliedTermIndex());
        assertEquals(0, count(restarted.jdbc(), "database_instance"), "the forget reached b at startup");

        // its own snapshot at startup applies nothing again
        restarted.jdbc().update("INSERT INTO database_instance (hostname, port, details) VALUES ('db7', 3306, '{}')");
        storages.remove(storages.size() - 1).close();
        Node again = node("b");
        assertEquals(1, count(again.jdbc(), "database_instance"), "rediscovered later, kept across restarts");
        assertTrue(fatal.isEmpty(), fatal.toString());
    }
}
