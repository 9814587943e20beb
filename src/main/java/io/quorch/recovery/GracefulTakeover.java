package io.quorch.recovery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quorch.config.RecoveryConfig;
import io.quorch.consensus.LeadershipContext;
import io.quorch.discovery.TopologyProbes;
import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.RecoveryType;
import io.quorch.domain.TopologyRecovery;
import io.quorch.mysql.ReplicationCommander.Target;
import io.quorch.store.AuditStore;
import io.quorch.store.CandidateStore;
import io.quorch.store.ClusterAliasStore;
import io.quorch.store.InstanceStore;
import io.quorch.topology.CandidateChooser;

/**
 * A planned switchover: the primary stops taking writes, the designated direct replica (and its
 * siblings) catch up with it, the replica is promoted, the siblings and the old primary replicate
 * from it. Nothing written to the old primary is lost. If anything fails before the promotion, the
 * old primary is made writable again first; the takeover always ends resolved.
 */
@ApplicationScoped
public class GracefulTakeover {

    private static final Logger LOG = Logger.getLogger(GracefulTakeover.class);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(30);

    private final InstanceStore instances;
    private final RecoveryCommands commander;
    private final TopologyProbes discovery;
    private final MasterFailover failover;
    private final RecoveryRecorder recorder;
    private final HookRunner hooks;
    private final CandidateStore candidates;
    private final ClusterAliasStore aliases;
    private final LeadershipContext leadership;
    private final AuditStore audit;
    private final RecoveryConfig config;

    public GracefulTakeover(InstanceStore instances, RecoveryCommands commander, TopologyProbes discovery,
            MasterFailover failover, RecoveryRecorder recorder, HookRunner hooks, CandidateStore candidates,
            ClusterAliasStore aliases, LeadershipContext leadership, AuditStore audit, RecoveryConfig config) {
        this.instances = instances;
        this.commander = commander;
        this.discovery = discovery;
        this.failover = failover;
        this.recorder = recorder;
        this.hooks = hooks;
        this.candidates = candidates;
        this.aliases = aliases;
        this.leadership = leadership;
        this.audit = audit;
        this.config = config;
    }

    public TopologyRecovery takeover(String cluster, Optional<InstanceKey> designatedKey, boolean auto) {
        if (!leadership.isLeader()) {
            throw new io.quorch.consensus.CommandRejectedException("this node is not the leader (leader: "
                    + leadership.leader() + ")", null);
        }
        List<Instance> masters = instances.readCluster(cluster).stream().filter(i -> i.masterKey() == null).toList();
        if (masters.size() != 1) {
            throw new RecoveryRefusedException("Cannot deduce cluster master for " + cluster + ". Found "
                    + masters.size() + " potential masters");
        }
        Instance master = masters.get(0);
        if (!master.lastCheckValid()) {
            throw new RecoveryRefusedException("primary " + master.key() + " is not reachable: use recover instead");
        }
        List<Instance> direct = instances.replicasOf(master.key());
        if (direct.isEmpty()) {
            throw new RecoveryRefusedException("Master " + master.key() + " doesn't seem to have replicas");
        }
        Instance designated = designated(master, direct, designatedKey, auto);
        String alias = aliases.alias(cluster).orElse(cluster);
        RecoveryContext ctx = recorder.start(master.key(), "GracefulMasterTakeover", cluster, alias,
                RecoveryType.GRACEFUL, 0, "{}");
        HookContext hc = new HookContext("GracefulMasterTakeover", "planned switchover", master.key(), cluster, alias,
                direct.size(), direct.stream().map(Instance::key).toList(), true, false, designated.key(), List.of(),
                null, auto ? "graceful-master-takeover-auto" : "graceful-master-takeover",
                recorder.node().hostname());
        boolean ok = false;
        try {
            ctx.step("graceful takeover of " + master.key() + " by " + designated.key() + (auto ? " (auto)" : ""));
            var pre = hooks.run("PreGracefulTakeoverProcesses", config.hooks().preGracefulTakeover().orElse(List.of()),
                    hc, true, r -> ctx.step("PreGracefulTakeoverProcesses: exit " + r.exitCode() + ": " + r.command()
                            + RecoveryService.out(r)));
            if (pre.stream().allMatch(HookRunner.Result::ok)) {
                ok = switchover(ctx, master, designated, direct, auto);
            } else {
                ctx.error("PreGracefulTakeoverProcesses failed: takeover aborted");
            }
        } catch (RuntimeException e) {
            ctx.error("takeover stopped: " + RecoveryService.message(e));
        }
        // the designated replica is the primary once promoted, whatever failed after that
        boolean successful = ok || ctx.successor() != null;
        TopologyRecovery done = null;
        try {
            done = recorder.resolve(ctx, successful);
        } catch (RuntimeException e) {
            LOG.errorf("cannot resolve takeover %d (the next leader will): %s", ctx.id(), RecoveryService.message(e));
        }
        try {
            audit.audit("graceful-master-takeover", master.key(), cluster, successful ? "new primary " + designated.key()
                    : String.join("; ", ctx.errors()), Instant.now());
            if (successful) {
                hooks.run("PostGracefulTakeoverProcesses", config.hooks().postGracefulTakeover().orElse(List.of()),
                        hc.withOutcome(designated.key(), ctx.lostReplicas(), true), false,
                        r -> ctx.note("PostGracefulTakeoverProcesses: exit " + r.exitCode() + ": " + r.command()
                                + RecoveryService.out(r)));
            }
        } catch (RuntimeException e) {
            LOG.warnf("after takeover %d: %s", ctx.id(), RecoveryService.message(e));
        }
        TopologyRecovery recorded = done;
        return recorder.recorded(ctx.uid()).or(() -> Optional.ofNullable(recorded))
                .orElseThrow(() -> new RecoveryException("takeover " + ctx.uid() + " is not recorded"));
    }

    /**
     * Fences the primary, waits for the replicas, moves the siblings, promotes the designated replica, then
     * points the old primary at it. Until the promotion, any failure (a command, a wait, a step that cannot be
     * recorded) first makes the old primary writable again, then propagates to be recorded.
     */
    private boolean switchover(RecoveryContext ctx, Instance master, Instance designated, List<Instance> direct,
            boolean auto) {
        Target m = MasterFailover.target(master);
        List<Instance> siblings = direct.stream().filter(r -> !r.key().equals(designated.key()))
                .filter(Instance::lastCheckValid).toList();
        direct.forEach(r -> ctx.participant(r.key()));
        try {
            commander.setReadOnly(m, true);
        } catch (LeadershipLostException e) {
            throw e;
        } catch (RuntimeException e) {
            ctx.error("cannot set read_only on " + master.key() + ": " + e.getMessage());
            return false;
        }
        boolean promoted = false;
        try {
            ctx.step("set read_only=1 on " + master.key());
            catchUpAndPromote(ctx, master, designated, siblings);
            promoted = true;
        } finally {
            if (!promoted && ctx.successor() == null) {
                undoFence(ctx, master, designated);
            }
        }
        try {
            commander.changeMaster(m, designated.key(), true);
            ctx.step(master.key() + " now replicates from " + designated.key());
            if (auto) {
                commander.startReplication(m);
                ctx.step("started replication on " + master.key());
            }
        } catch (RuntimeException e) {
            ctx.error("pointing the old primary " + master.key() + " at " + designated.key() + " failed: "
                    + e.getMessage());
        }
        discovery.requestProbe(master.key());
        discovery.requestProbe(designated.key());
        siblings.forEach(s -> discovery.requestProbe(s.key()));
        return true;
    }

    private void catchUpAndPromote(RecoveryContext ctx, Instance master, Instance designated,
            List<Instance> siblings) {
        String position = commander.gtidPosition(MasterFailover.target(master));
        ctx.step("waiting for " + designated.key() + " and its siblings to reach " + position);
        List<Instance> all = new java.util.ArrayList<>(siblings);
        all.add(designated);
        for (var f : Parallel.forEach(all, r -> {
            if (!commander.waitForGtid(MasterFailover.target(r), position, CATCH_UP_TIMEOUT)) {
                throw new RecoveryException("did not reach " + position + " within " + CATCH_UP_TIMEOUT.toSeconds()
                        + " s");
            }
        })) {
            if (f.item().key().equals(designated.key())) {
                throw new RecoveryException(designated.key() + " " + f.message());
            }
            ctx.lost(f.item().key(), f.message());
        }
        List<InstanceKey> lost = ctx.lostReplicas();
        List<Instance> moving = siblings.stream().filter(s -> !lost.contains(s.key())).toList();
        if (!moving.isEmpty()) {
            ctx.step("moving " + MasterFailover.keys(moving) + " under " + designated.key());
            var failures = Parallel.forEach(moving, s -> failover.repoint(ctx, s, designated.key()));
            MasterFailover.stopIfNotLeading(failures);
            for (var f : failures) {
                ctx.lost(f.item().key(), "repointing failed: " + f.message());
            }
        }
        if (!failover.promote(ctx, designated)) {
            throw new RecoveryException("promotion of " + designated.key() + " failed");
        }
    }

    /**
     * The takeover failed before a new primary existed: the old primary takes writes again, and the designated
     * replica (in case its promotion was begun) replicates from it again. Each part is tried even if one fails.
     */
    private void undoFence(RecoveryContext ctx, Instance master, Instance designated) {
        Target m = MasterFailover.target(master);
        try {
            commander.setReadOnly(m, false);
            ctx.note("takeover failed: " + master.key() + " is writable again");
        } catch (RuntimeException e) {
            ctx.error("cannot make " + master.key() + " writable again: " + RecoveryService.message(e));
        }
        if (ctx.promotionAttempted()) {
            try {
                failover.repoint(designated, master.key());
                ctx.note(designated.key() + " replicates from " + master.key() + " again");
            } catch (RuntimeException e) {
                ctx.error("cannot point " + designated.key() + " at " + master.key() + " again: "
                        + RecoveryService.message(e));
            }
        }
    }

    /**
     * orchestrator's choice and its refusals, worded as orchestrator words them (scripts look for them): the
     * designated replica must replicate directly from the primary; without one, the only direct replica, or with
     * -auto the best candidate. Nothing has been changed when one of these refuses.
     */
    private Instance designated(Instance master, List<Instance> direct, Optional<InstanceKey> designatedKey,
            boolean auto) {
        Instance d;
        if (designatedKey.isPresent()) {
            d = direct.stream().filter(r -> r.key().equals(designatedKey.get())).findFirst()
                    .orElseThrow(() -> new RecoveryRefusedException("GracefulMasterTakeover: indicated designated"
                            + " instance " + designatedKey.get() + " must be directly replicating from the master "
                            + master.key()));
        } else if (direct.size() == 1) {
            d = direct.get(0);
        } else if (!auto) {
            // orchestrator's words, its name included: scripts written against orchestrator look for this message
            throw new RecoveryRefusedException("GracefulMasterTakeover: target instance not indicated, auto=false, and"
                    + " master " + master.key() + " has " + direct.size() + " replicas. orchestrator cannot choose"
                    + " where to failover to. Aborting");
        } else {
            StringBuilder why = new StringBuilder();
            List<Instance> valid = direct.stream().filter(Instance::lastCheckValid).toList();
            d = CandidateChooser.choose(master, valid, rules(), MasterFailover.options(config), why)
                    .map(CandidateChooser.Choice::successor)
                    .orElseThrow(() -> new RecoveryRefusedException("GracefulMasterTakeover: no target instance"
                            + " indicated, failed to auto-detect candidate replica for master " + master.key()
                            + ". Aborting (" + why + ")"));
        }
        check(d, master);
        return d;
    }

    private java.util.Map<InstanceKey, io.quorch.domain.PromotionRule> rules() {
        return candidates.registeredSince(Instant.now().minus(Duration.ofMinutes(config.candidateExpireMinutes())));
    }

    private void check(Instance d, Instance master) {
        var options = MasterFailover.options(config);
        if (CandidateChooser.rule(rules(), d) == io.quorch.domain.PromotionRule.MUST_NOT || options.ignoreHostnames()
                .stream().anyMatch(p -> p.matcher(d.key().hostname()).find())) {
            throw new RecoveryRefusedException("GracefulMasterTakeover: designated instance " + d.key() + " cannot be"
                    + " promoted due to promotion rule or it is explicitly ignored in PromotionIgnoreHostnameFilters"
                    + " configuration");
        }
        String geographic = CandidateChooser.geographicRefusal(d.state(), master, options);
        if (geographic != null) {
            throw new RecoveryRefusedException("GracefulMasterTakeover: " + d.key() + ": " + geographic);
        }
        if (!d.lastCheckValid()) {
            throw new RecoveryRefusedException(d.key() + " is not reachable");
        }
        var r = d.state().replication();
        if (r == null || !r.replicating()) {
            throw new RecoveryRefusedException(d.key() + " is not replicating from " + master.key());
        }
        if (r.secondsBehindMaster() == null || r.secondsBehindMaster() > config.reasonableMaintenanceLagSeconds()) {
            throw new RecoveryRefusedException("Desginated instance " + d.key() + " seems to be lagging too much for"
                    + " this operation. Aborting. (lag " + r.secondsBehindMaster() + " s,"
                    + " ReasonableMaintenanceReplicationLagSeconds=" + config.reasonableMaintenanceLagSeconds() + ")");
        }
        if (!d.state().logBinEnabled() || !d.state().logReplicationUpdatesEnabled()) {
            throw new RecoveryRefusedException(d.key() + " does not log its replication updates: it cannot take over");
        }
    }
}
