package io.quorch.consensus.ratis;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.quorch.consensus.CommandBus;
import io.quorch.consensus.CommandRejectedException;
import io.quorch.consensus.Consensus;
import io.quorch.consensus.LeadershipContext;
import io.quorch.consensus.RaftStats;
import io.quorch.consensus.ReplicatedCommand;

/**
 * This node's raft membership while its Ratis server starts in the background, so that starting
 * raft never holds up the HTTP API (health answers at once; raft-health is 500 until the group
 * has a leader). Until the server runs, the node is an unhealthy follower that refuses commands;
 * then every call goes to the running {@link RatisConsensus}.
 */
public final class StartingRaft implements Consensus, CommandBus, LeadershipContext {

    private static final Logger LOG = Logger.getLogger(StartingRaft.class);

    private final RatisMembers members;
    private final Supplier<RatisConsensus> starter;
    private volatile RatisConsensus running;
    private volatile boolean closed;

    /** members come from {@link RatisStartup#preflight}; starter starts the server. */
    public StartingRaft(RatisMembers members, Supplier<RatisConsensus> starter) {
        this.members = members;
        this.starter = starter;
    }

    @Override
    public CommandBus bus() {
        return this;
    }

    @Override
    public LeadershipContext leadership() {
        return this;
    }

    /** Starts the server on a thread of its own; a failure goes to failed (which ends the process). */
    @Override
    public void start(Consumer<RuntimeException> failed) {
        Thread.ofPlatform().name("quorch-raft-start").start(() -> {
            try {
                RatisConsensus c = starter.get();
                synchronized (this) {
                    if (closed) {
                        closeQuietly(c);
                        return;
                    }
                    running = c;
                }
                LOG.infof("consensus: %s", c.state());
            } catch (RuntimeException e) {
                failed.accept(e);
            }
        });
    }

    @Override
    public void submit(ReplicatedCommand command) {
        RatisConsensus c = running;
        if (c == null) {
            throw new CommandRejectedException("the raft server of this node is still starting; nothing was applied",
                    null);
        }
        c.submit(command);
    }

    /** What the running server says, or what a node still starting says. */
    private <T> T running(Function<RatisConsensus, T> ask, T starting) {
        RatisConsensus c = running;
        return c == null ? starting : ask.apply(c);
    }

    @Override
    public boolean isLeader() {
        return running(RatisConsensus::isLeader, false);
    }

    @Override
    public String leader() {
        return running(RatisConsensus::leader, "");
    }

    @Override
    public boolean healthy() {
        return running(RatisConsensus::healthy, false);
    }

    @Override
    public String state() {
        return running(RatisConsensus::state, "Starting");
    }

    @Override
    public Optional<String> leaderUri() {
        return running(RatisConsensus::leaderUri, Optional.empty());
    }

    @Override
    public List<String> peers() {
        return members.peers().stream().map(p -> p.getAddress()).toList();
    }

    @Override
    public String self() {
        return members.self().getAddress();
    }

    @Override
    public List<String> healthyMembers() {
        return running(RatisConsensus::healthyMembers, List.of());
    }

    @Override
    public boolean yieldTo(Optional<String> target) {
        return running(c -> c.yieldTo(target), false);
    }

    @Override
    public long snapshot() {
        return running(RatisConsensus::snapshot, -1L);
    }

    @Override
    public Optional<RaftStats> raftStats() {
        return running(RatisConsensus::raftStats, Optional.empty());
    }

    /** Stops the server (once; later calls do nothing). */
    @Override
    public void close() throws InterruptedException {
        RatisConsensus c;
        synchronized (this) {
            closed = true;
            c = running;
            running = null;
        }
        if (c != null) {
            c.close();
        }
    }

    private static void closeQuietly(RatisConsensus c) {
        try {
            c.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
