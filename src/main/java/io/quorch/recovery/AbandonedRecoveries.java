package io.quorch.recovery;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quorch.analysis.AnalysisCode;
import io.quorch.config.RecoveryConfig;
import io.quorch.consensus.CommandBus;
import io.quorch.consensus.ReplicatedCommand;
import io.quorch.discovery.DiscoveryException;
import io.quorch.discovery.TopologyProbes;
import io.quorch.domain.AckSelector;
import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.RecoveryMilestone;
import io.quorch.domain.RecoveryType;
import io.quorch.domain.TopologyRecovery;
import io.quorch.store.AuditStore;
import io.quorch.store.RecoveryStore;

/**
 * Finishes recoveries that a leader left unresolved when it stopped leading. The steps it recorded
 * say whether it began promoting a successor; the servers say how far it got:
 * <ul>
 * <li>nothing promoted: the recovery is resolved as failed and acknowledged, and this leader
 * recovers afresh (a graceful takeover's fenced primary is made writable again first);</li>
 * <li>a successor chosen and reachable: its promotion is completed, the replicas still under the
 * failed primary are moved under it, and the recovery is resolved as successful;</li>
 * <li>anything that cannot be verified (successor unreachable, old primary writable again, another
 * replica writable too): no
 * second server is promoted; the recovery is resolved as failed, left unacknowledged (so it blocks
 * automated recovery of the cluster for RecoveryPeriodBlockSeconds) and audited with the reason.</li>
 * </ul>
 */
@ApplicationScoped
public class AbandonedRecoveries {

    private static final Logger LOG = Logger.getLogger(AbandonedRecoveries.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    private final RecoveryStore store;
    private final RecoveryRecorder recorder;
    private final CommandBus commands;
    private final TopologyProbes probes;
    private final RecoveryCommands commander;
    private final MasterFailover failover;
    private final AuditStore audit;
    private final RecoveryConfig config;
    private final PostRecoveryHooks hooks;

    public AbandonedRecoveries(RecoveryStore store, RecoveryRecorder recorder, CommandBus commands,
            TopologyProbes probes, RecoveryCommands commander, MasterFailover failover, AuditStore audit,
            HookRunner hookRunner, RecoveryConfig config) {
        this.store = store;
        this.recorder = recorder;
        this.commands = commands;
        this.probes = probes;
        this.commander = commander;
        this.failover = failover;
        this.audit = audit;
        this.config = config;
        this.hooks = new PostRecoveryHooks(hookRunner, config);
    }

    /** Finishes every unresolved recovery another node started; returns how many it resolved. */
    public int finishAll() {
        int finished = 0;
        for (TopologyRecovery r : store.unresolved()) {
            if (r.processingToken().equals(recorder.node().token())) {
                continue;
            }
            try {
                finish(r);
                finished++;
            } catch (LeadershipLostException e) {
                LOG.infof("not finishing recovery %d: %s", r.id(), e.getMessage());
                return finished;
            } catch (RuntimeException e) {
                LOG.warnf(e, "cannot finish abandoned recovery %d yet", r.id());
            }
        }
        return finished;
    }

    void finish(TopologyRecovery r) {
        List<RecoveryMilestone> milestones = store.steps(r.uid()).stream()
                .flatMap(s -> RecoveryMilestone.parse(s.message()).stream()).toList();
        Optional<InstanceKey> successor = milestones.stream()
                .filter(m -> m.kind() == RecoveryMilestone.Kind.PROMOTING
                        || m.kind() == RecoveryMilestone.Kind.PROMOTED)
                .map(RecoveryMilestone::key).reduce((first, last) -> last);
        RecoveryContext ctx = recorder.resume(r);
        ctx.step("taken over by " + recorder.node().hostname() + ": " + r.processingNode()
                + " stopped leading before finishing this recovery");
        if (successor.isEmpty()) {
            if (r.type() == RecoveryType.GRACEFUL) {
                reopenFencedPrimary(ctx, r.failedKey());
            }
            String why = "abandoned: " + r.processingNode() + " stopped leading before promoting anything";
            ctx.error(why);
            recorder.resolve(ctx, false);
            runHooks(ctx, r, false);
            commands.submit(new ReplicatedCommand.AckRecovery(new AckSelector.Uid(r.uid()),
                    recorder.node().hostname(), why, Instant.now()));
            audit.audit("recovery-abandoned", r.failedKey(), r.clusterName(), "recovery " + r.id() + ": " + why,
                    Instant.now());
            return;
        }
        finishPromotion(ctx, r, successor.get(), milestones);
    }

    private void finishPromotion(RecoveryContext ctx, TopologyRecovery r, InstanceKey s,
            List<RecoveryMilestone> milestones) {
        Optional<Instance> failed = probe(r.failedKey());
        if (r.type() != RecoveryType.GRACEFUL && failed.isPresent() && failed.get().masterKey() == null
                && !failed.get().state().readOnly()) {
            failSafe(ctx, r, "the failed primary " + r.failedKey() + " answers again and is writable: not finishing"
                    + " the promotion of " + s);
            return;
        }
        Optional<Instance> successor = probe(s);
        if (successor.isEmpty()) {
            failSafe(ctx, r, "the chosen successor " + s + " does not answer: cannot tell whether it was promoted;"
                    + " no other server is promoted");
            return;
        }
        Instance succ = successor.get();
        if (succ.masterKey() != null && !succ.masterKey().equals(r.failedKey())) {
            failSafe(ctx, r, "the chosen successor " + s + " replicates from " + succ.masterKey()
                    + ", not from the failed primary: not finishing");
            return;
        }
        Set<InstanceKey> replicas = new LinkedHashSet<>(probes.replicaKeys(r.failedKey()));
        milestones.stream().filter(m -> m.kind() == RecoveryMilestone.Kind.REPOINTING).map(RecoveryMilestone::key)
                .forEach(replicas::add);
        replicas.remove(s);
        replicas.remove(r.failedKey());
        Map<InstanceKey, Optional<Instance>> seen = new LinkedHashMap<>();
        replicas.forEach(k -> seen.put(k, probe(k)));
        Optional<InstanceKey> otherPrimary = seen.values().stream().flatMap(Optional::stream)
                .filter(i -> i.masterKey() == null && !i.state().readOnly()).map(Instance::key).findFirst();
        if (otherPrimary.isPresent()) {
            failSafe(ctx, r, otherPrimary.get() + " takes writes as well as the chosen successor " + s
                    + ": not finishing; the cluster needs a person");
            return;
        }
        if (succ.masterKey() != null) {
            failover.promoteOnly(MasterFailover.target(succ));
        } else if (config.applyPromotion() && succ.state().readOnly()) {
            commander.setReadOnly(MasterFailover.target(succ), false);
        }
        ctx.successor(s);
        ctx.milestone(RecoveryMilestone.Kind.PROMOTED, s, s + " is the primary (checked by "
                + recorder.node().hostname() + ")");
        seen.forEach((k, replica) -> moveUnder(ctx, k, replica, r.failedKey(), s));
        if (r.type() == RecoveryType.GRACEFUL) {
            failed.filter(m -> m.masterKey() == null).ifPresent(m -> {
                commander.changeMaster(MasterFailover.target(m), s, true);
                ctx.step(m.key() + " now replicates from " + s);
            });
        }
        recorder.resolve(ctx, true);
        runHooks(ctx, r, true);
        audit.audit("recovery-resumed", r.failedKey(), r.clusterName(), "recovery " + r.id() + " finished by "
                + recorder.node().hostname() + ": successor " + s, Instant.now());
        probes.requestProbe(s);
        replicas.forEach(probes::requestProbe);
    }

    /** A replica still under the failed primary moves under the successor; one already there is left alone. */
    private void moveUnder(RecoveryContext ctx, InstanceKey k, Optional<Instance> replica, InstanceKey failedKey,
            InstanceKey s) {
        if (replica.isEmpty()) {
            ctx.lost(k, "unreachable");
            return;
        }
        Instance i = replica.get();
        ctx.participant(k);
        if (s.equals(i.masterKey())) {
            ctx.step(k + " already replicates from " + s);
            return;
        }
        if (!failedKey.equals(i.masterKey())) {
            ctx.step(k + " replicates from " + i.masterKey() + ": left as it is");
            return;
        }
        try {
            failover.repoint(ctx, i, s);
        } catch (LeadershipLostException e) {
            throw e;
        } catch (RuntimeException e) {
            ctx.lost(k, "repointing failed: " + RecoveryService.message(e));
        }
    }

    /** A graceful takeover abandoned before its promotion: its primary takes writes again. */
    private void reopenFencedPrimary(RecoveryContext ctx, InstanceKey primary) {
        probe(primary).filter(p -> p.masterKey() == null && p.state().readOnly()).ifPresent(p -> {
            commander.setReadOnly(MasterFailover.target(p), false);
            ctx.step("takeover abandoned before its promotion: " + primary + " is writable again");
        });
    }

    private void failSafe(RecoveryContext ctx, TopologyRecovery r, String why) {
        ctx.error(why);
        recorder.resolve(ctx, false);
        runHooks(ctx, r, false);
        audit.audit("recovery-abandoned-unsafe", r.failedKey(), r.clusterName(), "recovery " + r.id() + ": " + why,
                Instant.now());
        LOG.warnf("abandoned recovery %d: %s", r.id(), why);
    }

    /** The hooks the recovery's first leader did not get to run (graceful takeovers run none on failure). */
    private void runHooks(RecoveryContext ctx, TopologyRecovery r, boolean ok) {
        if (r.type() == RecoveryType.GRACEFUL) {
            return;
        }
        List<InstanceKey> participants = ctx.participating().stream().filter(k -> !k.equals(r.failedKey())).toList();
        HookContext hc = new HookContext(r.analysis(), "recovery finished by the next leader", r.failedKey(),
                r.clusterName(), r.clusterAlias(), participants.size(), participants, true, false, ctx.successor(),
                ctx.lostReplicas(), ok, "recover", recorder.node().hostname());
        boolean master = java.util.Arrays.stream(AnalysisCode.values())
                .anyMatch(c -> c.name().equals(r.analysis()) && c.replacesPrimary());
        try {
            hooks.run(ctx, hc, ok, master);
        } catch (RuntimeException e) {
            LOG.warnf("hooks of recovery %d: %s", r.id(), RecoveryService.message(e));
        }
    }

    private Optional<Instance> probe(InstanceKey key) {
        try {
            return Optional.of(probes.probeNow(key, PROBE_TIMEOUT)).filter(Instance::lastCheckValid);
        } catch (DiscoveryException e) {
            return Optional.empty();
        }
    }
}
