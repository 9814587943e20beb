package io.quorch.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quorch.consensus.RaftStats;
import io.quorch.testing.FakeLeadership;

/** The raft gauges read the node's leadership when scraped; followers' rows exist only on the leader. */
class RaftGaugesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private double gauge(String name, String... tags) {
        return registry.find(name).tags(tags).gauge().value();
    }

    @Test
    void aSingleNodeLeadsWithoutRaftFigures() {
        FakeLeadership single = FakeLeadership.leading();
        new RaftGauges(() -> single).bind(registry);
        assertEquals(1, gauge(MetricNames.LEADER));
        assertEquals(1, gauge(MetricNames.RAFT_ROLE, "role", "leader"));
        assertEquals(0, gauge(MetricNames.RAFT_ROLE, "role", "follower"));
        assertTrue(Double.isNaN(gauge(MetricNames.RAFT_TERM)));
        assertEquals(0, registry.find(MetricNames.RAFT_LEADER_CHANGES).functionCounter().count());
    }

    @Test
    void theLeaderReportsItsFollowersAndAFollowerNone() {
        FakeLeadership node = FakeLeadership.leading();
        node.raftStats = Optional.of(new RaftStats(7, 120, 119, 3, Map.of("10.0.0.2:10008", 4L, "10.0.0.3:10008", 0L),
                Map.of("10.0.0.2:10008", 2500L, "10.0.0.3:10008", 40L)));
        RaftGauges gauges = new RaftGauges(() -> node);
        gauges.bind(registry);
        gauges.refreshFollowers();
        assertEquals(7, gauge(MetricNames.RAFT_TERM));
        assertEquals(120, gauge(MetricNames.RAFT_COMMIT_INDEX));
        assertEquals(119, gauge(MetricNames.RAFT_APPLIED_INDEX));
        assertEquals(3, registry.find(MetricNames.RAFT_LEADER_CHANGES).functionCounter().count());
        assertEquals(4, gauge(MetricNames.RAFT_FOLLOWER_LAG, "follower", "10.0.0.2:10008"));
        assertEquals(2.5, gauge(MetricNames.RAFT_FOLLOWER_LAST_CONTACT, "follower", "10.0.0.2:10008"));

        node.leader = false;
        node.state = "Follower";
        node.raftStats = Optional.of(new RaftStats(8, 121, 121, 4, Map.of(), Map.of()));
        gauges.refreshFollowers();
        assertEquals(0, gauge(MetricNames.LEADER));
        assertEquals(1, gauge(MetricNames.RAFT_ROLE, "role", "follower"));
        assertEquals(4, registry.find(MetricNames.RAFT_LEADER_CHANGES).functionCounter().count());
        assertNull(registry.find(MetricNames.RAFT_FOLLOWER_LAG).tag("follower", "10.0.0.2:10008").gauge(),
                "a follower reports no followers");
    }
}
