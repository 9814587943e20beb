package io.quorch.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.junit.jupiter.api.Test;

import io.quorch.config.BackendConfig;
import io.quorch.consensus.local.LocalConsensus;
import io.quorch.domain.NodeIdentity;
import io.quorch.store.BackendMonitor;
import io.quorch.store.NodeStore;
import io.quorch.store.sql.SqliteDialect;
import io.quorch.testing.Await;
import io.quorch.testing.ConfigStub;
import io.quorch.testing.FakeLeadership;

/** The four checks' logic over a backend monitor whose store can be made to fail, and a leadership view. */
class HealthChecksTest {

    private static final NodeIdentity NODE = new NodeIdentity("node1", "t1", "1.0", Instant.EPOCH);

    /** A heartbeat store that fails while {@code failing} is set. */
    private static final class Heartbeats implements NodeStore {
        volatile boolean failing;

        @Override
        public void heartbeat(NodeIdentity node, Instant now) {
            if (failing) {
                throw new IllegalStateException("disk full");
            }
        }

        @Override
        public Optional<Instant> lastHeartbeat(NodeIdentity node) {
            return Optional.empty();
        }
    }

    private final Heartbeats heartbeats = new Heartbeats();
    private final BackendMonitor monitor = new BackendMonitor(heartbeats, NODE);

    private static BackendConfig bailOutAfter(int seconds) {
        return ConfigStub.of(BackendConfig.class, Map.of("bailOutSeconds", seconds));
    }

    @Test
    void livenessStaysUpWhileTheBackendIsLostForLessThanTheBailOut() {
        monitor.started();
        NodeLivenessCheck check = new NodeLivenessCheck(monitor, bailOutAfter(30));
        assertEquals(Status.UP, check.call().getStatus());
        heartbeats.failing = true;
        monitor.check();
        HealthCheckResponse r = check.call();
        assertEquals(Status.UP, r.getStatus(), "a lost backend alone never fails liveness");
        assertEquals(0L, r.getData().orElseThrow().get("backendLostSeconds"));
    }

    @Test
    void livenessGoesDownOnceTheBackendIsLostPastTheBailOut() {
        monitor.started();
        heartbeats.failing = true;
        monitor.check();
        NodeLivenessCheck check = new NodeLivenessCheck(monitor, bailOutAfter(1));
        Await.until("liveness DOWN", Duration.ofSeconds(5), () -> check.call().getStatus() == Status.DOWN);
        heartbeats.failing = false;
        monitor.check();
        assertEquals(Status.UP, check.call().getStatus());
    }

    @Test
    void backendReadinessFollowsTheMonitorAndNamesTheError() {
        BackendReadinessCheck check = new BackendReadinessCheck(monitor, new SqliteDialect(Path.of("data/q.db")));
        assertEquals(Status.DOWN, check.call().getStatus(), "not checked yet");
        monitor.started();
        HealthCheckResponse up = check.call();
        assertEquals(Status.UP, up.getStatus());
        assertTrue(String.valueOf(up.getData().orElseThrow().get("backend")).contains("data/q.db"));
        heartbeats.failing = true;
        monitor.check();
        HealthCheckResponse down = check.call();
        assertEquals(Status.DOWN, down.getStatus());
        assertEquals("disk full", down.getData().orElseThrow().get("error"));
    }

    @Test
    void raftReadinessIsDownUntilTheBackendStartedThenFollowsTheGroup() {
        FakeLeadership follower = new FakeLeadership();
        RaftReadinessCheck check = new RaftReadinessCheck(follower, monitor);
        HealthCheckResponse starting = check.call();
        assertEquals(Status.DOWN, starting.getStatus());
        assertEquals("starting", starting.getData().orElseThrow().get("state"));
        monitor.started();
        HealthCheckResponse ok = check.call();
        assertEquals(Status.UP, ok.getStatus(), "a follower of a live leader is ready");
        assertEquals("Follower", ok.getData().orElseThrow().get("state"));
        assertEquals("leader:10008", ok.getData().orElseThrow().get("leader"));
        follower.healthy = false;
        follower.state = "Candidate";
        assertEquals(Status.DOWN, check.call().getStatus());
    }

    @Test
    void aSingleNodeIsReadyAndLeads() {
        monitor.started();
        LocalConsensus single = new LocalConsensus(null, NODE, "http://node1:3000");
        assertEquals(Status.UP, new RaftReadinessCheck(single.leadership(), monitor).call().getStatus());
        HealthCheckResponse leader = new LeaderCheck(single.leadership(), monitor).call();
        assertEquals(Status.UP, leader.getStatus());
        assertEquals("node1", leader.getData().orElseThrow().get("leader"));
    }

    @Test
    void theLeaderGroupIsUpOnlyOnALeaderWhoseBackendStarted() {
        FakeLeadership leading = FakeLeadership.leading();
        LeaderCheck check = new LeaderCheck(leading, monitor);
        assertEquals(Status.DOWN, check.call().getStatus(), "backend not started yet");
        monitor.started();
        assertEquals(Status.UP, check.call().getStatus());
        leading.leader = false;
        assertEquals(Status.DOWN, check.call().getStatus());
        assertEquals(Status.DOWN, new LeaderCheck(new FakeLeadership(), monitor).call().getStatus());
    }
}
