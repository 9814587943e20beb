package io.quorch.consensus.ratis;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
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

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quorch.consensus.CommandApplier;
import io.quorch.consensus.CommandCodec;
import io.quorch.consensus.ReplicatedCommand;
import io.quorch.store.ReplicatedStateStore;

/**
 * Applies committed commands to this node's backend, and nothing else: no MySQL, no clock, no
 * network. A log entry that cannot be decoded or applied stops the node rather than letting its
 * backend diverge. Snapshots hold the replicated tables and the applied index, written to a
 * temporary file, checksummed and renamed into place.
 */
public final class QuorchStateMachine extends BaseStateMachine {

    private static final Logger LOG = Logger.getLogger(QuorchStateMachine.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
    private final CommandApplier applier;
    private final ReplicatedStateStore state;
    private final Consumer<String> fatal;
    private final Consumer<RaftPeerId> leaderChanged;

    public QuorchStateMachine(CommandApplier applier, ReplicatedStateStore state, Consumer<String> fatal,
            Consumer<RaftPeerId> leaderChanged) {
        this.applier = applier;
        this.state = state;
        this.fatal = fatal;
        this.leaderChanged = leaderChanged;
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        storage.init(raftStorage);
        getLifeCycle().startAndTransition(this::loadLatestSnapshot, IOException.class);
    }

    /** Ratis pauses the state machine before it installs a snapshot sent by the leader. */
    @Override
    public void pause() {
        getLifeCycle().transition(LifeCycle.State.PAUSING);
        getLifeCycle().transition(LifeCycle.State.PAUSED);
    }

    /** After the leader installed a snapshot: load it and run again. */
    @Override
    public void reinitialize() throws IOException {
        if (getLifeCycleState() == LifeCycle.State.PAUSED) {
            getLifeCycle().transition(LifeCycle.State.STARTING);
            loadLatestSnapshot();
            getLifeCycle().transition(LifeCycle.State.RUNNING);
        } else {
            loadLatestSnapshot();
        }
    }

    private void loadLatestSnapshot() throws IOException {
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
        Map<String, List<Map<String, Object>>> tables = JSON.readValue(file.toFile(),
                new TypeReference<Map<String, List<Map<String, Object>>>>() {
                });
        state.restore(tables);
        updateLastAppliedTermIndex(applied);
        LOG.infof("restored replicated state from snapshot at %s", applied);
    }

    @Override
    public SimpleStateMachineStorage getStateMachineStorage() {
        return storage;
    }

    @Override
    public long takeSnapshot() throws IOException {
        TermIndex applied = getLastAppliedTermIndex();
        if (applied == null || applied.getIndex() < 0) {
            return RaftLog.INVALID_LOG_INDEX;
        }
        File target = storage.getSnapshotFile(applied.getTerm(), applied.getIndex());
        Path tmp = target.toPath().resolveSibling(target.getName() + ".tmp");
        JSON.writeValue(tmp.toFile(), state.export());
        Files.move(tmp, target.toPath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(target);
        storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(target.toPath(), md5), applied));
        LOG.infof("snapshot taken at %s", applied);
        return applied.getIndex();
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        TermIndex termIndex = TermIndex.valueOf(entry);
        byte[] data = entry.getStateMachineLogEntry().getLogData().toByteArray();
        try {
            ReplicatedCommand command = CommandCodec.decode(data);
            applier.apply(command);
        } catch (RuntimeException e) {
            String message = "cannot apply raft log entry " + termIndex + ": " + e.getMessage();
            fatal.accept(message);
            return CompletableFuture.failedFuture(new IllegalStateException(message, e));
        }
        updateLastAppliedTermIndex(termIndex);
        return CompletableFuture.completedFuture(Message.EMPTY);
    }

    @Override
    public void notifyLeaderChanged(RaftGroupMemberId groupMemberId, RaftPeerId newLeaderId) {
        leaderChanged.accept(newLeaderId);
    }
}
