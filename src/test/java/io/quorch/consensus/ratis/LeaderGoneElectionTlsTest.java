package io.quorch.consensus.ratis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.config.RaftConfig;
import io.quorch.testing.Await;
import io.quorch.testing.ConfigStub;
import io.quorch.testing.Ports;
import io.quorch.testing.Tls;

/**
 * The leader watch against a real Ratis server on mutual TLS (quorch's own settings, certificates
 * from scripts/make-certs): the server closes a connection that never starts a TLS handshake after
 * its handshake timeout, while the watch, which handshakes first, keeps its one connection, and
 * still sees the server's end.
 */
class LeaderGoneElectionTlsTest {

    @TempDir
    Path dir;

    @Test
    void theWatchHandshakesFirstSoTheLeaderKeepsItsConnectionOpen() throws Exception {
        Path certs = dir.resolve("tls");
        Tls.makeCerts(certs, "quorch", "node0", "node1");
        RaftTls tls = RaftTls.of(files(certs, "node0")).orElseThrow();
        String address = "127.0.0.1:" + Ports.free();
        RaftPeer leader = RaftPeer.newBuilder().setId(RatisMembers.id(address)).setAddress(address).build();
        int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
        RaftConfig config = ConfigStub.of(RaftConfig.class, Map.of("logSegmentSizeKib", 1024));
        RaftServer server = RaftServer.newBuilder().setServerId(leader.getId())
                .setGroup(RaftGroup.valueOf(RatisGroup.ID, List.of(leader))).setStateMachine(new BaseStateMachine())
                .setProperties(RatisProperties.of(config, new RatisMembers(List.of(leader), leader, "127.0.0.1", port),
                        dir.resolve("raft")))
                .setParameters(tls.parameters()).setOption(RaftStorage.StartupOption.FORMAT).build();
        server.start();

        RaftPeer self = RaftPeer.newBuilder().setId("self").setAddress("127.0.0.1:1").build();
        RaftTls own = RaftTls.of(files(certs, "node1")).orElseThrow();
        BlockingQueue<RaftPeerId> gone = new ArrayBlockingQueue<>(4);
        try (Socket plain = new Socket();
                LeaderGoneElection watch = new LeaderGoneElection(new RatisMembers(List.of(self, leader), self,
                        "127.0.0.1", 1), 1000, gone::add, Optional.of(own))) {
            watch.follow(leader.getId());
            Await.until("the watch connected", java.time.Duration.ofSeconds(10),
                    () -> watch.connections() == 1 ? true : null);
            // a second later, so that a watch without a handshake would have been closed and reopened
            // well before this connection is closed
            Thread.sleep(1000);
            plain.connect(new InetSocketAddress("127.0.0.1", port));
            plain.setSoTimeout(30_000);
            // the server closes the connection without a handshake (after about ten seconds)...
            assertEquals(-1, plain.getInputStream().read());
            // ...and not the watch's, which stays the one it made
            assertEquals(1, watch.connections());
            server.close();
            assertEquals(leader.getId(), gone.poll(10, TimeUnit.SECONDS));
            assertEquals(1, watch.connections());
        } finally {
            server.close();
        }
    }

    private static RaftConfig.Tls files(Path certs, String name) {
        return ConfigStub.of(RaftConfig.Tls.class, Map.of("certFile", Optional.of(certs.resolve(name + ".pem").toString()),
                "keyFile", Optional.of(certs.resolve(name + ".key").toString()),
                "caFile", Optional.of(certs.resolve("ca.pem").toString())));
    }
}
