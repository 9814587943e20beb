package io.quorch.consensus.ratis;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;

import io.quorch.consensus.CommandCodec;
import io.quorch.consensus.CommandRejectedException;
import io.quorch.consensus.ReplicatedCommand;
import io.quorch.domain.Errors;

/**
 * Puts commands into the log through the local server and returns once they are applied here;
 * only a leader with its lease submits. Its client id is the only one the state machine accepts
 * entries from ({@link QuorchStateMachine#startTransaction}).
 */
final class RatisSubmitter {

    private static final long REQUEST_TIMEOUT_MILLIS = RatisProperties.REQUEST_TIMEOUT_MILLIS;

    private final RaftServer server;
    private final LeaderLease lease;
    private final BooleanSupplier isLeader;
    private final ClientId localClient;
    private final AtomicLong callIds = new AtomicLong();

    /** isLeader: the node's full leadership test (lease and published address); localClient: this process' id. */
    RatisSubmitter(RaftServer server, LeaderLease lease, BooleanSupplier isLeader, ClientId localClient) {
        this.server = server;
        this.lease = lease;
        this.isLeader = isLeader;
        this.localClient = localClient;
    }

    /** Replicates the command if this node leads; leaderAddress names the leader in the refusal. */
    void submit(ReplicatedCommand command, Supplier<String> leaderAddress) {
        if (!isLeader.getAsBoolean() && !awaitLeadership()) {
            throw new CommandRejectedException("this node is not the raft leader (leader: " + leaderAddress.get()
                    + "); nothing was applied", null);
        }
        replicate(command);
    }

    /**
     * A leader whose lease lapsed for a moment (a pause on a busy machine delayed the heartbeats), or a node
     * in the middle of an election (no leader known), waits up to the longest election timeout: the lease may
     * come back, or this node may be elected, and the request is then taken rather than refused. It stops
     * waiting as soon as another node is known to lead; the refusal then names that node.
     */
    private boolean awaitLeadership() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(lease.electionTimeoutMaxMillis());
        while (undecided() && System.nanoTime() < deadline) {
            sleep(10);
            if (isLeader.getAsBoolean()) {
                return true;
            }
        }
        return false;
    }

    /** This node leads by raft (its lease or its address may still be missing), or no node is known to lead. */
    private boolean undecided() {
        var info = RatisGroup.info(server);
        return info.isAlive() && (info.isLeader() || info.getLeaderId() == null);
    }

    /** Submits straight to the local server (no RPC to itself) and waits until the command is applied here. */
    void replicate(ReplicatedCommand command) {
        RaftClientRequest request = RaftClientRequest.newBuilder().setClientId(localClient)
                .setServerId(server.getId()).setGroupId(RatisGroup.ID).setCallId(callIds.incrementAndGet())
                .setMessage(Message.valueOf(ByteString.copyFrom(CommandCodec.encode(command))))
                .setType(RaftClientRequest.writeRequestType()).setTimeoutMs(REQUEST_TIMEOUT_MILLIS).build();
        RaftClientReply reply;
        try {
            reply = server.submitClientRequestAsync(request).get(REQUEST_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandRejectedException("raft: " + command.getClass().getSimpleName()
                    + " not committed: interrupted", e);
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw new CommandRejectedException("raft: " + command.getClass().getSimpleName() + " not committed: "
                    + (e instanceof TimeoutException ? "no commit within "
                            + REQUEST_TIMEOUT_MILLIS + " ms" : Errors.rootMessage(e)), e);
        }
        if (!reply.isSuccess()) {
            throw new CommandRejectedException("raft: " + command.getClass().getSimpleName() + " not committed: "
                    + (reply.getException() == null ? "unknown" : reply.getException().getMessage()),
                    reply.getException());
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
