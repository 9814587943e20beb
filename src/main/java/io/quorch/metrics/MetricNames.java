package io.quorch.metrics;

import java.util.List;

/**
 * Every metric quorch defines, by its Micrometer name (Prometheus shows it with dots as underscores,
 * plus {@code _total} on counters and {@code _seconds_count/_sum/_max/_bucket} on timers). The
 * dashboard and the alert rules under deploy/ use only these (a test checks it). No metric carries a
 * server's name: label values come from small fixed sets (outcomes, analysis codes, recovery types,
 * hook stages, command kinds, raft members).
 */
public final class MetricNames {

    // discovery
    /** Timer, successful probes' latency. */
    public static final String PROBE_DURATION = "quorch.probe.duration";
    /** Counter, every probe by outcome (ok, timeout, unreachable, access_denied, error). */
    public static final String PROBES = "quorch.probes";
    /** Gauges over the known servers: seconds since each was last probed (p50, p99, max). */
    public static final String PROBE_AGE_P50 = "quorch.probe.age.p50.seconds";
    public static final String PROBE_AGE_P99 = "quorch.probe.age.p99.seconds";
    public static final String PROBE_AGE_MAX = "quorch.probe.age.max.seconds";
    /** Gauge, InstancePollSeconds. */
    public static final String POLL_INTERVAL = "quorch.poll.interval.seconds";
    /** Gauge by state (ok, failing, unprobed): servers this node knows. */
    public static final String INSTANCES = "quorch.instances";
    /** Gauge by code: what the last full analysis found. */
    public static final String ANALYSIS_PROBLEMS = "quorch.analysis.problems";

    // recovery
    /** Counter by analysis, type and outcome (success, failure). */
    public static final String RECOVERIES = "quorch.recoveries";
    /** Timer by analysis, type and outcome: start to resolution. */
    public static final String RECOVERY_DURATION = "quorch.recovery.duration";
    /** Counter by stage and outcome (ok, failed). */
    public static final String HOOKS = "quorch.hooks";

    // consensus
    /** Gauge: 1 while this node may act (raft leader with its lease, or a single node). */
    public static final String LEADER = "quorch.leader";
    /** Gauge by role (leader, follower, candidate, starting, shutdown): 1 for this node's role. */
    public static final String RAFT_ROLE = "quorch.raft.role";
    public static final String RAFT_TERM = "quorch.raft.term";
    /** Counter: leader changes this node saw (the first leader it learns counts too). */
    public static final String RAFT_LEADER_CHANGES = "quorch.raft.leader.changes";
    public static final String RAFT_COMMIT_INDEX = "quorch.raft.commit.index";
    public static final String RAFT_APPLIED_INDEX = "quorch.raft.applied.index";
    /** Gauge by follower, on the leader only: log entries the follower's commit index is behind the leader's. */
    public static final String RAFT_FOLLOWER_LAG = "quorch.raft.follower.lag.entries";
    /** Gauge by follower, on the leader only: seconds since the follower last answered. */
    public static final String RAFT_FOLLOWER_LAST_CONTACT = "quorch.raft.follower.last.contact.seconds";
    /** Timer by command and outcome (ok, rejected): submitted until committed and applied on this node. */
    public static final String COMMIT_DURATION = "quorch.command.commit.duration";
    /** Timer by command: applying a committed command to this node's backend. */
    public static final String APPLY_DURATION = "quorch.command.apply.duration";

    // backend
    /**
     * Ratis' own metrics, by member (this node's peer id) and, where Ratis names one, peer: this prefix,
     * Ratis' component and its metric's name in snake case (gauges and counters as they are; timers
     * as p50 and p99 gauges in seconds, tagged percentile, and an .events counter).
     */
    public static final String RATIS_PREFIX = "quorch.ratis.";
    /** Timer by operation (query, update, transaction, other): one backend call, connection included. */
    public static final String BACKEND_DURATION = "quorch.backend.duration";

    // shared probing (SharedProbeCopies)
    /** Gauge by share (owned, others, all): known servers by who probes them. */
    public static final String SHARED_SERVERS = "quorch.shared.probe.servers";
    /** Counter by outcome (accepted, stale, refused): probe results received from the other nodes. */
    public static final String PEER_RESULTS_RECEIVED = "quorch.peer.results.received";
    /** Counter: results of this node's own probes sent to the other nodes. */
    public static final String PEER_RESULTS_SERVED = "quorch.peer.results.served";

    /** The names above but the shared probing's (bound by the sharing package). */
    public static final List<String> ALL = List.of(PROBE_DURATION, PROBES, PROBE_AGE_P50, PROBE_AGE_P99, PROBE_AGE_MAX,
            POLL_INTERVAL, INSTANCES, ANALYSIS_PROBLEMS, RECOVERIES, RECOVERY_DURATION, HOOKS, LEADER, RAFT_ROLE,
            RAFT_TERM, RAFT_LEADER_CHANGES, RAFT_COMMIT_INDEX, RAFT_APPLIED_INDEX, RAFT_FOLLOWER_LAG,
            RAFT_FOLLOWER_LAST_CONTACT, COMMIT_DURATION, APPLY_DURATION, BACKEND_DURATION);

    private MetricNames() {
    }
}
