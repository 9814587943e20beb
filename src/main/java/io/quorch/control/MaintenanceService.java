package io.quorch.control;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quorch.consensus.CommandBus;
import io.quorch.consensus.CommandValidator;
import io.quorch.consensus.ReplicatedCommand;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.Maintenance;
import io.quorch.store.AuditStore;
import io.quorch.store.InstanceStore;
import io.quorch.store.MaintenanceStore;

/**
 * Maintenance marks, a user intent every node holds alike (through the command bus, so only the
 * leader takes them). A mark lasts its duration (orchestrator's 10 minutes by default) and ends on
 * its own then; while it lasts, topology changes of the server are refused.
 */
@ApplicationScoped
public class MaintenanceService {

    private final CommandBus commands;
    private final MaintenanceStore store;
    private final InstanceStore instances;
    private final AuditStore audit;

    public MaintenanceService(CommandBus commands, MaintenanceStore store, InstanceStore instances, AuditStore audit) {
        this.commands = commands;
        this.store = store;
        this.instances = instances;
        this.audit = audit;
    }

    /** Begins a mark on a known server; refused, in orchestrator's words, while it already has one. */
    public Maintenance begin(InstanceKey key, String owner, String reason, Optional<Duration> duration, String who) {
        if (owner == null || owner.isBlank()) {
            throw ControlException.badArgument("begin-maintenance needs an owner");
        }
        if (reason == null || reason.isBlank()) {
            throw ControlException.badArgument("begin-maintenance needs a reason");
        }
        Duration d = duration.orElse(Maintenance.DEFAULT_DURATION);
        if (d.isZero() || d.isNegative() || d.compareTo(CommandValidator.MAX_DOWNTIME) > 0) {
            throw ControlException.badArgument("maintenance duration must be positive and at most "
                    + CommandValidator.MAX_DOWNTIME.toDays() + " days, got " + d.toSeconds() + "s");
        }
        if (instances.read(key).isEmpty()) {
            throw new ControlException(404, "instance not found: " + key);
        }
        Instant now = Instant.now();
        if (store.active(key, now).isPresent()) {
            throw ControlException.refused("Cannot begin maintenance for instance: " + key + "; maintenance reason: "
                    + reason);
        }
        commands.submit(new ReplicatedCommand.BeginMaintenance(key, owner, reason, now.plus(d), now));
        Maintenance m = store.active(key, now).orElseThrow(() -> new IllegalStateException(
                "maintenance of " + key + " not recorded after it was applied"));
        audit.audit("begin-maintenance", key, "", "maintenanceToken: " + m.id() + ", owner: " + owner + ", reason: "
                + reason + ", until: " + m.end() + "; by " + by(who), now);
        return m;
    }

    /** Ends the server's mark; refused when it has none. */
    public Maintenance end(InstanceKey key, String who) {
        Maintenance m = store.active(key, Instant.now()).orElseThrow(() -> ControlException.refused(
                "Instance is not in maintenance mode; key: " + key));
        return end(m, who);
    }

    /** Ends the mark with this id (orchestrator's maintenance token). */
    public Maintenance end(long id, String who) {
        Maintenance m = store.allActive(Instant.now()).stream().filter(x -> x.id() == id).findFirst()
                .orElseThrow(() -> ControlException.refused("Instance is not in maintenance mode; token = " + id));
        return end(m, who);
    }

    private Maintenance end(Maintenance m, String who) {
        commands.submit(new ReplicatedCommand.EndMaintenance(m.key(), Instant.now()));
        audit.audit("end-maintenance", m.key(), "", "maintenanceToken: " + m.id() + "; by " + by(who), Instant.now());
        return m;
    }

    public boolean inMaintenance(InstanceKey key) {
        return store.inMaintenance(key);
    }

    public List<Maintenance> active() {
        return store.allActive(Instant.now());
    }

    private static String by(String who) {
        return ControlContext.by(who);
    }
}
