package io.quorch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quorch.api.dto.ApiResponse;
import io.quorch.api.dto.HealthStatus;
import io.quorch.domain.NodeIdentity;
import io.quorch.store.BackendMonitor;
import io.quorch.store.NodeStore;
import io.quorch.store.sql.SqliteDialect;
import io.quorch.testing.FakeLeadership;

/** /api/health and /api/status on a backend that works, was never checked, or is lost. */
class NodeResourceHealthTest {

    private static final NodeIdentity NODE = new NodeIdentity("node1", "t1", "1.0", Instant.now());

    private volatile boolean failing;
    private final NodeStore heartbeats = new NodeStore() {
        @Override
        public void heartbeat(NodeIdentity node, Instant now) {
            if (failing) {
                throw new IllegalStateException("database is locked");
            }
        }

        @Override
        public Optional<Instant> lastHeartbeat(NodeIdentity node) {
            return Optional.empty();
        }
    };
    private final BackendMonitor monitor = new BackendMonitor(heartbeats, NODE);
    private final FakeLeadership leadership = FakeLeadership.leading();
    private final NodeResource resource = new NodeResource(monitor, NODE,
            new SqliteDialect(Path.of("data/quorch.db")), leadership);

    @Test
    void aWorkingBackendIsHealthyWithTheNodesRaftView() {
        monitor.started();
        var r = resource.health();
        assertEquals(200, r.getStatus());
        ApiResponse body = (ApiResponse) r.getEntity();
        assertEquals("Application node is healthy", body.message());
        HealthStatus s = (HealthStatus) body.details();
        assertTrue(s.healthy());
        assertTrue(s.isRaftLeader());
        assertEquals("self:10008", s.raftLeader());
        assertEquals("Leader", s.raftState());
        assertEquals("Application node status", ((ApiResponse) resource.status().getEntity()).message());
    }

    @Test
    void aBackendNeverCheckedIsUnhealthy() {
        var r = resource.health();
        assertEquals(500, r.getStatus());
        ApiResponse body = (ApiResponse) r.getEntity();
        assertEquals("ERROR", body.code());
        assertEquals("Application node is unhealthy: backend not checked yet", body.message());
    }

    @Test
    void aLostBackendIsUnhealthyNamingTheError() {
        monitor.started();
        failing = true;
        monitor.check();
        leadership.leader = false;
        var r = resource.status();
        assertEquals(500, r.getStatus());
        ApiResponse body = (ApiResponse) r.getEntity();
        assertEquals("Application node is unhealthy: database is locked", body.message());
        assertFalse(((HealthStatus) body.details()).isRaftLeader());
    }
}
