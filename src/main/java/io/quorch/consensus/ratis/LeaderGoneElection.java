package io.quorch.consensus.ratis;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import javax.net.ssl.SSLException;

import org.apache.ratis.proto.RaftProtos.RaftGroupIdProto;
import org.apache.ratis.proto.RaftProtos.RaftRpcRequestProto;
import org.apache.ratis.proto.RaftProtos.StartLeaderElectionRequestProto;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.jboss.logging.Logger;

import io.quorch.domain.Errors;

/**
 * The election shortcut: a follower that sees its leader's process end starts an election at once
 * instead of waiting out the election timeout.
 * <p>
 * The watch holds an idle TCP connection to the leader's raft port; when that connection ends and
 * the port then refuses a new one, the leader's process is gone (a crash or a kill: the host still
 * answers, nothing listens). A leader that merely stops answering (a partition, a dead host)
 * refuses nothing, so the election timeout still decides then.
 * <p>
 * The election is started by handing the local server the StartLeaderElection request a leader
 * sends when it transfers leadership, on behalf of the gone leader. This leans on Ratis internals
 * (RaftServerImpl#startLeaderElection), and is safe because Ratis itself refuses the request
 * unless this server still recognises that peer as the leader of the request's term, is a
 * follower, and its log is at least as complete as the last entry the request names (its own);
 * the election that follows is an ordinary one, with votes and log checks. At worst a wrong guess
 * costs an extra term. {@code LeaderGoneElectionRatisTest} fails if a Ratis upgrade changes this.
 */
final class LeaderGoneElection implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LeaderGoneElection.class);

    private final RatisMembers members;
    private final int connectTimeoutMillis;
    private final Consumer<RaftPeerId> leaderGone;
    private final Optional<RaftTls> tls;
    private final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
    private volatile RaftPeerId watched;
    private volatile Socket socket;
    private volatile boolean closed;

    /** leaderGone is called with the id of a leader whose process is gone, on the watch's own thread. */
    LeaderGoneElection(RatisMembers members, int connectTimeoutMillis, Consumer<RaftPeerId> leaderGone) {
        this(members, connectTimeoutMillis, leaderGone, Optional.empty());
    }

    /** The same, connecting with raft TLS when it is given. */
    LeaderGoneElection(RatisMembers members, int connectTimeoutMillis, Consumer<RaftPeerId> leaderGone,
            Optional<RaftTls> tls) {
        this.members = members;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.leaderGone = leaderGone;
        this.tls = tls;
    }

    /**
     * Starts elections on this server. Followers take turns in the order of their ids, each only
     * while no one has moved on from the gone leader yet, so two of them do not split the vote.
     */
    static LeaderGoneElection of(RaftServer server, RatisMembers members, long electionTimeoutMaxMillis,
            Optional<RaftTls> tls) {
        return new LeaderGoneElection(members, (int) Math.max(100, electionTimeoutMaxMillis / 4), gone -> {
            List<RaftPeerId> turns = members.peers().stream().map(RaftPeer::getId).filter(id -> !id.equals(gone))
                    .sorted(Comparator.comparing(RaftPeerId::toString)).toList();
            sleep(turns.indexOf(members.self().getId()) * Math.max(50, electionTimeoutMaxMillis / 8));
            startElection(server, gone);
        }, tls);
    }

    /** Starts an election here if this server still follows the gone leader; true when one started. */
    static boolean startElection(RaftServer server, RaftPeerId gone) {
        try {
            var info = RatisGroup.info(server);
            if (!info.isFollower() || !gone.equals(info.getLeaderId())) {
                return false;
            }
            boolean started = askOnBehalfOf(server, gone);
            LOG.infof("raft: %s %s an election at once (term %d)", server.getId(),
                    started ? "started" : "could not start", info.getCurrentTerm());
            return started;
        } catch (IOException | RuntimeException e) {
            LOG.warnf("raft: starting an election after the leader's process ended: %s", Errors.rootMessage(e));
            return false;
        }
    }

    /** Hands the server the request its leader would send, naming the server's own last entry; Ratis decides. */
    static boolean askOnBehalfOf(RaftServer server, RaftPeerId leader) throws IOException {
        TermIndex last = RatisGroup.division(server).getRaftLog().getLastEntryTermIndex();
        return last != null && askOnBehalfOf(server, leader, last);
    }

    /** The request as a leader whose log ends at leaderLastEntry would send it. */
    static boolean askOnBehalfOf(RaftServer server, RaftPeerId leader, TermIndex leaderLastEntry) throws IOException {
        var request = StartLeaderElectionRequestProto.newBuilder()
                .setServerRequest(RaftRpcRequestProto.newBuilder()
                        .setRequestorId(leader.toByteString()).setReplyId(server.getId().toByteString())
                        .setRaftGroupId(RaftGroupIdProto.newBuilder().setId(RatisGroup.ID.toByteString())))
                .setLeaderLastEntry(leaderLastEntry.toProto()).build();
        return server.startLeaderElection(request).getServerReply().getSuccess();
    }

    /** Watches this leader from now on (none when it is this node, or unknown). */
    synchronized void follow(RaftPeerId leader) {
        if (closed || (leader != null && leader.equals(watched))) {
            return;
        }
        RaftPeer peer = leader == null || leader.equals(members.self().getId()) ? null
                : members.peers().stream().filter(p -> p.getId().equals(leader)).findFirst().orElse(null);
        watched = peer == null ? null : peer.getId();
        closeSocket();
        if (peer != null) {
            Thread.ofVirtual().name("quorch-raft-leader-watch").start(() -> watch(peer));
        }
    }

    /** How many watch connections were made so far (one per leader, while it lives and keeps it open). */
    int connections() {
        return connections.get();
    }

    private boolean watching(RaftPeer peer) {
        return !closed && peer.getId().equals(watched);
    }

    private void watch(RaftPeer peer) {
        InetSocketAddress address = address(peer);
        boolean handshakeFailed = false;
        while (watching(peer)) {
            boolean connected = false;
            try (Socket s = connect(resolved(address))) {
                connected = true;
                connections.incrementAndGet();
                socket = s;
                handshakeFailed = false;
                if (!watching(peer)) {
                    return;
                }
                InputStream in = s.getInputStream();
                while (in.read() >= 0) {
                    // what the leader sends (TLS and HTTP/2 housekeeping) is ignored
                }
            } catch (SSLException e) {
                if (!connected) {
                    if (!handshakeFailed && watching(peer)) {
                        LOG.warnf("raft: no TLS handshake with leader %s for the watch on its process: %s",
                                peer.getAddress(), Errors.rootMessage(e));
                    }
                    handshakeFailed = true;
                }
            } catch (IOException e) {
                // the connection could not be made or has ended: see below
            }
            if (!watching(peer)) {
                return;
            }
            if (refuses(address)) {
                LOG.infof("raft: leader %s closed its connection and its port refuses new ones: its process is gone",
                        peer.getAddress());
                watched = null;
                leaderGone.accept(peer.getId());
                return;
            }
            // a leader whose certificate this node does not accept is asked again less often
            pause(handshakeFailed ? 2000 : 200);
        }
    }

    /** A plain connection, or one with the TLS handshake done under raft TLS. */
    private Socket connect(InetSocketAddress address) throws IOException {
        if (tls.isPresent()) {
            return tls.get().connect(address, connectTimeoutMillis);
        }
        Socket s = new Socket();
        try {
            s.connect(address, connectTimeoutMillis);
            return s;
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** True when nothing listens on the address any more (refused, as opposed to unreachable or slow). */
    private boolean refuses(InetSocketAddress address) {
        try (Socket probe = new Socket()) {
            probe.connect(resolved(address), connectTimeoutMillis);
            return false;
        } catch (ConnectException e) {
            return e.getMessage() != null && e.getMessage().contains("refused");
        } catch (IOException e) {
            return false;
        }
    }

    private static InetSocketAddress address(RaftPeer peer) {
        String a = peer.getAddress();
        int colon = a.lastIndexOf(':');
        return InetSocketAddress.createUnresolved(a.substring(0, colon), Integer.parseInt(a.substring(colon + 1)));
    }

    /** Names are resolved at each connection, so a leader whose address changes behind its name is still found. */
    private static InetSocketAddress resolved(InetSocketAddress a) {
        return new InetSocketAddress(a.getHostString(), a.getPort());
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeSocket() {
        Socket s = socket;
        socket = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // closing only wakes the watch up
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        watched = null;
        closeSocket();
    }
}
