package io.quorch.consensus.ratis;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.function.Consumer;

import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.jboss.logging.Logger;

/**
 * A follower's watch on its leader's process. It holds an idle TCP connection to the leader's raft
 * port; when that connection ends and the port then refuses a new one, the leader's process is
 * gone (a crash or a kill: the host still answers, nothing listens), which is evidence enough to
 * elect a successor at once instead of waiting out the election timeout. A leader that merely
 * stops answering (a partition, a dead host) refuses nothing, so the election timeout still
 * decides then.
 */
final class LeaderWatch implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LeaderWatch.class);

    private final RatisMembers members;
    private final int connectTimeoutMillis;
    private final Consumer<RaftPeerId> leaderGone;
    private volatile RaftPeerId watched;
    private volatile Socket socket;
    private volatile boolean closed;

    /** leaderGone is called with the id of a leader whose process is gone, on the watch's own thread. */
    LeaderWatch(RatisMembers members, int connectTimeoutMillis, Consumer<RaftPeerId> leaderGone) {
        this.members = members;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.leaderGone = leaderGone;
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

    private boolean watching(RaftPeer peer) {
        return !closed && peer.getId().equals(watched);
    }

    private void watch(RaftPeer peer) {
        InetSocketAddress address = address(peer);
        while (watching(peer)) {
            try (Socket s = new Socket()) {
                s.connect(resolved(address), connectTimeoutMillis);
                socket = s;
                if (!watching(peer)) {
                    return;
                }
                InputStream in = s.getInputStream();
                while (in.read() >= 0) {
                    // the leader never writes on this connection; anything read is ignored
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
            pause();
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

    private void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
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
