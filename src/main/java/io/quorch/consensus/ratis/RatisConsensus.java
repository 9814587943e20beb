package io.quorch.consensus.ratis;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.apache.ratis.client.RaftClient;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.jboss.logging.Logger;

import io.quorch.consensus.CommandApplier;
import io.quorch.consensus.CommandBus;
import io.quorch.consensus.LeadershipContext;
import io.quorch.consensus.RaftStats;
import io.quorch.consensus.ReplicatedCommand;
import io.quorch.domain.Errors;
import io.quorch.store.NodeStateStore;

/**
 * This node as a member of the raft group (Apache Ratis): the command bus replicates through the
 * log and returns once the command is applied here; leadership counts only while a majority of
 * the group still hears this node, so an isolated leader stops acting before anyone else leads.
 * Started by {@link RatisStartup}; each job is a small class of its own: {@link LeaderLease},
 * {@link LeaderUriPublisher}, {@link RatisSubmitter}, {@link RatisAdmin}, {@link LeaderGoneElection}.
 */
public final class RatisConsensus implements CommandBus, LeadershipContext, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RatisConsensus.class);

    private final RatisMembers members;
    private final RaftServer server;
    private final RaftClient client;
    private final NodeStateStore nodeState;
    private final String httpUri;
    private final LeaderLease lease;
    private final LeaderUriPublisher publisher;
    private final RatisSubmitter submitter;
    private final RatisAdmin admin;
    private final LeaderGoneElection election;
    private final RatisStats stats;

    RatisConsensus(RatisMembers members, RaftServer server, RaftClient client, NodeStateStore nodeState,
            String httpUri, long electionTimeoutMinMillis, ClientId localClient, Optional<RaftTls> tls) {
        this.members = members;
        this.server = server;
        this.client = client;
        this.nodeState = nodeState;
        this.httpUri = httpUri;
        this.lease = new LeaderLease(server, members, electionTimeoutMinMillis);
        this.submitter = new RatisSubmitter(server, lease, this::isLeader, localClient);
        this.publisher = new LeaderUriPublisher(server, members, lease, httpUri, submitter::replicate);
        this.admin = new RatisAdmin(client, members, lease);
        this.election = LeaderGoneElection.of(server, members, lease.electionTimeoutMaxMillis(), tls);
        this.stats = new RatisStats(server, members);
    }

    /** Ratis named a new leader (or none): watch it, and publish this node's address when it is this one. */
    void leaderChanged(RaftPeerId leader) {
        stats.leaderChanged(leader);
        follow(leader);
        if (members.self().getId().equals(leader)) {
            publisher.onLeadership();
        }
    }

    void follow(RaftPeerId leader) {
        election.follow(leader);
    }

    @Override
    public void submit(ReplicatedCommand command) {
        submitter.submit(command, this::leader);
    }

    /**
     * Leader, ready, a majority (counting itself) heard within the lease (below the shortest election timeout), and
     * its HTTP address published for this term (so followers can proxy to it).
     */
    @Override
    public boolean isLeader() {
        return applying() && lease.leadsWithMajority() && publisher.publishedForCurrentTerm();
    }

    /** False once this node stopped applying the log (it is about to exit): neither leader nor healthy then. */
    private boolean applying() {
        try {
            return RatisGroup.division(server).getStateMachine() instanceof QuorchStateMachine m
                    && m.applyFailure().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private RaftPeer currentLeader() {
        RaftPeerId id = RatisGroup.info(server).getLeaderId();
        return id == null ? null : members.peers().stream().filter(p -> p.getId().equals(id)).findFirst().orElse(null);
    }

    @Override
    public String leader() {
        RaftPeer leader = currentLeader();
        return leader == null ? "" : leader.getAddress();
    }

    /**
     * The leader's HTTP address: this node's own when it leads, else the one the leader published
     * through the log (SetLeaderUri, kept under {@link CommandApplier#LEADER_URI} as "id uri"),
     * only while it names the current leader.
     */
    @Override
    public Optional<String> leaderUri() {
        RaftPeer leader = currentLeader();
        if (leader == null) {
            return Optional.empty();
        }
        if (leader.getId().equals(members.self().getId())) {
            return Optional.of(httpUri);
        }
        return nodeState.get(CommandApplier.LEADER_URI).map(v -> v.split(" ", 2))
                .filter(v -> v.length == 2 && v[0].equals(leader.getId().toString())).map(v -> v[1]);
    }

    @Override
    public boolean healthy() {
        return applying() && lease.healthy();
    }

    @Override
    public String state() {
        var info = RatisGroup.info(server);
        if (!info.isAlive()) {
            return "Shutdown";
        }
        RaftPeerRole role = info.getCurrentRole();
        return switch (role) {
            case LEADER -> "Leader";
            case FOLLOWER -> "Follower";
            case CANDIDATE -> "Candidate";
            default -> role.name();
        };
    }

    @Override
    public List<String> peers() {
        return members.peers().stream().map(RaftPeer::getAddress).toList();
    }

    @Override
    public String self() {
        return members.self().getAddress();
    }

    @Override
    public List<String> healthyMembers() {
        return lease.healthyMembers();
    }

    @Override
    public boolean yieldTo(Optional<String> target) {
        return admin.yieldTo(target);
    }

    @Override
    public long snapshot() {
        return admin.snapshot();
    }

    @Override
    public Optional<RaftStats> raftStats() {
        return Optional.of(stats.read());
    }

    /** Closes the client and server, but never holds shutdown up for more than a few seconds. */
    @Override
    public void close() throws InterruptedException {
        election.close();
        Thread closer = Thread.ofPlatform().daemon(true).name("quorch-raft-close").start(() -> {
            try {
                client.close();
                server.close();
            } catch (IOException | RuntimeException e) {
                LOG.warnf("raft: closing: %s", Errors.rootMessage(e));
            }
        });
        closer.join(3000);
    }
}
