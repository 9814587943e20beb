package io.quorch.consensus.ratis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.ratis.metrics.MetricRegistries;
import org.apache.ratis.metrics.MetricRegistryInfo;
import org.apache.ratis.metrics.RatisMetricRegistry;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quorch.config.RaftConfig;
import io.quorch.testing.ConfigStub;

/** Ratis' own metrics under quorch's names: peers taken out into a tag, and gone when Ratis drops them. */
class RatisMetersTest {

    static final List<String> PEERS = List.of("127.0.0.1_10008", "127.0.0.1_10009");

    @Test
    void aPeerInTheNameBecomesATagAndNamesAreSnakeCase() {
        var s = RatisMeters.shown("server", "127.0.0.1_10009_peerCommitIndex", PEERS);
        assertEquals("quorch.ratis.server.peer_commit_index", s.name());
        assertEquals("127.0.0.1_10009", s.peer());
        s = RatisMeters.shown("log_appender", "follower_127.0.0.1_10008_success_reply_count", PEERS);
        assertEquals("quorch.ratis.log_appender.follower_success_reply_count", s.name());
        assertEquals("127.0.0.1_10008", s.peer());
        s = RatisMeters.shown("log_worker", "flushTime", PEERS);
        assertEquals("quorch.ratis.log_worker.flush_time", s.name());
        assertNull(s.peer());
        // a peer id that only starts another word is no peer
        assertNull(RatisMeters.shown("server", "127.0.0.1_100080_x", PEERS).peer());
    }

    @Test
    void aRegistryRatisHoldsIsShownAndUnboundOnceDropped() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RaftConfig raft = ConfigStub.of(RaftConfig.class,
                Map.of("nodes", Optional.of(List.of("127.0.0.1:10008", "127.0.0.1:10009")), "defaultPort", 10008));
        RatisMeters bridge = new RatisMeters(meters, raft);
        MetricRegistryInfo info = new MetricRegistryInfo("127.0.0.1_10008@group-ABC", "ratis", "server",
                "for a test");
        RatisMetricRegistry r = MetricRegistries.global().create(info);
        try {
            r.counter("numInstallSnapshot").inc(3);
            r.gauge("127.0.0.1_10009_peerCommitIndex", () -> () -> 42L);
            r.timer("clientWriteRequest").time().stop();
            bridge.refresh();
            assertEquals(3, meters.get("quorch.ratis.server.num_install_snapshot").tag("member", "127.0.0.1_10008")
                    .functionCounter().count());
            assertEquals(42, meters.get("quorch.ratis.server.peer_commit_index").tag("peer", "127.0.0.1_10009")
                    .gauge().value());
            assertEquals(1, meters.get("quorch.ratis.server.client_write_request.events").functionCounter().count());
            assertTrue(meters.get("quorch.ratis.server.client_write_request.seconds").tag("percentile", "99").gauge()
                    .value() < TimeUnit.SECONDS.toNanos(1));
        } finally {
            MetricRegistries.global().remove(info);
        }
        bridge.refresh();
        assertTrue(meters.find("quorch.ratis.server.num_install_snapshot").meters().isEmpty(),
                "a dropped registry's metrics are unbound");
    }
}
