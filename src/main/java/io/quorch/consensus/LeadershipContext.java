package io.quorch.consensus;

import java.util.List;
import java.util.Optional;

/** Whether this node may act (run recoveries, hooks, writes to managed servers), and the group's health. */
public interface LeadershipContext {

    /** This node leads and a majority of the group hears it: the only node that may act. */
    boolean isLeader();

    /** A description of the leader for messages, such as its address; empty when unknown. */
    String leader();

    /** Leader, or follower that knows a live leader. */
    boolean healthy();

    /** "Leader", "Follower", "Candidate" or "Shutdown", as orchestrator's raft-state says. */
    String state();

    /** The leader's HTTP API base URL ("http://host:port"), when known. */
    Optional<String> leaderUri();

    /** Every member's raft address. */
    List<String> peers();

    /** This node's raft address (RaftAdvertise), empty in single-node mode. */
    String self();

    /** Members the leader currently hears from (including itself); empty on followers. */
    List<String> healthyMembers();

    /** Hands leadership to another member (any when target is empty); false when not possible. */
    boolean yieldTo(Optional<String> target);

    /** Takes a snapshot of the replicated state now; returns its log index. */
    long snapshot();

    /** The raft group as this node sees it; empty in single-node mode (and while raft starts). */
    default Optional<RaftStats> raftStats() {
        return Optional.empty();
    }
}
