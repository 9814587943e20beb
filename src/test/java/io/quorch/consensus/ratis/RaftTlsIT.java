package io.quorch.consensus.ratis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.TimeDuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.consensus.CommandCodec;
import io.quorch.consensus.ReplicatedCommand;
import io.quorch.testing.Await;
import io.quorch.testing.RaftCluster;
import io.quorch.testing.Sandbox;
import io.quorch.testing.Tls;

/**
 * Real raft groups of quorch processes: one whose members speak mutual TLS on the raft port, and
 * what a raft client that is not a member can do to a group: connect without the CA's certificate
 * (nothing), or, where it can connect, append to the log (nothing either).
 */
class RaftTlsIT {

    private static final Duration START = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void aGroupOverMutualTlsReplicatesRefusesStrangersAndReplacesADeadLeaderAtOnce() throws Exception {
        Path certs = dir.resolve("tls");
        var tls = RaftCluster.raftTls(certs, 3);
        Path otherCa = dir.resolve("other-ca");
        Tls.makeCerts(otherCa, "quorch", "stranger,127.0.0.1,localhost");
        try (Sandbox sandbox = Sandbox.up("rafttls", 0, false);
                RaftCluster c = RaftCluster.start(dir.resolve("group"), 3, tls)) {
            int leader = c.awaitSingleLeader(START);
            assertTrue(c.output(leader).contains("uses mutual TLS"), c.output(leader));
            assertFalse(c.output(leader).contains("is plain"), c.output(leader));

            // a change sent to a follower is forwarded to the leader and replicated over TLS to every node
            int follower = (leader + 1) % 3;
            String key = "127.0.0.1/" + sandbox.primaryPort();
            Await.until("the follower forwards a discovery", Duration.ofSeconds(20),
                    () -> c.get(follower, "/api/discover/" + key).statusCode() == 200);
            Await.until("a downtime through the follower", Duration.ofSeconds(20),
                    () -> c.get(follower, "/api/begin-downtime/" + key + "/ops/tls/1h").statusCode() == 200);
            for (int i = 0; i < 3; i++) {
                int n = i;
                Await.until("the downtime on node " + n, Duration.ofSeconds(10),
                        () -> c.local(n, "/api/downtimed").body().contains("\"Port\":" + sandbox.primaryPort()));
            }

            // nobody without a certificate from RaftTLSCAFile gets through the handshake
            InetSocketAddress raft = new InetSocketAddress("127.0.0.1", port(c.raftAddress(leader)));
            SSLContext anonymous = Tls.context(certs.resolve("ca.pem"), null, null);
            assertThrows(SSLException.class, () -> firstByte(anonymous, raft), "no client certificate");
            SSLContext stranger = Tls.context(certs.resolve("ca.pem"), otherCa.resolve("stranger.pem"),
                    otherCa.resolve("stranger.key"));
            assertThrows(SSLException.class, () -> firstByte(stranger, raft), "a certificate from another CA");
            SSLContext member = Tls.context(certs.resolve("ca.pem"), certs.resolve("node0.pem"),
                    certs.resolve("node0.key"));
            assertTrue(firstByte(member, raft) != -1, "a member's certificate is accepted and the connection kept");
            byte[] disable = CommandCodec.encode(new ReplicatedCommand.SetGlobalRecoveries(true, Instant.now()));
            try (RaftClient strangerClient = raftClient(c, leader, tlsParameters(otherCa.resolve("stranger"),
                    certs.resolve("ca.pem")))) {
                assertThrows(IOException.class, () -> strangerClient.io().send(Message.valueOf(
                        ByteString.copyFrom(disable))), "a Ratis client with another CA's certificate");
            }
            // even with a member's certificate, only the node itself appends to its log
            try (RaftClient withMemberCertificate = raftClient(c, leader, tlsParameters(certs.resolve("node0"),
                    certs.resolve("ca.pem")))) {
                String refused = outcome(withMemberCertificate, disable);
                assertTrue(refused.contains("is not this node"), refused);
            }
            // the admin client over TLS: a snapshot on the leader
            assertEquals(200, c.local(leader, "/api/raft-snapshot").statusCode());

            // the followers watch the leader's process over TLS and elect a new leader as soon as it is gone
            c.kill(leader);
            int next = c.awaitSingleLeader(Duration.ofSeconds(20));
            assertNotEquals(leader, next);
            assertTrue(IntStream.range(0, 3).filter(i -> i != leader)
                    .anyMatch(i -> c.output(i).contains("its process is gone")), c.output(next));
            assertTrue(c.output(next).contains("started an election at once"), c.output(next));
            for (int i = 0; i < 3; i++) {
                assertFalse(c.output(i).contains("no TLS handshake"), c.output(i));
            }
            int other = 3 - leader - next;
            Await.until("a change through the remaining follower", Duration.ofSeconds(20),
                    () -> c.get(other, "/api/disable-global-recoveries").statusCode() == 200);
            for (int n : new int[] { next, other }) {
                Await.until("disabled on node " + n, Duration.ofSeconds(10),
                        () -> c.local(n, "/api/check-global-recoveries").body().contains("\"Details\":\"disabled\""));
            }
        }
    }

    @Test
    void aRaftClientThatIsNotTheNodeItselfAppendsNothing() throws Exception {
        try (RaftCluster c = RaftCluster.start(dir, 3, "")) {
            int leader = c.awaitSingleLeader(START);
            byte[] disable = CommandCodec.encode(new ReplicatedCommand.SetGlobalRecoveries(true, Instant.now()));
            try (RaftClient forger = raftClient(c, leader, new Parameters())) {
                String refused = outcome(forger, disable);
                assertTrue(refused.contains("is not this node") && refused.contains("nothing was appended"), refused);
            }
            assertTrue(c.output(leader).contains("refused a request of raft client"), c.output(leader));
            // a later change through the API lands everywhere; the refused one, never appended, nowhere
            int follower = (leader + 1) % 3;
            Await.until("a candidate through the API", Duration.ofSeconds(20),
                    () -> c.get(follower, "/api/register-candidate/db1.example/3306/prefer").statusCode() == 200);
            for (int i = 0; i < 3; i++) {
                int n = i;
                Await.until("the candidate on node " + n, Duration.ofSeconds(10),
                        () -> count(n, "candidate_database_instance") == 1);
                assertEquals(0, count(n, "global_recovery_disable"), "node " + n);
                assertTrue(c.local(n, "/api/check-global-recoveries").body().contains("\"Details\":\"enabled\""));
            }
        }
    }

    /** Rows of node i's own SQLite backend (group started in dir). */
    private int count(int i, String table) {
        Path db = dir.resolve("node" + i + "/quorch.db");
        try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + db);
                ResultSet rs = conn.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }

    private static int port(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    /**
     * Handshakes as gRPC does (ALPN h2) and reads the first byte the server sends (its HTTP/2
     * settings): -1 when the server closed the connection, 256 when it keeps it open silently.
     */
    private static int firstByte(SSLContext context, InetSocketAddress address) throws IOException {
        try (Socket plain = new Socket()) {
            plain.connect(address, 2000);
            SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(plain, address.getHostString(),
                    address.getPort(), false);
            SSLParameters params = s.getSSLParameters();
            params.setApplicationProtocols(new String[] { "h2" });
            s.setSSLParameters(params);
            s.setSoTimeout(2000);
            s.startHandshake();
            try {
                return s.getInputStream().read();
            } catch (java.net.SocketTimeoutException e) {
                return 256;
            }
        }
    }

    /** Mutual TLS parameters for a Ratis client presenting base.pem/base.key and trusting ca. */
    private static Parameters tlsParameters(Path base, Path ca) {
        Parameters p = new Parameters();
        GrpcConfigKeys.TLS.setConf(p, new GrpcTlsConfig(Path.of(base + ".key").toFile(),
                Path.of(base + ".pem").toFile(), ca.toFile(), true));
        return p;
    }

    /** A Ratis client of the group's members from this JVM, sending to the leader once, without retries. */
    private static RaftClient raftClient(RaftCluster c, int leader, Parameters parameters) {
        List<RaftPeer> peers = IntStream.range(0, c.size()).mapToObj(c::raftAddress)
                .map(a -> RaftPeer.newBuilder().setId(RatisMembers.id(a)).setAddress(a).build()).toList();
        RaftProperties p = new RaftProperties();
        RaftClientConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(3, TimeUnit.SECONDS));
        return RaftClient.newBuilder().setProperties(p).setParameters(parameters)
                .setRaftGroup(RaftGroup.valueOf(RatisGroup.ID, peers)).setLeaderId(peers.get(leader).getId())
                .setRetryPolicy(RetryPolicies.noRetry()).build();
    }

    /** "appended", or what refused the message. */
    private static String outcome(RaftClient client, byte[] command) {
        try {
            RaftClientReply reply = client.io().send(Message.valueOf(ByteString.copyFrom(command)));
            return reply.isSuccess() ? "appended" : String.valueOf(reply.getException());
        } catch (IOException e) {
            return e.toString();
        }
    }
}
