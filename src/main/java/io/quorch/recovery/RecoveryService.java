package io.quorch.recovery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quorch.analysis.AnalysisCode;
import io.quorch.analysis.AnalysisJson;
import io.quorch.analysis.AnalysisService;
import io.quorch.analysis.ReplicationAnalysis;
import io.quorch.config.RecoveryConfig;
import io.quorch.consensus.CommandBus;
import io.quorch.consensus.LeadershipContext;
import io.quorch.consensus.ReplicatedCommand;
import io.quorch.discovery.DiscoveryException;
import io.quorch.discovery.DiscoveryService;
import io.quorch.domain.BlockedRecovery;
import io.quorch.domain.FailureDetection;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.TopologyRecovery;
import io.quorch.store.AuditStore;
import io.quorch.store.ClusterAliasStore;
import io.quorch.store.RecoveryStore;

/**
 * The recovery pipeline, run on the leader only: register the detection, check that recovery is
 * enabled, not blocked and not downtimed, refresh and re-check, act, audit every step, run the
 * hooks, resolve.
 */
@ApplicationScoped
public class RecoveryService {

    private static final Logger LOG = Logger.getLogger(RecoveryService.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DETECTION_PERIOD = Duration.ofMinutes(60);
    private static final Duration LOST_DOWNTIME = Duration.ofHours(24);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    private final AnalysisService analysis;
    private final DiscoveryService discovery;
    private final MasterFailover masterFailover;
    private final IntermediateMasterRecovery intermediate;
    private final RecoveryRecorder recorder;
    private final HookRunner hooks;
    private final CommandBus commands;
    private final LeadershipContext leadership;
    private final RecoveryStore store;
    private final ClusterAliasStore aliases;
    private final AuditStore audit;
    private final RecoveryConfig config;
    private final Set<String> inProgress = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> detected = new ConcurrentHashMap<>();

    public RecoveryService(AnalysisService analysis, DiscoveryService discovery, MasterFailover masterFailover,
            IntermediateMasterRecovery intermediate, RecoveryRecorder recorder, HookRunner hooks, CommandBus commands,
            LeadershipContext leadership, RecoveryStore store, ClusterAliasStore aliases, AuditStore audit,
            RecoveryConfig config) {
        this.analysis = analysis;
        this.discovery = discovery;
        this.masterFailover = masterFailover;
        this.intermediate = intermediate;
        this.recorder = recorder;
        this.hooks = hooks;
        this.commands = commands;
        this.leadership = leadership;
        this.store = store;
        this.aliases = aliases;
        this.audit = audit;
        this.config = config;
    }

    /** Automated: acts on an actionable analysis when every gate allows it. Returns the recovery it ran. */
    public Optional<TopologyRecovery> onAnalysis(ReplicationAnalysis a) {
        if (!leadership.isLeader() || !a.isActionable() || inProgress.contains(a.clusterName())) {
            return Optional.empty();
        }
        long detectionId = registerDetection(a);
        String gate = gate(a);
        if (gate != null) {
            LOG.debugf("not recovering %s %s: %s", a.code(), a.key(), gate);
            return Optional.empty();
        }
        return run(a, "automatic", detectionId);
    }

    /** Manual (/api/recover): bypasses the filters, the block period and downtime. */
    public TopologyRecovery recoverManually(InstanceKey key) {
        requireLeader();
        ReplicationAnalysis a = refreshAndAnalyze(key).filter(ReplicationAnalysis::isActionable)
                .orElseThrow(() -> new RecoveryException("no recoverable failure on " + key + " (analysis: "
                        + analysis.analyzeInstance(key).stream().map(x -> x.code().name()).findFirst()
                                .orElse("NoProblem") + ")"));
        return run(a, "manual", registerDetection(a))
                .orElseThrow(() -> new RecoveryException("a recovery of " + a.clusterName() + " is already running"));
    }

    /** Runs a master failover of a live primary (/api/force-master-failover): it is fenced with read_only first. */
    public TopologyRecovery forceMasterFailover(InstanceKey primary, ReplicationAnalysis asAnalyzed) {
        requireLeader();
        return run(asAnalyzed, "forced", 0)
                .orElseThrow(() -> new RecoveryException("a recovery of " + asAnalyzed.clusterName()
                        + " is already running"));
    }

    private Optional<TopologyRecovery> run(ReplicationAnalysis a, String type, long detectionId) {
        String cluster = a.clusterName();
        if (!inProgress.add(cluster)) {
            return Optional.empty();
        }
        try {
            if (type.equals("automatic")) {
                Optional<ReplicationAnalysis> again = refreshAndAnalyze(a.key());
                if (again.isEmpty() || again.get().code() != a.code()) {
                    LOG.infof("%s on %s did not hold after refreshing (now %s): not recovering", a.code(), a.key(),
                            again.map(x -> x.code().name()).orElse("NoProblem"));
                    return Optional.empty();
                }
                a = again.get();
            }
            return Optional.of(execute(a, type, detectionId));
        } finally {
            inProgress.remove(cluster);
        }
    }

    private TopologyRecovery execute(ReplicationAnalysis a, String type, long detectionId) {
        String alias = aliases.alias(a.clusterName()).orElse(a.clusterName());
        RecoveryContext ctx = recorder.start(a.key(), a.code().name(), a.clusterName(), alias, type, detectionId,
                json(AnalysisJson.of(a, alias)));
        ctx.step(type + " recovery of " + a.code() + " on " + a.key() + " by " + recorder.node().hostname());
        boolean master = a.code().kind() == AnalysisCode.Kind.MASTER || type.equals("forced");
        HookContext hookContext = new HookContext(a.code().name(), a.code().description(), a.key(), a.clusterName(),
                alias, a.facts().countReplicas(), a.facts().replicas(), master, a.facts().downtimed(), null,
                List.of(), null, "recover", recorder.node().hostname());
        var pre = hooks.run("PreFailoverProcesses", config.hooks().preFailover().orElse(List.of()), hookContext, true,
                r -> ctx.step("PreFailoverProcesses: exit " + r.exitCode() + ": " + r.command() + out(r)));
        boolean ok;
        if (pre.stream().anyMatch(r -> !r.ok())) {
            ctx.error("PreFailoverProcesses failed: recovery aborted");
            ok = false;
        } else {
            if (type.equals("forced")) {
                masterFailover.fence(ctx, a.key());
            }
            ok = master ? masterFailover.run(ctx, a.key()) : intermediate.run(ctx, a.key());
        }
        TopologyRecovery done = recorder.resolve(ctx, ok);
        audit.audit("recover-" + (ok ? "success" : "failure"), a.key(), a.clusterName(),
                a.code() + ": " + (ok ? "successor " + ctx.successor() : String.join("; ", ctx.errors())),
                Instant.now());
        if (ok) {
            afterSuccess(a, ctx, alias, master);
            // a restarted node then starts from the state that includes this failover
            Thread.ofVirtual().name("quorch-snapshot").start(leadership::snapshot);
        }
        runPostHooks(ctx, hookContext.withOutcome(ctx.successor(), ctx.lostReplicas(), ok), ok, master);
        return store.recoveryByUid(done.uid()).orElse(done);
    }

    private void afterSuccess(ReplicationAnalysis a, RecoveryContext ctx, String alias, boolean master) {
        Instant now = Instant.now();
        if (master && ctx.successor() != null && !alias.equals(a.clusterName())) {
            commands.submit(new ReplicatedCommand.SetClusterAlias(ctx.successor().toString(), alias, now));
        }
        for (InstanceKey lost : ctx.lostReplicas()) {
            commands.submit(new ReplicatedCommand.BeginDowntime(lost, "quorch", "lost-in-recovery",
                    now.plus(LOST_DOWNTIME), now));
        }
    }

    private void runPostHooks(RecoveryContext ctx, HookContext hc, boolean ok, boolean master) {
        if (ok) {
            var specific = master ? config.hooks().postMasterFailover() : config.hooks().postIntermediateMasterFailover();
            String name = master ? "PostMasterFailoverProcesses" : "PostIntermediateMasterFailoverProcesses";
            hooks.run(name, specific.orElse(List.of()), hc, false,
                    r -> ctx.step(name + ": exit " + r.exitCode() + ": " + r.command() + out(r)));
            hooks.run("PostFailoverProcesses", config.hooks().postFailover().orElse(List.of()), hc, false,
                    r -> ctx.step("PostFailoverProcesses: exit " + r.exitCode() + ": " + r.command() + out(r)));
        } else {
            hooks.run("PostUnsuccessfulFailoverProcesses", config.hooks().postUnsuccessfulFailover().orElse(List.of()),
                    hc, false, r -> ctx.step("PostUnsuccessfulFailoverProcesses: exit " + r.exitCode() + ": "
                            + r.command() + out(r)));
        }
    }

    /** Why an automated recovery may not run now, or null. */
    private String gate(ReplicationAnalysis a) {
        if (store.recoveriesDisabled()) {
            return "recoveries are disabled globally";
        }
        String alias = aliases.alias(a.clusterName()).orElse("");
        var filters = a.code().kind() == AnalysisCode.Kind.MASTER ? config.masterClusterFilters()
                : config.intermediateMasterClusterFilters();
        if (!ClusterFilters.matches(filters.orElse(List.of()), a.clusterName(), alias)) {
            return "cluster " + a.clusterName() + " does not match the recovery cluster filters";
        }
        if (a.facts().downtimed()) {
            return a.key() + " is downtimed";
        }
        Optional<TopologyRecovery> blocking = blockingRecovery(a);
        if (blocking.isPresent()) {
            store.registerBlocked(new BlockedRecovery(a.key(), a.clusterName(), a.code().name(), Instant.now(),
                    blocking.get().id()));
            audit.audit("recovery-blocked", a.key(), a.clusterName(), a.code() + " blocked by recovery "
                    + blocking.get().id() + " (RecoveryPeriodBlockSeconds=" + config.periodBlockSeconds() + ")",
                    Instant.now());
            return "blocked by recovery " + blocking.get().id();
        }
        return null;
    }

    /** An unacknowledged recovery of this cluster (or one that promoted this server) within the block period. */
    Optional<TopologyRecovery> blockingRecovery(ReplicationAnalysis a) {
        Instant cutoff = Instant.now().minusSeconds(config.periodBlockSeconds());
        return store.recoveries(Optional.empty(), true, 200).stream()
                .filter(r -> r.resolved() && r.start().isAfter(cutoff))
                .filter(r -> r.clusterName().equals(a.clusterName()) || a.key().equals(r.successor())
                        || a.key().equals(r.failedKey()))
                .findFirst();
    }

    private long registerDetection(ReplicationAnalysis a) {
        String k = a.key() + "/" + a.code();
        Instant now = Instant.now();
        Instant last = detected.get(k);
        if (last != null && last.isAfter(now.minus(DETECTION_PERIOD))) {
            return 0;
        }
        detected.put(k, now);
        long id = store.maxDetectionId() + 1;
        String alias = aliases.alias(a.clusterName()).orElse(a.clusterName());
        commands.submit(new ReplicatedCommand.RegisterFailureDetection(new FailureDetection(id, a.key(),
                a.code().name(), a.clusterName(), alias, a.facts().countReplicas(), a.isActionable(),
                recorder.node().hostname(), recorder.node().token(), now, json(AnalysisJson.of(a, alias)))));
        HookContext hc = new HookContext(a.code().name(), a.code().description(), a.key(), a.clusterName(), alias,
                a.facts().countReplicas(), a.facts().replicas(), a.facts().isMaster(), a.facts().downtimed(), null,
                List.of(), null, "detection", recorder.node().hostname());
        List<String> onDetection = config.hooks().onFailureDetection().orElse(List.of());
        if (!onDetection.isEmpty()) {
            Thread.ofVirtual().start(() -> hooks.run("OnFailureDetectionProcesses", onDetection, hc, false, r -> {
            }));
        }
        return id;
    }

    /** Probes the server and its replicas now, then analyzes its cluster again. */
    private Optional<ReplicationAnalysis> refreshAndAnalyze(InstanceKey key) {
        try {
            discovery.probeNow(key, PROBE_TIMEOUT);
        } catch (DiscoveryException e) {
            // expected for a dead server: the failure is recorded
        }
        List<InstanceKey> replicas = discovery.replicaKeys(key);
        Parallel.forEach(replicas, r -> {
            try {
                discovery.probeNow(r, PROBE_TIMEOUT);
            } catch (DiscoveryException e) {
                // recorded
            }
        });
        return analysis.analyzeInstance(key).stream().findFirst();
    }

    private void requireLeader() {
        if (!leadership.isLeader()) {
            throw new io.quorch.consensus.CommandRejectedException("this node is not the leader (leader: "
                    + leadership.leader() + ")", null);
        }
    }

    public boolean inProgress(String cluster) {
        return inProgress.contains(cluster);
    }

    static String out(HookRunner.Result r) {
        return r.output().isBlank() ? "" : " | " + r.output().strip();
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            return "{}";
        }
    }
}
