package io.quorch.refactor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quorch.config.RecoveryConfig;
import io.quorch.control.ServerLocks;
import io.quorch.consensus.LeadershipContext;
import io.quorch.discovery.DiscoveryException;
import io.quorch.discovery.TopologyProbes;
import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.ReplicationStatus;
import io.quorch.domain.Text;
import io.quorch.recovery.LeadershipLostException;
import io.quorch.store.AuditStore;
import io.quorch.store.InstanceStore;
import io.quorch.topology.Move;
import io.quorch.topology.MovePlan;
import io.quorch.topology.MoveRefusedException;
import io.quorch.topology.TopologySnapshot;

/**
 * The topology-change pipeline, on the leader only: probe the servers involved, plan with the rules
 * (a refusal changes nothing), hold every touched server against concurrent moves, run each move,
 * re-probe every touched server, audit who did what with the before and after, and answer with fresh
 * state. A move that fails reports where each touched server replicates from now; so does a move whose
 * server, once settled, replicates from its new source with a replication error (a source that died after
 * the change): it is not answered as done.
 */
@ApplicationScoped
public class RefactorService {

    private static final Logger LOG = Logger.getLogger(RefactorService.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
    private static final int AUDIT_CHARS = 4000;
    private static final Duration SETTLE_TIME = Duration.ofSeconds(3);

    /** What an operation did: the plan, the subject's fresh state, the moved servers' fresh state, and failures. */
    public record Outcome(MovePlan plan, Instance subject, List<Instance> moved, List<String> errors) {
    }

    private final InstanceStore instances;
    private final TopologyProbes probes;
    private final MoveExecutor executor;
    private final AuditStore audit;
    private final LeadershipContext leadership;
    private final RecoveryConfig config;
    private final MaintenanceLookup maintenance;
    /** Servers an operator's change is working on right now: orchestrator's maintenance lock, held for the operation. */
    private final ServerLocks locks;

    public RefactorService(InstanceStore instances, TopologyProbes probes, MoveExecutor executor, AuditStore audit,
            LeadershipContext leadership, RecoveryConfig config, MaintenanceLookup maintenance, ServerLocks locks) {
        this.locks = locks;
        this.instances = instances;
        this.probes = probes;
        this.executor = executor;
        this.audit = audit;
        this.leadership = leadership;
        this.config = config;
        this.maintenance = maintenance;
    }

    /** Plans against fresh state without changing anything (can-replicate-from and friends). */
    public <T> T check(Function<TopologySnapshot, T> question, InstanceKey... involved) {
        try {
            return question.apply(snapshot(involved));
        } catch (MoveRefusedException e) {
            throw new RefactorException(400, e.getMessage());
        }
    }

    /** Plans and runs one operation on behalf of who. */
    public Outcome run(String who, Function<TopologySnapshot, MovePlan> planner, InstanceKey... involved) {
        if (!leadership.isLeader()) {
            throw new RefactorException(503, "not the leader (leader: " + leadership.leader()
                    + "): topology changes run on the leader");
        }
        TopologySnapshot snapshot = snapshot(involved);
        MovePlan plan;
        try {
            plan = planner.apply(snapshot);
        } catch (MoveRefusedException e) {
            throw new RefactorException(400, e.getMessage());
        }
        List<InstanceKey> touched = plan.touched();
        InstanceKey taken = locks.holdAll(touched);
        if (taken != null) {
            throw new RefactorException(409, "Cannot begin maintenance on " + taken
                    + ": another topology change is moving it");
        }
        try {
            return execute(who, plan, snapshot);
        } finally {
            locks.releaseAll(touched);
        }
    }

    private Outcome execute(String who, MovePlan plan, TopologySnapshot snapshot) {
        List<String> errors = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Move> done = new ArrayList<>();
        for (Move move : plan.moves()) {
            try {
                notes.addAll(executor.run(move, snapshot));
                done.add(move);
            } catch (LeadershipLostException e) {
                errors.add(move.describe() + ": " + e.getMessage());
                break;
            } catch (RefactorException e) {
                if (plan.moves().size() == 1) {
                    throw e;
                }
                errors.add(move.describe() + ": " + e.getMessage());
            } catch (RuntimeException e) {
                LOG.warnf("%s: %s failed: %s", plan.operation(), move.describe(), e.getMessage());
                errors.add(move.describe() + ": " + e.getMessage());
            }
        }
        List<InstanceKey> touched = plan.touched();
        settle(touched);
        for (Move move : List.copyOf(done)) {
            String broken = brokenAfter(move, instances.read(moved(move)));
            if (broken != null) {
                done.remove(move);
                errors.add(move.describe() + ": " + broken);
            }
        }
        String after = where(touched);
        String before = String.join(", ", touched.stream().map(k -> k + "<" + snapshot.find(k)
                .map(i -> String.valueOf(i.masterKey())).orElse("?")).toList());
        String cluster = snapshot.find(plan.subject()).map(Instance::clusterName).orElse("");
        String message = "by " + (who.isBlank() ? "(anonymous)" : who) + ": "
                + String.join("; ", plan.moves().stream().map(Move::describe).toList())
                + (plan.moves().isEmpty() ? "nothing to move" : "") + "; before: " + before + "; after: " + after
                + (notes.isEmpty() ? "" : "; " + String.join("; ", notes))
                + (errors.isEmpty() ? "" : "; errors: " + String.join("; ", errors))
                + (plan.skipped().isEmpty() ? "" : "; left in place: " + String.join("; ", plan.skipped()));
        try {
            audit.audit(plan.operation(), plan.subject(), cluster, Text.lines(message, AUDIT_CHARS), Instant.now());
        } catch (RuntimeException e) {
            LOG.warnf("cannot audit %s: %s", plan.operation(), e.getMessage());
        }
        LOG.infof("%s %s", plan.operation(), message);
        if (!errors.isEmpty() && done.isEmpty()) {
            throw new RefactorException(500, plan.operation() + " failed: " + String.join("; ", errors) + "; now: "
                    + after);
        }
        List<String> reported = new ArrayList<>(errors);
        reported.addAll(plan.skipped());
        Instance subject = instances.read(plan.subject()).orElse(snapshot.require(plan.subject()));
        List<Instance> moved = done.stream().map(Move::replica).distinct()
                .map(k -> instances.read(k).orElse(snapshot.require(k))).toList();
        return new Outcome(plan, subject, moved, reported);
    }

    /** The server a move gives a new source (make-co-master gives the master one). */
    static InstanceKey moved(Move move) {
        return move instanceof Move.MakeCoMaster m ? m.master() : move.replica();
    }

    /**
     * What is wrong with a finished move's server as just probed, or null: one that replicates from its
     * new source with a replication error and a stopped thread (the new source died after the change, or
     * refuses it) is not reported as moved.
     */
    static String brokenAfter(Move move, Optional<Instance> fresh) {
        InstanceKey source = move instanceof Move.MakeCoMaster m ? m.replica() : move.newSource();
        ReplicationStatus r = fresh.filter(Instance::lastCheckValid).map(i -> i.state().replication()).orElse(null);
        if (r == null || !source.equals(r.masterKey()) || r.replicating()
                || r.lastIoError().isBlank() && r.lastSqlError().isBlank()) {
            return null;
        }
        return moved(move) + " replicates from " + source + " but "
                + (r.ioThreadRunning() ? "" : "its IO thread is "
                        + ("Connecting".equalsIgnoreCase(r.ioThreadState()) ? "connecting" : "stopped"))
                + (r.ioThreadRunning() || r.sqlThreadRunning() ? "" : " and ")
                + (r.sqlThreadRunning() ? "" : "its SQL thread is stopped")
                + (r.lastIoError().isBlank() ? "" : ": " + Text.line(r.lastIoError(), 300))
                + (r.lastSqlError().isBlank() ? "" : ": " + Text.line(r.lastSqlError(), 300));
    }

    /**
     * Re-probes the touched servers; a replica whose threads were just started may still be connecting, so
     * for up to SETTLE_TIME the probes repeat until every touched replica replicates.
     */
    private void settle(List<InstanceKey> touched) {
        long deadline = System.nanoTime() + SETTLE_TIME.toNanos();
        while (true) {
            touched.forEach(this::probe);
            boolean settled = touched.stream().map(instances::read).flatMap(Optional::stream)
                    .allMatch(i -> !i.isReplica() || i.state().replication().replicating());
            if (settled || System.nanoTime() > deadline) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** "a<b (replicating), c<d (not replicating)": where each server replicates from, as just probed. */
    private String where(List<InstanceKey> keys) {
        List<String> out = new ArrayList<>();
        for (InstanceKey k : keys) {
            Optional<Instance> i = instances.read(k);
            out.add(i.map(x -> k + "<" + (x.masterKey() == null ? "none" : x.masterKey()
                    + (x.state().replication().replicating() ? " (replicating)" : " (not replicating)")))
                    .orElse(k + "<?"));
        }
        return String.join(", ", out);
    }

    /** The known servers, with those involved and the rest of their clusters probed afresh. */
    private TopologySnapshot snapshot(InstanceKey... involved) {
        Set<String> clusters = new LinkedHashSet<>();
        for (InstanceKey k : involved) {
            if (k != null) {
                instances.read(k).ifPresent(i -> clusters.add(i.clusterName()));
            }
        }
        Set<InstanceKey> fresh = new LinkedHashSet<>();
        for (InstanceKey k : involved) {
            if (k != null && instances.read(k).isPresent()) {
                // only known servers: a request never makes quorch probe a host it does not know
                fresh.add(k);
            }
        }
        clusters.forEach(c -> instances.readCluster(c).forEach(i -> fresh.add(i.key())));
        fresh.forEach(this::probe);
        return TopologySnapshot.of(instances.readAll(), maintenance::inMaintenance,
                config.reasonableMaintenanceLagSeconds(), Instant.now(), probes.pollInterval());
    }

    private void probe(InstanceKey key) {
        try {
            probes.probeNow(key, PROBE_TIMEOUT);
        } catch (DiscoveryException e) {
            LOG.debugf("probing %s: %s", key, e.getMessage());
        }
    }
}
