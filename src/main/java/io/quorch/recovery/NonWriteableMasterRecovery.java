package io.quorch.recovery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quorch.analysis.ReplicationAnalysis;
import io.quorch.analysis.StructureWarning;
import io.quorch.config.RecoveryConfig;
import io.quorch.consensus.LeadershipContext;
import io.quorch.discovery.TopologyProbes;
import io.quorch.domain.Instance;
import io.quorch.domain.RecoveryType;
import io.quorch.domain.TopologyRecovery;
import io.quorch.store.AuditStore;
import io.quorch.store.ClusterAliasStore;
import io.quorch.store.InstanceStore;
import io.quorch.store.RecoveryStore;

/**
 * RecoverNonWriteableMaster, as orchestrator: a reachable primary that is read-only while its replicas replicate from
 * it is made writable. Recorded and gated like any recovery (disabled recoveries, downtime, the block period, and a
 * running recovery or takeover of the cluster all stop it), so a primary a takeover has just fenced is left alone.
 */
@ApplicationScoped
public class NonWriteableMasterRecovery {

    static final String ANALYSIS = "NoWriteableMasterStructureWarning";
    private static final Logger LOG = Logger.getLogger(NonWriteableMasterRecovery.class);

    private final RecoveryConfig config;
    private final LeadershipContext leadership;
    private final InstanceStore instances;
    private final RecoveryCommands commander;
    private final TopologyProbes discovery;
    private final RecoveryRecorder recorder;
    private final HookRunner hooks;
    private final RecoveryStore store;
    private final ClusterAliasStore aliases;
    private final AuditStore audit;

    public NonWriteableMasterRecovery(RecoveryConfig config, LeadershipContext leadership, InstanceStore instances,
            RecoveryCommands commander, TopologyProbes discovery, RecoveryRecorder recorder, HookRunner hooks,
            RecoveryStore store, ClusterAliasStore aliases, AuditStore audit) {
        this.config = config;
        this.leadership = leadership;
        this.instances = instances;
        this.commander = commander;
        this.discovery = discovery;
        this.recorder = recorder;
        this.hooks = hooks;
        this.store = store;
        this.aliases = aliases;
        this.audit = audit;
    }

    /** The key is on and the analysis shows a read-only primary, reachable, with replicating replicas. */
    public boolean applies(ReplicationAnalysis a) {
        return applies(a, config.recoverNonWriteableMaster());
    }

    static boolean applies(ReplicationAnalysis a, boolean enabled) {
        var f = a.facts();
        return enabled && a.structureWarnings().contains(StructureWarning.NoWriteableMasterStructureWarning)
                && f.isMaster() && !f.isCoMaster() && f.lastCheckValid() && f.readOnly()
                && f.countValidReplicatingReplicas() > 0;
    }

    /** Makes the primary writable when every gate allows it; the recovery it ran, if any. */
    public Optional<TopologyRecovery> recover(ReplicationAnalysis a) {
        if (!leadership.isLeader() || !applies(a)) {
            return Optional.empty();
        }
        String alias = aliases.alias(a.clusterName()).orElse(a.clusterName());
        Instant now = Instant.now();
        var decision = RecoveryGate.decide(new RecoveryGate.Facts(a.key(), ANALYSIS, a.clusterName(), alias,
                store.recoveriesDisabled(), List.of("*"), a.facts().downtimed(), store.unresolved(),
                store.recoveries(Optional.empty(), true, 200), config.periodBlockSeconds(), now));
        if (!(decision instanceof RecoveryGate.Decision.Go)) {
            LOG.debugf("not making %s writable: %s", a.key(), decision);
            return Optional.empty();
        }
        Instance primary = instances.read(a.key()).orElse(null);
        if (primary == null) {
            return Optional.empty();
        }
        RecoveryContext ctx = recorder.start(a.key(), ANALYSIS, a.clusterName(), alias, RecoveryType.AUTOMATIC, 0,
                "{}");
        HookContext hc = new HookContext(ANALYSIS, "primary is read-only while its replicas replicate", a.key(),
                a.clusterName(), alias, a.facts().countReplicas(), a.facts().replicas(), true, false, null, List.of(),
                null, "recover", recorder.node().hostname());
        boolean ok = false;
        try {
            ctx.step("RecoverNonWriteableMaster: " + a.key() + " is read-only; making it writable");
            var pre = hooks.run("PreFailoverProcesses", config.hooks().preFailover().orElse(List.of()), hc, true,
                    r -> ctx.step("PreFailoverProcesses: exit " + r.exitCode() + ": " + r.command()
                            + RecoveryService.out(r)));
            if (pre.stream().allMatch(HookRunner.Result::ok)) {
                commander.setReadOnly(MasterFailover.target(primary), false);
                ctx.successor(a.key());
                ctx.step("set read_only=0 on " + a.key());
                ok = true;
            } else {
                ctx.error("PreFailoverProcesses failed: recovery aborted");
            }
        } catch (RuntimeException e) {
            ctx.error("recovery stopped: " + RecoveryService.message(e));
        }
        TopologyRecovery done = null;
        try {
            done = recorder.resolve(ctx, ok);
            audit.audit("recover-non-writeable-master", a.key(), a.clusterName(), ok ? "set writeable"
                    : String.join("; ", ctx.errors()), Instant.now());
            if (ok) {
                boolean success = ok;
                hooks.run("PostFailoverProcesses", config.hooks().postFailover().orElse(List.of()),
                        hc.withOutcome(a.key(), List.of(), success), false, r -> ctx.note("PostFailoverProcesses: exit "
                                + r.exitCode() + ": " + r.command() + RecoveryService.out(r)));
            }
        } catch (RuntimeException e) {
            LOG.warnf("after recovery %d: %s", ctx.id(), RecoveryService.message(e));
        }
        discovery.requestProbe(a.key());
        return Optional.ofNullable(done);
    }
}
