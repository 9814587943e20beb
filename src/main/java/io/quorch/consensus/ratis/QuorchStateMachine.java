package io.quorch.consensus.ratis;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.MD5FileUtil;
import org.jboss.logging.Logger;

import io.quorch.consensus.CommandApplier;
import io.quorch.consensus.CommandCodec;
import io.quorch.consensus.CommandValidator;
import io.quorch.consensus.InvalidCommandException;
import io.quorch.consensus.ReplicatedCommand;
import io.quorch.consensus.SchemaLimits;
import io.quorch.consensus.TransientStoreErrors;
import io.quorch.store.ReplicatedStateStore;

/**
 * Applies committed commands to this node's backend, and nothing else: no MySQL, no clock, no
 * network. The leader refuses a command no node could apply before it enters the log, and any
 * request that does not come from this node's own submitter (a raft client of someone else's).
 *
 * <p>When applying fails: a transient backend error (busy, locked, a connection lost for a moment)
 * is retried with backoff for a bounded time. Any other failure stops applying for good: that
 * entry and every later one fail, the applied index never moves past the last good entry, no
 * snapshot is taken, the node reports itself unhealthy, and it is told to stop (so it can be
 * rebuilt from the leader) rather than diverge.
 *
 * <p>Snapshots hold the replicated tables and the applied index, streamed to a temporary file in a
 * versioned format ({@link SnapshotFile}), checksummed and renamed into place. Ratis takes them on
 * its apply thread and treats the returned index as durable, so they are written synchronously.
 */
public final class QuorchStateMachine extends BaseStateMachine {

    private static final Logger LOG = Logger.getLogger(QuorchStateMachine.class);
    /** How long a transient backend error is retried before it counts as a real failure. */
    static final Duration DEFAULT_RETRY = Duration.ofSeconds(30);
    /** Restoring at startup: which forgets this node applied comes from its own record. */
    private static final long OWN_RECORD = Long.MIN_VALUE;

    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
    private final CommandApplier applier;
    private final ReplicatedStateStore state;
    private final Consumer<String> fatal;
    private final Consumer<RaftPeerId> leaderChanged;
    private final Duration retryFor;
    private final ClientId localClient;
    private volatile String failure;

    /** localClient: the id this process' {@link RatisSubmitter} submits with, the only one accepted. */
    public QuorchStateMachine(CommandApplier applier, ReplicatedStateStore state, Consumer<String> fatal,
            Consumer<RaftPeerId> leaderChanged, ClientId localClient) {
        this(applier, state, fatal, leaderChanged, localClient, DEFAULT_RETRY);
    }

    QuorchStateMachine(CommandApplier applier, ReplicatedStateStore state, Consumer<String> fatal,
            Consumer<RaftPeerId> leaderChanged, ClientId localClient, Duration retryFor) {
        this.localClient = localClient;
        this.applier = applier;
        this.state = state;
        this.fatal = fatal;
        this.leaderChanged = leaderChanged;
        this.retryFor = retryFor;
    }

    /** Why this node stopped applying the log, if it did; it is then unhealthy until it exits. */
    public Optional<String> applyFailure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        storage.init(raftStorage);
        // forgets in a snapshot this node took itself are applied already; in one the leader sent just
        // before this node stopped, perhaps not: the node's own record tells
        getLifeCycle().startAndTransition(() -> loadLatestSnapshot(OWN_RECORD), IOException.class);
    }

    /** Ratis pauses the state machine before it installs a snapshot sent by the leader. */
    @Override
    public void pause() {
        getLifeCycle().transition(LifeCycle.State.PAUSING);
        getLifeCycle().transition(LifeCycle.State.PAUSED);
    }

    /** After the leader installed a snapshot: load it, apply the forgets this node missed, and run again. */
    @Override
    public void reinitialize() throws IOException {
        TermIndex before = getLastAppliedTermIndex();
        long applied = before == null ? -1 : before.getIndex();
        try {
            if (getLifeCycleState() == LifeCycle.State.PAUSED) {
                getLifeCycle().transition(LifeCycle.State.STARTING);
                loadLatestSnapshot(applied);
                getLifeCycle().transition(LifeCycle.State.RUNNING);
            } else {
                loadLatestSnapshot(applied);
            }
        } catch (IOException | RuntimeException e) {
            fail("cannot restore the snapshot the leader sent: " + e.getMessage());
            throw e;
        }
    }

    /**
     * Restores the latest snapshot; forgets recorded after appliedBefore are applied to discovered
     * instances ({@link #OWN_RECORD}: as far as this node's own record says it applied them).
     */
    private void loadLatestSnapshot(long appliedBefore) throws IOException {
        SingleFileSnapshotInfo snapshot = storage.loadLatestSnapshot();
        if (snapshot == null) {
            return;
        }
        Path file = snapshot.getFile().getPath();
        if (!Files.exists(file)) {
            LOG.warnf("snapshot file %s is missing", file);
            return;
        }
        MD5Hash md5 = snapshot.getFile().getFileDigest();
        if (md5 != null) {
            MD5FileUtil.verifySavedMD5(file.toFile(), md5);
        }
        TermIndex applied = SimpleStateMachineStorage.getTermIndexFromSnapshotFile(file.toFile());
        SnapshotFile.read(file, state);
        long forgetsApplied = appliedBefore != OWN_RECORD ? appliedBefore
                : applier.forgetsAppliedThrough().orElse(applied.getIndex());
        if (forgetsApplied < applied.getIndex()) {
            applier.applyForgottenAfter(forgetsApplied);
        }
        applier.markForgetsAppliedThrough(applied.getIndex());
        updateLastAppliedTermIndex(applied);
        LOG.infof("restored replicated state from snapshot at %s", applied);
    }

    @Override
    public SimpleStateMachineStorage getStateMachineStorage() {
        return storage;
    }

    @Override
    public long takeSnapshot() throws IOException {
        String failed = failure;
        if (failed != null) {
            throw new IOException("no snapshot: this node stopped applying the log: " + failed);
        }
        TermIndex applied = getLastAppliedTermIndex();
        if (applied == null || applied.getIndex() < 0) {
            return RaftLog.INVALID_LOG_INDEX;
        }
        File target = storage.getSnapshotFile(applied.getTerm(), applied.getIndex());
        Path tmp = target.toPath().resolveSibling(target.getName() + ".tmp");
        try {
            SnapshotFile.write(tmp, state);
            Files.move(tmp, target.toPath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(target);
        storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(target.toPath(), md5), applied));
        applier.markForgetsAppliedThrough(applied.getIndex());
        LOG.infof("snapshot taken at %s", applied);
        return applied.getIndex();
    }

    /**
     * On the leader, before an entry is appended: only this node submits to its log (through its own
     * API, after its checks), so a request from any other raft client is refused, whatever it holds;
     * and a command no node could apply is refused here, so it is never committed.
     */
    @Override
    public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
        TransactionContext trx = super.startTransaction(request);
        if (!localClient.equals(request.getClientId())) {
            LOG.warnf("raft: refused a request of raft client %s: only this node submits to the log",
                    request.getClientId());
            trx.setException(new InvalidCommandException("invalid command: raft client " + request.getClientId()
                    + " is not this node; changes are made through the HTTP API of a quorch node, nothing was"
                    + " appended"));
            return trx;
        }
        int size = request.getMessage().getContent().size();
        if (size > SchemaLimits.ENTRY_BYTES) {
            trx.setException(new InvalidCommandException("invalid command: " + size + " bytes, more than "
                    + SchemaLimits.ENTRY_BYTES));
            return trx;
        }
        try {
            CommandValidator.validate(CommandCodec.decode(request.getMessage().getContent().toByteArray()));
        } catch (InvalidCommandException e) {
            trx.setException(e);
        } catch (CommandCodec.CorruptCommandException e) {
            trx.setException(new InvalidCommandException("invalid command: " + e.getMessage()));
        }
        return trx;
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        TermIndex termIndex = TermIndex.valueOf(entry);
        String failed = failure;
        if (failed != null) {
            return CompletableFuture.failedFuture(new IllegalStateException("raft log entry " + termIndex
                    + " not applied: this node stopped applying at an earlier entry: " + failed));
        }
        byte[] data = entry.getStateMachineLogEntry().getLogData().toByteArray();
        try {
            ReplicatedCommand command = CommandCodec.decode(data);
            applyRetrying(command, termIndex);
        } catch (RuntimeException e) {
            String message = "cannot apply raft log entry " + termIndex + ": " + e.getMessage();
            fail(message);
            return CompletableFuture.failedFuture(new IllegalStateException(message, e));
        }
        updateLastAppliedTermIndex(termIndex);
        return CompletableFuture.completedFuture(Message.EMPTY);
    }

    /** Applies, retrying a transient backend error with backoff for up to retryFor. */
    private void applyRetrying(ReplicatedCommand command, TermIndex termIndex) {
        long deadline = System.nanoTime() + retryFor.toNanos();
        long pauseMillis = 20;
        for (int attempt = 1;; attempt++) {
            try {
                applier.apply(command, termIndex.getIndex());
                if (attempt > 1) {
                    LOG.infof("raft log entry %s applied after %d attempts", termIndex, attempt);
                }
                return;
            } catch (RuntimeException e) {
                if (!TransientStoreErrors.isTransient(e)
                        || System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pauseMillis) > deadline) {
                    throw e;
                }
                if (attempt == 1) {
                    LOG.warnf("applying raft log entry %s: %s; retrying for up to %d s", termIndex, e.getMessage(),
                            retryFor.toSeconds());
                }
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pauseMillis = Math.min(2000, pauseMillis * 2);
            }
        }
    }

    /** Stops applying for good (the first failure is kept) and tells the node to stop. */
    private void fail(String message) {
        synchronized (this) {
            if (failure != null) {
                return;
            }
            failure = message;
        }
        fatal.accept(message);
    }

    @Override
    public void notifyLeaderChanged(RaftGroupMemberId groupMemberId, RaftPeerId newLeaderId) {
        leaderChanged.accept(newLeaderId);
    }
}
