package io.quorch.consensus;

import java.util.Map;

/**
 * This node's view of the raft group, for the metrics: its term, the log's commit and applied
 * indexes, the leader changes it saw, and on the leader, each follower's lag (log entries behind
 * the leader's commit index) and the milliseconds since it last answered, by its raft address.
 */
public record RaftStats(long term, long commitIndex, long appliedIndex, long leaderChanges,
        Map<String, Long> followerLag, Map<String, Long> followerLastContactMillis) {
}
