package io.quorch.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Provider;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quorch.consensus.LeadershipContext;
import io.quorch.consensus.RaftStats;

/**
 * This node's place in the raft group: whether it acts as leader, its role and term, the leader
 * changes it saw, the log's commit and applied indexes and, on the leader, each follower's lag.
 * In single-node mode the node is always the leader and the raft figures are absent. The consensus
 * is looked up when a value is read, never while the gauges are registered (that would start raft
 * before the startup checks ran).
 */
@ApplicationScoped
public class RaftGauges {

    static final List<String> ROLES = List.of("leader", "follower", "candidate", "starting", "shutdown");

    private final Provider<LeadershipContext> leadership;
    private MultiGauge followerLag;
    private MultiGauge followerContact;

    public RaftGauges(Provider<LeadershipContext> leadership) {
        this.leadership = leadership;
    }

    void bind(@Observes StartupEvent started, MeterRegistry registry) {
        bind(registry);
    }

    void bind(MeterRegistry registry) {
        Gauge.builder(MetricNames.LEADER, this, g -> g.leadership.get().isLeader() ? 1 : 0)
                .description("1 while this node may act: the raft leader heard by a majority, or a single node")
                .register(registry);
        for (String role : ROLES) {
            Gauge.builder(MetricNames.RAFT_ROLE, this, g -> g.role().equals(role) ? 1 : 0).tag("role", role)
                    .description("1 for this node's raft role").register(registry);
        }
        Gauge.builder(MetricNames.RAFT_TERM, this, stat(RaftStats::term)).description("The raft term this node is in")
                .register(registry);
        Gauge.builder(MetricNames.RAFT_COMMIT_INDEX, this, stat(RaftStats::commitIndex))
                .description("The last raft log index this node knows committed").register(registry);
        Gauge.builder(MetricNames.RAFT_APPLIED_INDEX, this, stat(RaftStats::appliedIndex))
                .description("The last raft log index this node applied to its backend").register(registry);
        FunctionCounter.builder(MetricNames.RAFT_LEADER_CHANGES, this,
                g -> g.stats().map(RaftStats::leaderChanges).orElse(0L)).description("Raft leader changes this node saw")
                .register(registry);
        followerLag = MultiGauge.builder(MetricNames.RAFT_FOLLOWER_LAG)
                .description("On the leader: log entries a follower's commit index is behind the leader's")
                .register(registry);
        followerContact = MultiGauge.builder(MetricNames.RAFT_FOLLOWER_LAST_CONTACT)
                .description("On the leader: seconds since a follower last answered").register(registry);
    }

    /** The followers are known only on the leader and only once raft runs: their rows are redone every second. */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshFollowers() {
        if (followerLag == null) {
            return;
        }
        Optional<RaftStats> stats = stats();
        followerLag.register(rows(stats.map(RaftStats::followerLag).orElse(Map.of()), 1), true);
        followerContact.register(rows(stats.map(RaftStats::followerLastContactMillis).orElse(Map.of()), 1000), true);
    }

    private static List<MultiGauge.Row<?>> rows(Map<String, Long> byFollower, double divisor) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        byFollower.forEach((follower, value) -> rows.add(MultiGauge.Row.of(Tags.of("follower", follower),
                value / divisor)));
        return rows;
    }

    String role() {
        return leadership.get().state().toLowerCase(Locale.ROOT);
    }

    Optional<RaftStats> stats() {
        return leadership.get().raftStats();
    }

    private static ToDoubleFunction<RaftGauges> stat(ToDoubleFunction<RaftStats> value) {
        return g -> g.stats().map(value::applyAsDouble).orElse(Double.NaN);
    }
}
