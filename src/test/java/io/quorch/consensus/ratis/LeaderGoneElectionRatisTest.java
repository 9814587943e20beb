package io.quorch.consensus.ratis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.config.RaftConfig;
import io.quorch.testing.Await;
import io.quorch.testing.ConfigStub;
import io.quorch.testing.Ports;

/**
 * What the election shortcut relies on in Ratis, checked on three in-process Ratis servers on
 * real loopback ports with quorch's own properties. If a Ratis upgrade changes how a server
 * answers a StartLeaderElection request, this fails.
 */
class LeaderGoneElectionRatisTest {

    /** Long enough that no ordinary election can finish inside the waits below. */
    private static final int ELECTION_TIMEOUT_MILLIS = 8000;
    private static final Duration SOONER_THAN_A_TIMEOUT = Duration.ofMillis(ELECTION_TIMEOUT_MILLIS - 1000);

    @TempDir
    Path dir;
    private final List<RaftServer> servers = new ArrayList<>();

    @BeforeEach
    void startGroup() throws IOException {
        List<RaftPeer> peers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String address = "127.0.0.1:" + Ports.free();
            peers.add(RaftPeer.newBuilder().setId(RatisMembers.id(address)).setAddress(address).build());
        }
        RaftGroup group = RaftGroup.valueOf(RatisGroup.ID, peers);
        for (RaftPeer self : peers) {
            int port = Integer.parseInt(self.getAddress().substring(self.getAddress().lastIndexOf(':') + 1));
            RatisMembers members = new RatisMembers(peers, self, "127.0.0.1", port);
            RaftServer server = RaftServer.newBuilder().setServerId(self.getId()).setGroup(group)
                    .setStateMachine(new BaseStateMachine())
                    .setProperties(RatisProperties.of(config(), members, dir.resolve(self.getId().toString())))
                    .setOption(RaftStorage.StartupOption.FORMAT).build();
            servers.add(server);
            server.start();
        }
        // first elections are quick (a fifth of the timeout), and a new leader writes an entry in its term
        Await.until("a leader whose followers know it", Duration.ofSeconds(30),
                () -> followers().size() == 2 && followers().stream().allMatch(
                        f -> leader().getId().equals(RatisGroup.info(f).getLeaderId())) ? true : null);
    }

    @AfterEach
    void stopGroup() {
        for (RaftServer s : servers) {
            try {
                s.close();
            } catch (IOException | RuntimeException e) {
                // already closed by the test
            }
        }
    }

    @Test
    void aFollowerAskedForALeaderThatIsGoneStartsAnElectionAndWins() throws Exception {
        RaftServer leader = leader();
        RaftPeerId gone = leader.getId();
        RaftServer asked = followers().get(0);
        RaftServer other = followers().get(1);
        long term = RatisGroup.info(asked).getCurrentTerm();
        leader.close();

        assertTrue(LeaderGoneElection.startElection(asked, gone), "the follower refused to start an election");
        Await.until(asked.getId() + " leading", SOONER_THAN_A_TIMEOUT,
                () -> RatisGroup.info(asked).isLeader() ? true : null);
        assertTrue(RatisGroup.info(asked).getCurrentTerm() > term);
        // the other follower learns the new leader from its first append, a moment after the vote
        Await.until(other.getId() + " following " + asked.getId(), SOONER_THAN_A_TIMEOUT,
                () -> asked.getId().equals(RatisGroup.info(other).getLeaderId()) ? true : null);
    }

    @Test
    void aFollowerRefusesForAPeerThatIsNotItsLeader() throws Exception {
        RaftServer leader = leader();
        RaftServer asked = followers().get(0);
        RaftPeerId notItsLeader = followers().get(1).getId();
        long term = RatisGroup.info(asked).getCurrentTerm();

        assertFalse(LeaderGoneElection.askOnBehalfOf(asked, notItsLeader), "Ratis accepted a peer it does not follow");
        assertFalse(LeaderGoneElection.startElection(asked, notItsLeader));
        assertStillLedBy(leader, asked, term);
    }

    @Test
    void aFollowerRefusesWhenItsLogIsBehindTheLeadersLastEntry() throws Exception {
        RaftServer leader = leader();
        RaftServer asked = followers().get(0);
        long term = RatisGroup.info(asked).getCurrentTerm();
        // a follower that just joined may not have received the leader's first entry yet
        var log = RatisGroup.division(asked).getRaftLog();
        TermIndex own = Await.until(asked.getId() + " holding a log entry", SOONER_THAN_A_TIMEOUT,
                log::getLastEntryTermIndex);
        TermIndex ahead = TermIndex.valueOf(own.getTerm(), own.getIndex() + 1000);

        assertFalse(LeaderGoneElection.askOnBehalfOf(asked, leader.getId(), ahead),
                "Ratis accepted a leader whose log is ahead of the follower's");
        assertStillLedBy(leader, asked, term);
    }

    private static void assertStillLedBy(RaftServer leader, RaftServer follower, long term) {
        assertTrue(RatisGroup.info(follower).isFollower());
        assertEquals(term, RatisGroup.info(follower).getCurrentTerm());
        assertEquals(leader.getId(), RatisGroup.info(follower).getLeaderId());
        assertTrue(RatisGroup.info(leader).isLeader());
    }

    private RaftServer leader() {
        return servers.stream().filter(s -> RatisGroup.info(s).isLeader()).findFirst().orElse(null);
    }

    private List<RaftServer> followers() {
        return servers.stream().filter(s -> RatisGroup.info(s).isFollower()).toList();
    }

    /** quorch's defaults, with a long election timeout; a stub, so no class implements the mapping. */
    private static RaftConfig config() {
        return ConfigStub.of(RaftConfig.class, Map.of("electionTimeoutMillis", ELECTION_TIMEOUT_MILLIS,
                "logSegmentSizeKib", 1024));
    }
}
