package io.quorch.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.consensus.ReplicatedCommand;
import io.quorch.consensus.ValidatingCommandBus;
import io.quorch.domain.InstanceKey;
import io.quorch.store.sql.SqlAuditStore;
import io.quorch.testing.TestBackend;
import io.quorch.topology.TopologyTestData;

/** Maintenance through the (validating) command bus onto a real backend: begin, refusals, ends, audit. */
class MaintenanceServiceTest {

    @TempDir
    Path dir;
    private TestBackend backend;
    private MaintenanceService service;
    private final List<ReplicatedCommand> submitted = new ArrayList<>();
    private final InstanceKey db = TopologyTestData.key(23307);

    @BeforeEach
    void open() {
        backend = TestBackend.sqlite(dir);
        backend.instances().writeProbe(db, TopologyTestData.instance(23307, 23306, 0, true).state(),
                TopologyTestData.NOW);
        var applier = backend.applier();
        service = new MaintenanceService(new ValidatingCommandBus(c -> {
            submitted.add(c);
            applier.apply(c);
        }), backend.maintenance(), backend.instances(), new SqlAuditStore(backend.jdbc()));
    }

    @AfterEach
    void close() {
        backend.close();
    }

    private ControlException refused(int status, org.junit.jupiter.api.function.Executable call, String part) {
        int before = submitted.size();
        ControlException e = assertThrows(ControlException.class, call);
        assertEquals(status, e.status(), e.getMessage());
        assertTrue(e.getMessage().contains(part), e.getMessage());
        assertEquals(before, submitted.size(), "a refusal submits nothing");
        return e;
    }

    @Test
    void beginsOnceEndsByKeyOrTokenAndAuditsEach() {
        var m = service.begin(db, "ops", "disk swap", Optional.empty(), "alice");
        assertTrue(service.inMaintenance(db));
        assertEquals(Duration.ofMinutes(10), Duration.between(m.begin(), m.end()), "orchestrator's default");
        refused(409, () -> service.begin(db, "bob", "again", Optional.empty(), "bob"),
                "Cannot begin maintenance for instance: " + db + "; maintenance reason: again");
        service.end(db, "alice");
        assertFalse(service.inMaintenance(db));
        refused(409, () -> service.end(db, "alice"), "Instance is not in maintenance mode; key: " + db);
        var again = service.begin(db, "ops", "upgrade", Optional.of(Duration.ofHours(2)), null);
        assertEquals(Duration.ofHours(2), Duration.between(again.begin(), again.end()));
        refused(409, () -> service.end(again.id() + 100, "x"), "token = " + (again.id() + 100));
        service.end(again.id(), "x");
        assertEquals(List.of(), service.active());
        var audit = new SqlAuditStore(backend.jdbc()).recent(10).stream().map(e -> e.type() + " " + e.message())
                .toList();
        assertEquals(4, audit.size(), audit.toString());
        assertTrue(audit.get(3).startsWith("begin-maintenance maintenanceToken: 1, owner: ops, reason: disk swap"),
                audit.toString());
        assertTrue(audit.get(3).endsWith("by alice"), audit.toString());
    }

    @Test
    void badArgumentsAndUnknownInstancesChangeNothing() {
        refused(400, () -> service.begin(db, " ", "why", Optional.empty(), null), "needs an owner");
        refused(400, () -> service.begin(db, "ops", "", Optional.empty(), null), "needs a reason");
        refused(400, () -> service.begin(db, "ops", "why", Optional.of(Duration.ZERO), null), "must be positive");
        refused(400, () -> service.begin(db, "ops", "why", Optional.of(Duration.ofDays(4000)), null), "at most");
        refused(404, () -> service.begin(new InstanceKey("nowhere", 3306), "ops", "why", Optional.empty(), null),
                "instance not found: nowhere:3306");
        assertEquals(List.of(), submitted);
    }
}
