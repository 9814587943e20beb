package io.quorch.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.consensus.CommandRejectedException;
import io.quorch.discovery.TopologyProbes;
import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.Maintenance;
import io.quorch.store.sql.SqlAuditStore;
import io.quorch.testing.FakeLeadership;
import io.quorch.testing.TestBackend;
import io.quorch.topology.TopologyTestData;

/** What every operator change goes through first: the leader, a known server, a fresh probe, maintenance. */
class ControlContextTest {

    @TempDir
    Path dir;
    private TestBackend backend;
    private final FakeLeadership leadership = new FakeLeadership();
    private final List<InstanceKey> probed = new ArrayList<>();
    private ControlContext ctx;
    private final InstanceKey db = TopologyTestData.key(23307);

    @BeforeEach
    void open() {
        backend = TestBackend.sqlite(dir);
        backend.instances().writeProbe(db, TopologyTestData.instance(23307, 23306, 1, true).state(),
                TopologyTestData.NOW);
        TopologyProbes probes = new TopologyProbes() {
            @Override
            public Instance probeNow(InstanceKey key, Duration timeout) {
                probed.add(key);
                return backend.instances().read(key).orElseThrow();
            }

            @Override
            public void requestProbe(InstanceKey key) {
            }

            @Override
            public List<InstanceKey> replicaKeys(InstanceKey key) {
                return List.of();
            }

            @Override
            public Duration pollInterval() {
                return Duration.ofSeconds(1);
            }
        };
        ctx = new ControlContext(backend.instances(), probes, leadership, new SqlAuditStore(backend.jdbc()),
                backend.maintenance(), new ServerLocks());
    }

    @AfterEach
    void close() {
        backend.close();
    }

    @Test
    void aFollowerRefusesBeforeTouchingTheServer() {
        leadership.leader = false;
        CommandRejectedException e = assertThrows(CommandRejectedException.class, () -> ctx.begin(db, "stopping"));
        assertTrue(e.getMessage().contains("not the leader (leader: leader:10008): not stopping on " + db),
                e.getMessage());
        assertEquals(List.of(), probed);
    }

    @Test
    void theLeaderStartsFromAFreshProbeOfAKnownServer() {
        leadership.leader = true;
        assertEquals(db, ctx.begin(db, "stopping").key());
        assertEquals(List.of(db), probed);
        ControlException unknown = assertThrows(ControlException.class,
                () -> ctx.begin(new InstanceKey("nowhere", 3306), "stopping"));
        assertEquals(404, unknown.status());
        assertEquals("instance not found: nowhere:3306", unknown.getMessage());
        assertEquals(List.of(db), probed, "an unknown server is not probed");
    }

    @Test
    void maintenanceRefusesInOrchestratorsWordsUntilItEnds() {
        ctx.requireNoMaintenance(db, "reset replica");
        Instant now = Instant.now();
        backend.maintenance().begin(new Maintenance(0, db, "ops", "disk swap", now.minusSeconds(1),
                now.plusSeconds(60)));
        ControlException e = assertThrows(ControlException.class, () -> ctx.requireNoMaintenance(db,
                "reset replica"));
        assertEquals(409, e.status());
        assertEquals("Cannot begin maintenance on " + db + ": Cannot begin maintenance for instance: " + db
                + "; maintenance reason: reset replica (in maintenance by ops: disk swap)", e.getMessage());
        backend.maintenance().end(db);
        ctx.requireNoMaintenance(db, "reset replica");
    }

    @Test
    void aPrimaryIsNotAReplica() {
        Instance primary = TopologyTestData.instance(23306, null, 0, true);
        ControlException e = assertThrows(ControlException.class, () -> ControlContext.requireReplica(primary));
        assertEquals(409, e.status());
        assertEquals("instance is not a replica: " + primary.key(), e.getMessage());
    }

    @Test
    void oneChangeOfAServerAtATime() {
        ControlException e = assertThrows(ControlException.class, () -> ctx.exclusive(db,
                () -> ctx.exclusive(db, () -> "second")));
        assertEquals(409, e.status());
        assertEquals("another change of " + db + " is in progress; try again when it ends", e.getMessage());
        assertEquals("again", ctx.exclusive(db, () -> "again"), "the server is free once the change ended");
        assertEquals("other", ctx.exclusive(db, () -> ctx.exclusive(TopologyTestData.key(23308), () -> "other")));
    }
}
