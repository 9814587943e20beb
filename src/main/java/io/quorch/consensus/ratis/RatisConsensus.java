package io.quorch.consensus.ratis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.TimeDuration;
import org.jboss.logging.Logger;

import io.quorch.domain.Errors;
import io.quorch.config.RaftConfig;
import io.quorch.consensus.CommandApplier;
import io.quorch.consensus.CommandBus;
import io.quorch.consensus.CommandCodec;
import io.quorch.consensus.CommandRejectedException;
import io.quorch.consensus.LeadershipContext;
import io.quorch.consensus.ReplicatedCommand;
import io.quorch.store.NodeStateStore;
import io.quorch.store.ReplicatedStateStore;

/**
 * This node as a member of the raft group (Apache Ratis): the command bus replicates through the
 * log and returns once the command is applied here; leadership counts only while a majority of
 * the group still hears this node, so an isolated leader stops acting before anyone else leads.
 */
public final class RatisConsensus implements CommandBus, LeadershipContext, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RatisConsensus.class);
    private static final RaftGroupId GROUP_ID = RaftGroupId.valueOf(
            UUID.nameUUIDFromBytes("quorch".getBytes(StandardCharsets.UTF_8)));
    private static final long REQUEST_TIMEOUT_MILLIS = 5000;

    private final RatisMembers members;
    private final RaftGroup group;
    private final RaftServer server;
    private final RaftClient client;
    private final NodeStateStore nodeState;
    private final String httpUri;
    private final long electionTimeoutMaxMillis;
    /** The term in which this node published its HTTP address as leader; followers proxy to it from then on. */
    private volatile long publishedTerm = -1;
    private final java.util.concurrent.atomic.AtomicBoolean publishing = new java.util.concurrent.atomic.AtomicBoolean();
    private final LeaderWatch watch;
    private final ClientId localClient = ClientId.randomId();
    private final java.util.concurrent.atomic.AtomicLong callIds = new java.util.concurrent.atomic.AtomicLong();
    /**
     * How recently a majority must have answered this leader for it to act: below the shortest
     * election timeout, so its followers cannot have elected another leader meanwhile, and two
     * nodes never both answer leader-check 200.
     */
    private final long leaseMillis;

    private RatisConsensus(RatisMembers members, RaftGroup group, RaftServer server, RaftClient client,
            NodeStateStore nodeState, String httpUri, long electionTimeoutMinMillis) {
        this.members = members;
        this.group = group;
        this.server = server;
        this.client = client;
        this.nodeState = nodeState;
        this.httpUri = httpUri;
        this.electionTimeoutMaxMillis = 2 * electionTimeoutMinMillis;
        this.leaseMillis = electionTimeoutMinMillis * 9 / 10;
        this.watch = new LeaderWatch(members, (int) Math.max(100, electionTimeoutMaxMillis / 4), this::leaderGone);
    }

    /**
     * The leader's process is gone: one follower starts an election now rather than after the
     * election timeout. Followers take turns in the order of their ids, each only while no one has
     * moved on from the gone leader yet, so two of them do not split the vote.
     */
    private void leaderGone(RaftPeerId gone) {
        List<RaftPeerId> turns = members.peers().stream().map(RaftPeer::getId).filter(id -> !id.equals(gone))
                .sorted(java.util.Comparator.comparing(RaftPeerId::toString)).toList();
        int turn = turns.indexOf(members.self().getId());
        sleep(turn * Math.max(50, electionTimeoutMaxMillis / 8));
        try {
            var division = server.getDivision(GROUP_ID);
            var info = division.getInfo();
            if (!info.isFollower() || !gone.equals(info.getLeaderId())) {
                return;
            }
            var last = division.getRaftLog().getLastEntryTermIndex();
            if (last == null) {
                return;
            }
            var request = org.apache.ratis.proto.RaftProtos.StartLeaderElectionRequestProto.newBuilder()
                    .setServerRequest(org.apache.ratis.proto.RaftProtos.RaftRpcRequestProto.newBuilder()
                            .setRequestorId(gone.toByteString()).setReplyId(members.self().getId().toByteString())
                            .setRaftGroupId(org.apache.ratis.proto.RaftProtos.RaftGroupIdProto.newBuilder()
                                    .setId(GROUP_ID.toByteString())))
                    .setLeaderLastEntry(last.toProto()).build();
            boolean started = server.startLeaderElection(request).getServerReply().getSuccess();
            LOG.infof("raft: %s %s an election at once (term %d)", members.self().getId(),
                    started ? "started" : "could not start", info.getCurrentTerm());
        } catch (IOException | RuntimeException e) {
            LOG.warnf("raft: starting an election after the leader's process ended: %s", Errors.rootMessage(e));
        }
    }

    /** Starts the Ratis server; throws {@link RaftStartupException} naming what went wrong. */
    public static RatisConsensus start(RaftConfig config, CommandApplier applier, ReplicatedStateStore state,
            NodeStateStore nodeState, String httpUri, Consumer<String> fatal) {
        RatisMembers members = preflight(config);
        Path dir = Path.of(config.dataDir().orElseThrow());
        long min = config.electionTimeoutMillis();
        RaftProperties p = new RaftProperties();
        RaftServerConfigKeys.setStorageDir(p, List.of(dir.toFile()));
        GrpcConfigKeys.Server.setHost(p, members.bindHost());
        GrpcConfigKeys.Server.setPort(p, members.bindPort());
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, TimeDuration.valueOf(min, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, TimeDuration.valueOf(2 * min, TimeUnit.MILLISECONDS));
        // at startup there is no leader to wait for; pre-vote keeps an early try from disturbing a running group
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(p, TimeDuration.valueOf(min / 5, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(p, TimeDuration.valueOf(min / 2, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(Math.max(3000, 4 * min),
                TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.LeaderElection.setPreVote(p, true);
        RaftServerConfigKeys.LeaderElection.setLeaderStepDownWaitTime(p,
                TimeDuration.valueOf(2 * min, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, config.snapshotThreshold());
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, 3);
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
        RaftServerConfigKeys.Log.setPurgeGap(p, Math.max(1, Math.min(1024, config.snapshotThreshold() / 2)));
        long segment = config.logSegmentSizeKib() * 1024L;
        RaftServerConfigKeys.Log.setSegmentSizeMax(p, org.apache.ratis.util.SizeInBytes.valueOf(segment));
        RaftServerConfigKeys.Log.setPreallocatedSize(p, org.apache.ratis.util.SizeInBytes.valueOf(
                Math.min(segment, 1024L * 1024)));

        RaftClientConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(REQUEST_TIMEOUT_MILLIS,
                TimeUnit.MILLISECONDS));

        RaftGroup group = RaftGroup.valueOf(GROUP_ID, members.peers());
        RaftPeerId self = members.self().getId();
        boolean existing = Files.isDirectory(dir.resolve(GROUP_ID.getUuid().toString()));
        Holder holder = new Holder();
        QuorchStateMachine stateMachine = new QuorchStateMachine(applier, state, fatal, leader -> {
            RatisConsensus c = holder.consensus;
            if (c != null) {
                c.watch.follow(leader);
                if (self.equals(leader)) {
                    c.onLeadership();
                }
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
            RatisConsensus consensus = new RatisConsensus(members, group, server, client, nodeState, httpUri, min);
            holder.consensus = consensus;
            consensus.watch.follow(server.getDivision(GROUP_ID).getInfo().getLeaderId());
            LOG.infof("raft: %s started (bind %s:%d, %d members, data in %s)", self, members.bindHost(),
                    members.bindPort(), members.peers().size(), dir);
            return consensus;
        } catch (IOException | RuntimeException e) {
            throw new RaftStartupException("raft: cannot start the raft server on " + members.bindHost() + ":"
                    + members.bindPort() + " with data in " + dir + ": " + Errors.rootMessage(e), e);
        }
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
        org.apache.ratis.util.ExitUtils.disableSystemExit();
        checkBindable(members);
        return members;
    }

    private static void checkBindable(RatisMembers members) {
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(members.bindHost(), members.bindPort()));
        } catch (IOException e) {
            throw new RaftStartupException("raft: cannot start the raft server on " + members.bindHost() + ":"
                    + members.bindPort() + " (RaftBind): " + Errors.rootMessage(e), e);
        }
    }

    private static final class Holder {
        volatile RatisConsensus consensus;
    }

    /** On taking office: once ready, publish this node's HTTP address so followers can proxy to it. */
    private void onLeadership() {
        if (!publishing.compareAndSet(false, true)) {
            return;
        }
        Thread.ofVirtual().name("quorch-raft-leader-uri").start(() -> {
            try {
                publishLeaderUri();
            } finally {
                publishing.set(false);
            }
        });
    }

    private void publishLeaderUri() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (leadsWithMajority()) {
                try {
                    long term = info().getCurrentTerm();
                    replicate(new ReplicatedCommand.SetLeaderUri(members.self().getId().toString(), httpUri,
                            Instant.now()));
                    publishedTerm = term;
                    LOG.infof("raft: %s leads (term %d)", members.self().getId(), term);
                    return;
                } catch (RuntimeException e) {
                    LOG.debugf("publishing leader URI: %s", e.getMessage());
                }
            }
            sleep(20);
        }
    }

    @Override
    public void submit(ReplicatedCommand command) {
        if (!isLeader() && !awaitLeadership()) {
            throw new CommandRejectedException("this node is not the raft leader (leader: " + leader()
                    + "); nothing was applied", null);
        }
        replicate(command);
    }

    /**
     * A leader whose lease lapsed for a moment (a pause on a busy machine delayed the heartbeats)
     * waits up to the election timeout for its followers to answer again before refusing.
     */
    private boolean awaitLeadership() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(electionTimeoutMaxMillis);
        while (info().isLeader() && System.nanoTime() < deadline) {
            sleep(10);
            if (isLeader()) {
                return true;
            }
        }
        return false;
    }

    /** Submits straight to the local server (no RPC to itself) and waits until the command is applied here. */
    private void replicate(ReplicatedCommand command) {
        RaftClientRequest request = RaftClientRequest.newBuilder().setClientId(localClient)
                .setServerId(members.self().getId()).setGroupId(GROUP_ID).setCallId(callIds.incrementAndGet())
                .setMessage(Message.valueOf(ByteString.copyFrom(CommandCodec.encode(command))))
                .setType(RaftClientRequest.writeRequestType()).setTimeoutMs(REQUEST_TIMEOUT_MILLIS).build();
        RaftClientReply reply;
        try {
            reply = server.submitClientRequestAsync(request).get(REQUEST_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandRejectedException("raft: " + command.getClass().getSimpleName()
                    + " not committed: interrupted", e);
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new CommandRejectedException("raft: " + command.getClass().getSimpleName() + " not committed: "
                    + (e instanceof java.util.concurrent.TimeoutException ? "no commit within "
                            + REQUEST_TIMEOUT_MILLIS + " ms" : Errors.rootMessage(e)), e);
        }
        if (!reply.isSuccess()) {
            throw new CommandRejectedException("raft: " + command.getClass().getSimpleName() + " not committed: "
                    + (reply.getException() == null ? "unknown" : reply.getException().getMessage()),
                    reply.getException());
        }
    }

    private org.apache.ratis.server.DivisionInfo info() {
        try {
            return server.getDivision(GROUP_ID).getInfo();
        } catch (IOException e) {
            throw new IllegalStateException("raft division unavailable", e);
        }
    }

    /**
     * Leader, ready, a majority (counting itself) heard within the lease (below the shortest election timeout), and
     * its HTTP address published for this term (so followers can proxy to it).
     */
    @Override
    public boolean isLeader() {
        if (!leadsWithMajority()) {
            return false;
        }
        if (publishedTerm != info().getCurrentTerm()) {
            onLeadership();
            return false;
        }
        return true;
    }

    private boolean leadsWithMajority() {
        var info = info();
        if (!info.isLeader() || !info.isLeaderReady() || !applying()) {
            return false;
        }
        return 1 + freshFollowers(info, leaseMillis).size() >= members.majority();
    }

    private List<String> freshFollowers(org.apache.ratis.server.DivisionInfo info, long withinMillis) {
        RoleInfoProto role = info.getRoleInfoProto();
        List<String> fresh = new ArrayList<>();
        if (!role.hasLeaderInfo()) {
            return fresh;
        }
        for (ServerRpcProto f : role.getLeaderInfo().getFollowerInfoList()) {
            if (f.getLastRpcElapsedTimeMs() <= withinMillis) {
                fresh.add(f.getId().getAddress());
            }
        }
        return fresh;
    }

    private RaftPeer currentLeader() {
        RaftPeerId id = info().getLeaderId();
        return id == null ? null : members.peers().stream().filter(p -> p.getId().equals(id)).findFirst().orElse(null);
    }

    @Override
    public String leader() {
        RaftPeer leader = currentLeader();
        return leader == null ? "" : leader.getAddress();
    }

    /** False once this node stopped applying the log (it is about to exit). */
    private boolean applying() {
        try {
            return server.getDivision(GROUP_ID).getStateMachine() instanceof QuorchStateMachine m
                    && m.applyFailure().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public boolean healthy() {
        var info = info();
        if (!applying()) {
            return false;
        }
        if (info.isLeader()) {
            return leadsWithMajority();
        }
        return info.isFollower() && info.getLeaderId() != null
                && info.getRoleInfoProto().getFollowerInfo().getLeaderInfo().getLastRpcElapsedTimeMs()
                        <= electionTimeoutMaxMillis;
    }

    @Override
    public String state() {
        if (!info().isAlive()) {
            return "Shutdown";
        }
        RaftPeerRole role = info().getCurrentRole();
        return switch (role) {
            case LEADER -> "Leader";
            case FOLLOWER -> "Follower";
            case CANDIDATE -> "Candidate";
            default -> role.name();
        };
    }

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
    public List<String> peers() {
        return members.peers().stream().map(RaftPeer::getAddress).toList();
    }

    @Override
    public String self() {
        return members.self().getAddress();
    }

    @Override
    public List<String> healthyMembers() {
        var info = info();
        if (!info.isLeader()) {
            return List.of();
        }
        List<String> healthy = new ArrayList<>();
        healthy.add(members.self().getAddress());
        healthy.addAll(freshFollowers(info, electionTimeoutMaxMillis));
        return healthy;
    }

    @Override
    public boolean yieldTo(Optional<String> target) {
        if (!leadsWithMajority()) {
            return false;
        }
        List<RaftPeer> others = members.peers().stream().filter(p -> !p.getId().equals(members.self().getId()))
                .toList();
        Optional<RaftPeer> to = target.isPresent()
                ? others.stream().filter(p -> p.getAddress().equals(target.get())
                        || p.getId().toString().equals(target.get())).findFirst()
                        .or(() -> others.stream().filter(p -> p.getAddress().startsWith(target.get())).findFirst())
                : others.stream().filter(p -> freshFollowers(info(), electionTimeoutMaxMillis).contains(p.getAddress()))
                        .findFirst();
        if (to.isEmpty() || to.get().getId().equals(members.self().getId())) {
            return false;
        }
        try {
            return client.admin().transferLeadership(to.get().getId(), 3000).isSuccess();
        } catch (IOException e) {
            LOG.warnf("raft: leadership transfer to %s failed: %s", to.get().getAddress(), Errors.rootMessage(e));
            return false;
        }
    }

    @Override
    public long snapshot() {
        try {
            RaftClientReply reply = client.getSnapshotManagementApi(members.self().getId()).create(10_000);
            return reply.isSuccess() ? reply.getLogIndex() : -1;
        } catch (IOException e) {
            LOG.warnf("raft: snapshot failed: %s", Errors.rootMessage(e));
            return -1;
        }
    }

    /** Closes the client and server, but never holds shutdown up for more than a few seconds. */
    @Override
    public void close() throws InterruptedException {
        watch.close();
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


    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
