package io.quorch.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.quorch.consensus.LeadershipContext;
import io.quorch.consensus.RaftStats;

/**
 * A raft member's view for pure tests, set field by field: by default a healthy follower of
 * "leader:10008" that knows its leader's URL. Records the leadership transfers asked of it.
 */
public final class FakeLeadership implements LeadershipContext {

    public volatile boolean leader;
    public volatile boolean healthy = true;
    public volatile String state = "Follower";
    public volatile String leaderAddress = "leader:10008";
    public volatile Optional<String> leaderUri = Optional.of("http://leader:3000");
    public volatile boolean yields;
    public volatile long snapshotIndex = -1;
    public final List<Optional<String>> yieldRequests = new ArrayList<>();
    public volatile Optional<RaftStats> raftStats = Optional.empty();

    /** A leader with its majority. */
    public static FakeLeadership leading() {
        FakeLeadership l = new FakeLeadership();
        l.leader = true;
        l.state = "Leader";
        l.leaderAddress = "self:10008";
        return l;
    }

    @Override
    public boolean isLeader() {
        return leader;
    }

    @Override
    public String leader() {
        return leaderAddress;
    }

    @Override
    public boolean healthy() {
        return healthy;
    }

    @Override
    public String state() {
        return state;
    }

    @Override
    public Optional<String> leaderUri() {
        return leaderUri;
    }

    @Override
    public List<String> peers() {
        return List.of("self:10008", "leader:10008", "other:10008");
    }

    @Override
    public String self() {
        return "self:10008";
    }

    @Override
    public List<String> healthyMembers() {
        return leader ? List.of("self:10008", "other:10008") : List.of();
    }

    @Override
    public synchronized boolean yieldTo(Optional<String> target) {
        yieldRequests.add(target);
        return yields;
    }

    @Override
    public long snapshot() {
        return snapshotIndex;
    }

    @Override
    public Optional<RaftStats> raftStats() {
        return raftStats;
    }
}
