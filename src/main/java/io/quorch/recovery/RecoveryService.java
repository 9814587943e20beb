package io.quorch.recovery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quorch.analysis.AnalysisCode;
import io.quorch.analysis.AnalysisJson;
import io.quorch.analysis.AnalysisService;
import io.quorch.analysis.ReplicationAnalysis;
import io.quorch.config.RecoveryConfig;
import io.quorch.consensus.CommandBus;
import io.quorch.consensus.InstancesForgotten;
import io.quorch.consensus.LeadershipContext;
import io.quorch.consensus.ReplicatedCommand;
import io.quorch.domain.BlockedRecovery;
import io.quorch.domain.FailureDetection;
import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.RecoveryType;
import io.quorch.domain.TopologyRecovery;
import io.quorch.store.AuditStore;
import io.quorch.store.ClusterAliasStore;
import io.quorch.store.RecoveryStore;

/**
 * The recovery pipeline, run on the leader only: register the detection, check that recovery is
 * enabled, not blocked and not downtimed, refresh and re-check, act, audit every step, run the
 * hooks, resolve. Once started, a recovery always ends resolved and with its hooks run, whatever
 * fails on the way.
 */
@ApplicationScoped
public class RecoveryService {

    private static final Logger LOG = Logger.getLogger(RecoveryService.class);
    /** orchestrator's downtime of lost servers when MasterFailoverLostInstancesDowntimeMinutes is 0. */

    private final AnalysisService analysis;
    private final MasterFailover masterFailover;
    private final IntermediateMasterRecovery intermediate;
    private final RecoveryRecorder recorder;
    private final HookRunner hooks;
    private final CommandBus commands;
    private final RecoveryAftermath aftermath;
    private final LeadershipContext leadership;
    private final RecoveryStore store;
    private final ClusterAliasStore aliases;
    private final AuditStore audit;
    private final RecoveryConfig config;
    private final RecoveryExecutor background;
    private final PostRecoveryHooks postHooks;
    private final QuorumService quorum;
    private final FailureRefresh refresh;
    private final Set<String> inProgress = ConcurrentHashMap.newKeySet();
    private final Map<Detected, Instant> detected = new ConcurrentHashMap<>();

    /** A failure already registered within the detection period. */
    private record Detected(InstanceKey key, AnalysisCode code) {
    }

    /**
     * How a recovery was asked for: the replica to promote (recover with a candidate, force-master-takeover, a
     * co-primary replaced by the other), and whether hooks are skipped (recover-lite, orchestrator's skipProcesses).
     */
    public record Request(Optional<InstanceKey> candidate, boolean skipHooks) {
        public static final Request PLAIN = new Request(Optional.empty(), false);
    }

    /** The application's ObjectMapper (settings in JsonSettings), for the analysis entries recorded. */
    private final ObjectMapper json;

    public RecoveryService(AnalysisService analysis, MasterFailover masterFailover,
            IntermediateMasterRecovery intermediate, RecoveryRecorder recorder, HookRunner hooks, CommandBus commands,
            LeadershipContext leadership, RecoveryStore store, ClusterAliasStore aliases, AuditStore audit,
            RecoveryConfig config, RecoveryExecutor background, ObjectMapper json, QuorumService quorum,
            FailureRefresh refresh) {
        this.json = json;
        this.refresh = refresh;
        this.quorum = quorum;
        this.analysis = analysis;
        this.masterFailover = masterFailover;
        this.intermediate = intermediate;
        this.recorder = recorder;
        this.hooks = hooks;
        this.commands = commands;
        this.aftermath = new RecoveryAftermath(commands, config);
        this.leadership = leadership;
        this.store = store;
        this.aliases = aliases;
        this.audit = audit;
        this.config = config;
        this.background = background;
        this.postHooks = new PostRecoveryHooks(hooks, config);
    }

    /** Automated: acts on an actionable analysis when every gate allows it. Returns the recovery it ran. */
    public Optional<TopologyRecovery> onAnalysis(ReplicationAnalysis a) {
        if (!leadership.isLeader() || !a.isActionable() || inProgress.contains(a.clusterName())) {
            return Optional.empty();
        }
        // FailureDetectionQuorum: a failure too few nodes see is not detected yet (the shortfall is audited)
        if (!quorum.gate(a).reached()) {
            // the look a recovery takes before it acts is taken now, while the other nodes' verdicts come
            refresh.prepare(a.key());
            return Optional.empty();
        }
        long detectionId = registerDetection(a);
        if (!allowed(a)) {
            return Optional.empty();
        }
        return run(a, RecoveryType.AUTOMATIC, detectionId);
    }

    /** Manual (/api/recover): bypasses the filters, the block period and downtime. */
    public TopologyRecovery recoverManually(InstanceKey key) {
        return recoverManually(key, Request.PLAIN);
    }

    /**
     * Manual (/api/recover, /api/recover-lite), with an optional candidate to promote, which must be a direct
     * replica of the failed primary; bypasses the filters, the block period and downtime.
     */
    public TopologyRecovery recoverManually(InstanceKey key, Request request) {
        requireLeader();
        ReplicationAnalysis a = refreshAndAnalyze(key).filter(ReplicationAnalysis::isActionable)
                .orElseThrow(() -> new RecoveryException("no recoverable failure on " + key + " (analysis: "
                        + analysis.analyzeInstance(key).stream().map(x -> x.code().name()).findFirst()
                                .orElse("NoProblem") + ")"));
        if (request.candidate().isPresent()) {
            InstanceKey c = request.candidate().get();
            if (!a.code().replacesPrimary()) {
                throw new RecoveryRefusedException("a candidate applies to the recovery of a primary; " + key + " is "
                        + a.code());
            }
            if (!a.facts().replicas().contains(c)) {
                throw new RecoveryRefusedException("candidate " + c + " is not a direct replica of " + key);
            }
            String geographic = masterFailover.geographicRefusal(key, c);
            if (geographic != null) {
                throw new RecoveryRefusedException("RecoverDeadMaster: failed " + c + " promotion; " + geographic);
            }
        }
        return run(a, RecoveryType.MANUAL, registerDetection(a, request.skipHooks()), request)
                .orElseThrow(() -> new RecoveryException("a recovery of " + a.clusterName() + " is already running"));
    }

    /** Runs a master failover of a live primary (/api/force-master-failover): it is fenced with read_only first. */
    public TopologyRecovery forceMasterFailover(InstanceKey primary, ReplicationAnalysis asAnalyzed) {
        return forceMasterFailover(asAnalyzed, Optional.empty());
    }

    /**
     * A forced failover of a live primary (fenced with read_only first), promoting the designated replica when one
     * is given (/api/force-master-takeover), which must be a direct replica of the primary, as in orchestrator.
     */
    public TopologyRecovery forceMasterFailover(ReplicationAnalysis asAnalyzed, Optional<Instance> designated) {
        requireLeader();
        if (designated.isPresent() && !asAnalyzed.key().equals(designated.get().masterKey())) {
            Instance d = designated.get();
            throw new RecoveryRefusedException("You may only promote a direct child of the master " + asAnalyzed.key()
                    + ". The master of " + d.key() + " is " + d.masterKey() + ".");
        }
        return run(asAnalyzed, RecoveryType.FORCED, 0, new Request(designated.map(Instance::key), false))
                .orElseThrow(() -> new RecoveryException("a recovery of " + asAnalyzed.clusterName()
                        + " is already running"));
    }

    private Optional<TopologyRecovery> run(ReplicationAnalysis a, RecoveryType type, long detectionId) {
        return run(a, type, detectionId, Request.PLAIN);
    }

    private Optional<TopologyRecovery> run(ReplicationAnalysis a, RecoveryType type, long detectionId,
            Request request) {
        String cluster = a.clusterName();
        if (!inProgress.add(cluster)) {
            return Optional.empty();
        }
        try {
            if (type == RecoveryType.AUTOMATIC) {
                // a look taken while the failure detection quorum formed is fresh enough
                refresh.ensureFresh(a.key());
                Optional<ReplicationAnalysis> again = analysis.analyzeInstance(a.key()).stream().findFirst();
                if (again.isEmpty() || again.get().code() != a.code()) {
                    LOG.infof("%s on %s did not hold after refreshing (now %s): not recovering", a.code(), a.key(),
                            again.map(x -> x.code().name()).orElse("NoProblem"));
                    return Optional.empty();
                }
                a = again.get();
            }
            return Optional.of(execute(a, type, detectionId, request));
        } finally {
            inProgress.remove(cluster);
        }
    }

    TopologyRecovery execute(ReplicationAnalysis a, RecoveryType type, long detectionId) {
        return execute(a, type, detectionId, Request.PLAIN);
    }

    TopologyRecovery execute(ReplicationAnalysis a, RecoveryType type, long detectionId, Request request) {
        String alias = aliases.alias(a.clusterName()).orElse(a.clusterName());
        RecoveryContext ctx = recorder.start(a.key(), a.code().name(), a.clusterName(), alias, type, detectionId,
                toJson(entry(a, alias)));
        boolean master = a.code().replacesPrimary() || type == RecoveryType.FORCED;
        HookContext hookContext = new HookContext(a.code().name(), a.code().description(), a.key(), a.clusterName(),
                alias, a.facts().countReplicas(), a.facts().replicas(), master, a.facts().downtimed(), null,
                List.of(), null, "recover", recorder.node().hostname());
        boolean ok = false;
        try {
            ctx.step(type + " recovery of " + a.code() + " on " + a.key() + " by " + recorder.node().hostname()
                    + request.candidate().map(c -> ", candidate " + c).orElse("")
                    + (request.skipHooks() ? ", without hooks" : ""));
            if (type == RecoveryType.AUTOMATIC) {
                quorum.tally(a).ifPresent(t -> ctx.step("failure detection quorum: " + t.describe()));
            }
            var pre = request.skipHooks() ? List.<HookRunner.Result>of() : hooks.run("PreFailoverProcesses",
                    config.hooks().preFailover().orElse(List.of()), hookContext, true,
                    r -> ctx.step("PreFailoverProcesses: exit " + r.exitCode() + ": " + r.command() + out(r)));
            if (pre.stream().anyMatch(r -> !r.ok())) {
                ctx.error("PreFailoverProcesses failed: recovery aborted");
            } else {
                if (type == RecoveryType.FORCED) {
                    masterFailover.fence(ctx, a.key());
                }
                Optional<InstanceKey> candidate = a.code().kind() == AnalysisCode.Kind.CO_MASTER
                        ? CoMasterRule.candidate(ctx, a.facts().masterKey(), masterFailover.writable(a.facts()
                                .masterKey()), config.coMasterMustPromoteOther(), request.candidate())
                        : request.candidate();
                ok = master ? masterFailover.run(ctx, a.key(), candidate) : intermediate.run(ctx, a.key());
            }
        } catch (RuntimeException e) {
            ctx.error("recovery stopped: " + message(e));
            LOG.warnf(e, "recovery %d of %s on %s stopped", ctx.id(), a.code(), a.key());
        }
        // a promoted successor is the outcome that counts (and the hooks that must run), whatever failed after it
        boolean successful = ok || (master && ctx.successor() != null);
        return conclude(ctx, a, alias, master, successful, hookContext, request.skipHooks());
    }

    /** Resolves, audits, follows up and runs the post hooks; each part runs even when one before it failed. */
    private TopologyRecovery conclude(RecoveryContext ctx, ReplicationAnalysis a, String alias, boolean master,
            boolean ok, HookContext hookContext, boolean skipHooks) {
        TopologyRecovery done = null;
        try {
            done = recorder.resolve(ctx, ok);
        } catch (RuntimeException e) {
            LOG.errorf("cannot resolve recovery %d (the next leader will): %s", ctx.id(), message(e));
        }
        quietly("auditing the recovery", () -> audit.audit("recover-" + (ok ? "success" : "failure"), a.key(),
                a.clusterName(), a.code() + ": " + (ok ? "successor " + ctx.successor() : String.join("; ",
                        ctx.errors())), Instant.now()));
        if (ok) {
            quietly("recording what follows the recovery", () -> aftermath.record(a, ctx, alias, master));
            // a restarted node then starts from the state that includes this failover
            background.submit("snapshot after recovery", leadership::snapshot);
        }
        if ((done == null || !done.resolved()) && !leadership.isLeader()) {
            LOG.warnf("recovery %d: this node stopped leading; the next leader finishes it and runs its hooks",
                    ctx.id());
        } else if (!skipHooks) {
            quietly("running the post-recovery hooks", () -> postHooks.run(ctx, hookContext.withOutcome(
                    ctx.successor(), ctx.lostReplicas(), ok), ok, master));
        }
        for (RecoveryContext.Postponed p : ctx.postponed()) {
            quietly("postponed: " + p.description(), () -> {
                p.work().run();
                ctx.note("postponed: " + p.description() + ": done");
            });
        }
        TopologyRecovery recorded = done;
        return store.recoveryByUid(ctx.uid()).or(() -> Optional.ofNullable(recorded)).orElseThrow(
                () -> new RecoveryException("recovery " + ctx.uid() + " is not recorded"));
    }

    /** Decides with {@link RecoveryGate}, then records what the decision says (a blocked recovery, its audit). */
    private boolean allowed(ReplicationAnalysis a) {
        String alias = aliases.alias(a.clusterName()).orElse("");
        var filters = a.code().replacesPrimary() ? config.masterClusterFilters()
                : config.intermediateMasterClusterFilters();
        Instant now = Instant.now();
        var decision = RecoveryGate.decide(new RecoveryGate.Facts(a.key(), a.code().name(), a.clusterName(), alias,
                store.recoveriesDisabled(), filters.orElse(List.of()), a.facts().downtimed(), store.unresolved(),
                store.recoveries(Optional.empty(), true, 200), config.periodBlockSeconds(), now));
        switch (decision) {
            case RecoveryGate.Decision.Go go -> {
                return true;
            }
            case RecoveryGate.Decision.Refused r -> LOG.debugf("not recovering %s %s: %s", a.code(), a.key(), r.why());
            case RecoveryGate.Decision.Blocked b -> {
                store.registerBlocked(new BlockedRecovery(a.key(), a.clusterName(), a.code().name(), now,
                        b.by().id()));
                audit.audit("recovery-blocked", a.key(), a.clusterName(), a.code() + " blocked by recovery "
                        + b.by().id() + " (RecoveryPeriodBlockSeconds=" + config.periodBlockSeconds() + ")", now);
                LOG.debugf("not recovering %s %s: %s", a.code(), a.key(), b.why());
            }
        }
        return false;
    }

    private long registerDetection(ReplicationAnalysis a) {
        return registerDetection(a, false);
    }

    private long registerDetection(ReplicationAnalysis a, boolean skipHooks) {
        Detected k = new Detected(a.key(), a.code());
        Instant now = Instant.now();
        Duration period = Duration.ofMinutes(config.failureDetectionPeriodBlockMinutes());
        detected.values().removeIf(at -> at.isBefore(now.minus(period)));
        if (detected.putIfAbsent(k, now) != null) {
            return 0;
        }
        String alias = aliases.alias(a.clusterName()).orElse(a.clusterName());
        FailureDetection detection = new FailureDetection(0, a.key(), a.code().name(), a.clusterName(), alias,
                a.facts().countReplicas(), a.isActionable(), recorder.node().hostname(), recorder.node().token(), now,
                toJson(entry(a, alias)));
        commands.submit(new ReplicatedCommand.RegisterFailureDetection(detection));
        HookContext hc = new HookContext(a.code().name(), a.code().description(), a.key(), a.clusterName(), alias,
                a.facts().countReplicas(), a.facts().replicas(), a.facts().isMaster(), a.facts().downtimed(), null,
                List.of(), null, "detection", recorder.node().hostname());
        List<String> onDetection = config.hooks().onFailureDetection().orElse(List.of());
        if (!onDetection.isEmpty() && !skipHooks) {
            background.submit("OnFailureDetectionProcesses", () -> hooks.run("OnFailureDetectionProcesses",
                    onDetection, hc, false, r -> {
                    }));
        }
        return store.detectionId(detection).orElse(0L);
    }

    /** Forgotten servers are detected afresh if they come back. */
    void onForgotten(@Observes InstancesForgotten event) {
        detected.keySet().removeIf(d -> event.keys().contains(d.key()));
    }

    /** Probes the server and its replicas now, then analyzes it again. */
    private Optional<ReplicationAnalysis> refreshAndAnalyze(InstanceKey key) {
        refresh.refresh(key);
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

    /** How many failures are remembered as detected (they expire after the detection period). */
    int detectedCount() {
        return detected.size();
    }

    static String out(HookRunner.Result r) {
        return r.output().isBlank() ? "" : " | " + r.output().strip();
    }

    static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private static void quietly(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.warnf("%s failed: %s", what, message(e));
        }
    }

    /** The analysis entry recorded, with the nodes that agree on it (FailureDetectionQuorum) when that applies. */
    private Map<String, Object> entry(ReplicationAnalysis a, String alias) {
        Map<String, Object> m = AnalysisJson.of(a, alias);
        quorum.tally(a).ifPresent(t -> m.put(AnalysisJson.QUORUM_FIELD, t.json()));
        return m;
    }

    private String toJson(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            return "{}";
        }
    }
}
