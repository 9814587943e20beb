package io.quorch.control;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.quorch.consensus.CommandRejectedException;
import io.quorch.consensus.LeadershipContext;
import io.quorch.discovery.DiscoveryException;
import io.quorch.discovery.TopologyProbes;
import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.Text;
import io.quorch.domain.Maintenance;
import io.quorch.domain.ReplicationStatus;
import io.quorch.mysql.ReplicationCommander.Target;
import io.quorch.store.AuditStore;
import io.quorch.store.InstanceStore;
import io.quorch.store.MaintenanceStore;

/**
 * What every operator change shares: it runs on the leader only, starts from the server's state
 * read now (not the last poll's), is refused while the server is in maintenance where orchestrator
 * refuses it, ends by reading the server again, and is audited with who asked and the state before
 * and after.
 */
@ApplicationScoped
public class ControlContext {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(50);

    private final InstanceStore instances;
    private final TopologyProbes probes;
    private final LeadershipContext leadership;
    private final AuditStore audit;
    private final MaintenanceStore maintenance;
    /** Servers an operator change is running on now (on this node). */
    private final ServerLocks locks;

    public ControlContext(InstanceStore instances, TopologyProbes probes, LeadershipContext leadership,
            AuditStore audit, MaintenanceStore maintenance, ServerLocks locks) {
        this.locks = locks;
        this.instances = instances;
        this.probes = probes;
        this.leadership = leadership;
        this.audit = audit;
        this.maintenance = maintenance;
    }

    /** The known server read afresh, on the leader; 404 when quorch does not know it. */
    public Instance begin(InstanceKey key, String change) {
        if (!leadership.isLeader()) {
            throw new CommandRejectedException("this node is not the leader (leader: " + leadership.leader()
                    + "): not " + change + " on " + key, null);
        }
        if (instances.read(key).isEmpty()) {
            throw new ControlException(404, "instance not found: " + key);
        }
        return fresh(key);
    }

    /**
     * Runs one operator change of the server at a time: a second one asked for while the first runs
     * is refused (409) rather than interleaved with it.
     */
    public <T> T exclusive(InstanceKey key, Supplier<T> change) {
        if (locks.holdAll(List.of(key)) != null) {
            throw ControlException.refused("another change of " + key + " is in progress; try again when it ends");
        }
        try {
            return change.get();
        } finally {
            locks.releaseAll(List.of(key));
        }
    }

    /** Probes the server now and returns what was recorded. */
    public Instance fresh(InstanceKey key) {
        try {
            return probes.probeNow(key, PROBE_TIMEOUT);
        } catch (DiscoveryException e) {
            throw new ControlException(e.badRequest() ? 400 : 502, e.getMessage());
        }
    }

    /** Re-reads the server until the condition holds or the time is up; the last state read either way. */
    public Instance awaitState(InstanceKey key, Predicate<Instance> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Instance i = fresh(key);
        while (!condition.test(i) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            i = fresh(key);
        }
        return i;
    }

    /**
     * Refuses a change orchestrator runs under its own maintenance mark while someone else's mark is
     * on the server, in orchestrator's words.
     */
    public void requireNoMaintenance(InstanceKey key, String reason) {
        maintenance.active(key, Instant.now()).ifPresent((Maintenance m) -> {
            throw ControlException.refused("Cannot begin maintenance on " + key
                    + ": Cannot begin maintenance for instance: " + key + "; maintenance reason: " + reason
                    + " (in maintenance by " + m.owner() + ": " + m.reason() + ")");
        });
    }

    public static Target target(Instance i) {
        return Target.of(i.key(), i.state());
    }

    /** Refuses unless the server replicates, in orchestrator's words. */
    public static ReplicationStatus requireReplica(Instance i) {
        if (i.state().replication() == null) {
            throw ControlException.refused("instance is not a replica: " + i.key());
        }
        return i.state().replication();
    }

    /** Audits a change made: who, what, the state before and after. */
    public void audit(String type, String who, Instance before, Instance after, String what) {
        audit.audit(type, before.key(), before.clusterName(), what + "; by " + by(who) + "; before: " + summary(before) + "; after: " + summary(after), Instant.now());
    }

    /** The state an operator change can alter, in one line. */
    static String summary(Instance i) {
        if (i == null) {
            return "unknown";
        }
        StringBuilder b = new StringBuilder();
        b.append("read_only=").append(i.state().readOnly() ? 1 : 0);
        ReplicationStatus r = i.state().replication();
        if (r == null) {
            b.append(", not replicating");
        } else {
            b.append(", master=").append(r.masterHostDetached() ? ReplicationStatus.DETACH_MARK : "")
                    .append(r.masterKey()).append(", io=").append(r.ioThreadState().isEmpty() ? "No"
                            : r.ioThreadState()).append(", sql=").append(r.sqlThreadRunning() ? "Yes" : "No")
                    .append(", exec=").append(r.execBinlogCoordinates().logFile()).append(':')
                    .append(r.execBinlogCoordinates().logPos());
            if (r.sqlDelay() > 0) {
                b.append(", delay=").append(r.sqlDelay());
            }
        }
        return b.toString();
    }

    /** The acting user as the audit shows it: one clean line (the header is the caller's text), "api" when none. */
    public static String by(String who) {
        String clean = Text.line(who, 100);
        return clean.isEmpty() ? "api" : clean;
    }
}
