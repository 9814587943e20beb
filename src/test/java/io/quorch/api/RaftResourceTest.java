package io.quorch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quorch.testing.FakeLeadership;

/** The raft endpoints on a leadership view set by hand. */
class RaftResourceTest {

    private final FakeLeadership leadership = new FakeLeadership();
    private final RaftResource resource = new RaftResource(leadership);

    private static ApiException refused(int status, org.junit.jupiter.api.function.Executable call, String message) {
        ApiException e = assertThrows(ApiException.class, call);
        assertEquals(status, e.status());
        assertEquals(message, e.getMessage());
        return e;
    }

    @Test
    void leaderCheckCodeMustBeAnHttpStatus() {
        refused(400, () -> resource.leaderCheck("abc"), "leader-check code must be an HTTP status, got \"abc\"");
        refused(400, () -> resource.leaderCheck(""), "leader-check code must be an HTTP status, got \"\"");
        refused(400, () -> resource.leaderCheck("199"), "leader-check code must be an HTTP status, got 199");
        refused(400, () -> resource.leaderCheck("600"), "leader-check code must be an HTTP status, got 600");
        refused(400, () -> resource.leaderCheck("99999999999"),
                "leader-check code must be an HTTP status, got \"99999999999\"");
    }

    @Test
    void leaderCheckAnswersTheGivenStatusOnAFollowerAnd200OnTheLeader() {
        assertEquals(404, resource.leaderCheck().getStatus());
        assertEquals(503, resource.leaderCheck("503").getStatus());
        assertEquals("\"Not leader\"", resource.leaderCheck("503").getEntity());
        leadership.leader = true;
        assertEquals(200, resource.leaderCheck("503").getStatus());
        assertEquals("\"OK\"", resource.leaderCheck().getEntity());
    }

    @Test
    void onlyTheLeaderYieldsAndAFailedTransferIsSaid() {
        refused(503, resource::raftYield, "this node is not the leader (leader: leader:10008)");
        refused(503, () -> resource.raftYieldHint("other"), "this node is not the leader (leader: leader:10008)");
        assertEquals(List.of(), leadership.yieldRequests, "a follower never asks Ratis");
        leadership.leader = true;
        refused(500, () -> resource.raftYieldHint("other:10008"), "leadership transfer to other:10008 failed");
        refused(500, resource::raftYield, "leadership transfer failed");
        leadership.yields = true;
        assertEquals("OK", resource.raftYieldHint("other").code());
        assertEquals(List.of(Optional.of("other:10008"), Optional.empty(), Optional.of("other")),
                leadership.yieldRequests);
    }

    @Test
    void aFailedSnapshotIsA500() {
        refused(500, resource::raftSnapshot, "snapshot failed");
        leadership.snapshotIndex = 42;
        assertEquals(42L, resource.raftSnapshot().details());
    }

    @Test
    void stateLeaderAndStatusComeFromTheLeadershipView() {
        assertEquals("\"Follower\"", resource.raftState());
        assertEquals("\"leader:10008\"", resource.raftLeader());
        assertEquals(200, resource.raftHealth().getStatus(), "a follower of a live leader");
        leadership.healthy = false;
        assertEquals(500, resource.raftHealth().getStatus());
        var status = resource.raftStatus();
        assertEquals("http://leader:3000", status.get("LeaderURI"));
        assertEquals(false, status.get("Healthy"));
        assertTrue(((List<?>) status.get("Peers")).contains("self:10008"));
        assertFalse(status.containsKey("Term"), "no figures where the consensus has none (single node)");
        leadership.raftStats = java.util.Optional.of(new io.quorch.consensus.RaftStats(7, 120, 118, 2,
                Map.of("peer:10008", 3L), Map.of("peer:10008", 40L)));
        status = resource.raftStatus();
        assertEquals(7L, status.get("Term"));
        assertEquals(118L, status.get("AppliedIndex"));
        assertEquals(List.of(Map.of("Member", "peer:10008", "LagEntries", 3L, "LastContactMillis", 40L)),
                status.get("Followers"));
    }
}
