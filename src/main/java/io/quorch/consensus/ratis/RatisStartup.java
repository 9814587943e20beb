package io.quorch.consensus.ratis;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.util.ExitUtils;
import org.apache.ratis.util.TimeDuration;
import org.jboss.logging.Logger;

import io.quorch.config.ConfigRules;
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
     * What can be checked at once, before the server starts: the members, the raft TLS files
     * (a {@link io.quorch.config.ConfigProblemsException} naming the key), and that the raft port
     * can be bound (a {@link RaftStartupException} naming the problem).
     */
    public static RatisMembers preflight(RaftConfig config) {
        RatisMembers members;
        try {
            members = RatisMembers.of(config);
        } catch (RuntimeException e) {
            throw new RaftStartupException("raft: " + e.getMessage(), e);
        }
        RaftTls.of(config.tls());
        // Ratis would otherwise end the process itself (System.exit) when its server cannot start
        ExitUtils.disableSystemExit();
        checkBindable(members);
        return members;
    }

    /** The one startup line on how raft traffic is protected: mutual TLS, or a warning that it is plain. */
    public static void logTransport(RaftConfig config) {
        String bind = config.bind().orElse("");
        if (ConfigRules.raftTlsEnabled(config.tls())) {
            LOG.infof("raft: peer traffic on %s (RaftBind) uses mutual TLS: every member and raft client must present"
                    + " a certificate signed by %s (RaftTLSCAFile)", bind, config.tls().caFile().orElse("").trim());
        } else {
            LOG.warnf("raft: peer traffic on %s (RaftBind) is plain, unauthenticated gRPC (RaftTLSCertFile,"
                    + " RaftTLSKeyFile and RaftTLSCAFile are not set): anyone who reaches that port can write to"
                    + " the group's log or change its membership; keep it on a private network that only the"
                    + " group's nodes reach", bind);
        }
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
        Optional<RaftTls> tls = RaftTls.of(config.tls());
        // the server and every client of this node: mutual TLS, or plain gRPC
        Parameters parameters = tls.map(RaftTls::parameters).orElseGet(Parameters::new);
        // random per process: only this node's own submitter may append to the log
        ClientId localClient = ClientId.randomId();
        Holder holder = new Holder();
        QuorchStateMachine stateMachine = new QuorchStateMachine(applier, state, fatal, leader -> {
            RatisConsensus c = holder.consensus;
            if (c != null) {
                c.leaderChanged(leader);
            }
        }, localClient);
        try {
            Files.createDirectories(dir);
            RaftServer server = RaftServer.newBuilder().setServerId(self).setGroup(group)
                    .setStateMachine(stateMachine).setProperties(p).setParameters(parameters)
                    .setOption(existing ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
                    .build();
            server.start();
            RaftClient client = RaftClient.newBuilder().setProperties(p).setParameters(parameters)
                    .setRaftGroup(group).setLeaderId(self)
                    .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(3,
                            TimeDuration.valueOf(100, TimeUnit.MILLISECONDS)))
                    .build();
            RatisConsensus consensus = new RatisConsensus(members, server, client, nodeState, httpUri,
                    config.electionTimeoutMillis(), localClient, tls);
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
