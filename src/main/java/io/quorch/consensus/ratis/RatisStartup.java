package io.quorch.consensus.ratis;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.util.ExitUtils;
import org.apache.ratis.util.TimeDuration;
import org.jboss.logging.Logger;

import io.quorch.config.RaftConfig;
import io.quorch.consensus.CommandApplier;
import io.quorch.domain.Errors;
import io.quorch.store.NodeStateStore;
import io.quorch.store.ReplicatedStateStore;

/** Checks what can be checked before the Ratis server starts, then starts it. */
public final class RatisStartup {

    private static final Logger LOG = Logger.getLogger(RatisStartup.class);

    private RatisStartup() {
    }

    /**
     * What can be checked at once, before the server starts: the members, and that the raft port
     * can be bound. Throws {@link RaftStartupException} naming the problem.
     */
    public static RatisMembers preflight(RaftConfig config) {
        RatisMembers members;
        try {
            members = RatisMembers.of(config);
        } catch (RuntimeException e) {
            throw new RaftStartupException("raft: " + e.getMessage(), e);
        }
        // Ratis would otherwise end the process itself (System.exit) when its server cannot start
        ExitUtils.disableSystemExit();
        checkBindable(members);
        return members;
    }

    private static void checkBindable(RatisMembers members) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(members.bindHost(), members.bindPort()));
        } catch (IOException e) {
            throw new RaftStartupException("raft: cannot start the raft server on " + members.bindHost() + ":"
                    + members.bindPort() + " (RaftBind): " + Errors.rootMessage(e), e);
        }
    }

    /** Starts the Ratis server; throws {@link RaftStartupException} naming what went wrong. */
    public static RatisConsensus start(RaftConfig config, CommandApplier applier, ReplicatedStateStore state,
            NodeStateStore nodeState, String httpUri, Consumer<String> fatal) {
        RatisMembers members = preflight(config);
        Path dir = Path.of(config.dataDir().orElseThrow());
        RaftProperties p = RatisProperties.of(config, members, dir);
        RaftGroup group = RaftGroup.valueOf(RatisGroup.ID, members.peers());
        RaftPeerId self = members.self().getId();
        boolean existing = Files.isDirectory(dir.resolve(RatisGroup.ID.getUuid().toString()));
        Holder holder = new Holder();
        QuorchStateMachine stateMachine = new QuorchStateMachine(applier, state, fatal, leader -> {
            RatisConsensus c = holder.consensus;
            if (c != null) {
                c.leaderChanged(leader);
            }
        });
        try {
            Files.createDirectories(dir);
            RaftServer server = RaftServer.newBuilder().setServerId(self).setGroup(group)
                    .setStateMachine(stateMachine).setProperties(p)
                    .setOption(existing ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
                    .build();
            server.start();
            RaftClient client = RaftClient.newBuilder().setProperties(p).setRaftGroup(group).setLeaderId(self)
                    .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(3,
                            TimeDuration.valueOf(100, TimeUnit.MILLISECONDS)))
                    .build();
            RatisConsensus consensus = new RatisConsensus(members, server, client, nodeState, httpUri,
                    config.electionTimeoutMillis());
            holder.consensus = consensus;
            consensus.follow(RatisGroup.info(server).getLeaderId());
            if (!existing) {
                // a member replaced with empty storage: a leader that knew it before would send it nothing
                FreshStorageCatchUp.watch(server, client, 2L * config.electionTimeoutMillis());
            }
            LOG.infof("raft: %s started (bind %s:%d, %d members, data in %s)", self, members.bindHost(),
                    members.bindPort(), members.peers().size(), dir);
            return consensus;
        } catch (IOException | RuntimeException e) {
            throw new RaftStartupException("raft: cannot start the raft server on " + members.bindHost() + ":"
                    + members.bindPort() + " with data in " + dir + ": " + Errors.rootMessage(e), e);
        }
    }

    /** The state machine is built before the consensus it reports leader changes to. */
    private static final class Holder {
        volatile RatisConsensus consensus;
    }
}
