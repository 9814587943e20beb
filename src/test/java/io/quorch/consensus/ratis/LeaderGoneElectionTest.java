package io.quorch.consensus.ratis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.junit.jupiter.api.Test;

/** The watch over real loopback sockets: a vanished listener is reported, a closed connection alone is not. */
class LeaderGoneElectionTest {

    private static RatisMembers members(int leaderPort) {
        RaftPeer self = RaftPeer.newBuilder().setId("self").setAddress("127.0.0.1:1").build();
        RaftPeer leader = RaftPeer.newBuilder().setId(RatisMembers.id("127.0.0.1:" + leaderPort))
                .setAddress("127.0.0.1:" + leaderPort).build();
        return new RatisMembers(List.of(self, leader), self, "127.0.0.1", 1);
    }

    @Test
    void aLeaderWhoseListenerIsGoneIsReportedAtOnce() throws Exception {
        BlockingQueue<RaftPeerId> gone = new ArrayBlockingQueue<>(4);
        ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        int port = listener.getLocalPort();
        RaftPeerId leader = RatisMembers.id("127.0.0.1:" + port);
        try (LeaderGoneElection watch = new LeaderGoneElection(members(port), 500, gone::add)) {
            watch.follow(leader);
            Socket accepted = listener.accept();
            // the process ends: its listening socket and its connections close together
            listener.close();
            accepted.close();
            assertEquals(leader, gone.poll(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aConnectionClosedByALeaderThatStillListensIsOnlyReopened() throws Exception {
        BlockingQueue<RaftPeerId> gone = new ArrayBlockingQueue<>(4);
        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            int port = listener.getLocalPort();
            try (LeaderGoneElection watch = new LeaderGoneElection(members(port), 500, gone::add)) {
                watch.follow(RatisMembers.id("127.0.0.1:" + port));
                listener.accept().close();
                // the watch connects again instead of declaring the leader gone
                listener.setSoTimeout(5000);
                try (Socket again = listener.accept()) {
                    assertNull(gone.poll(300, TimeUnit.MILLISECONDS));
                }
            }
        }
    }

    @Test
    void itDoesNotWatchItself() throws Exception {
        BlockingQueue<RaftPeerId> gone = new ArrayBlockingQueue<>(4);
        try (LeaderGoneElection watch = new LeaderGoneElection(members(9), 500, gone::add)) {
            watch.follow(RaftPeerId.valueOf("self"));
            assertNull(gone.poll(500, TimeUnit.MILLISECONDS));
        }
    }
}
