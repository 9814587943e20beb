package io.quorch.metrics;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.quorch.analysis.AnalysisCode;
import io.quorch.analysis.ReplicationAnalysis;
import io.quorch.domain.TopologyRecovery;

/**
 * The events quorch counts, as typed methods called where each happens (a probe, a recovery, a hook,
 * a command, a backend call). Classes built outside CDI (in unit tests) get {@link #NONE}, which
 * records into nothing, so the call sites need no null checks.
 */
@Singleton
public class QuorchMetrics {

    /** Probe outcomes: a fixed set, each counted from zero. */
    static final List<String> PROBE_OUTCOMES = List.of("ok", "timeout", "unreachable", "access_denied", "error");
    /** Recovery analyses other than the analysis codes. */
    private static final Set<String> OTHER_ANALYSES = Set.of("GracefulMasterTakeover", "NoWriteableMasterStructureWarning");
    /** How long a full analysis' counts stand for the present (the leader analyzes every second). */
    static final Duration ANALYSIS_FRESH = Duration.ofSeconds(10);
    /** Records into a registry nobody reads (declared after the constants its constructor uses). */
    public static final QuorchMetrics NONE = new QuorchMetrics(new CompositeMeterRegistry());

    private final MeterRegistry registry;
    private final Timer probeDuration;
    private final Map<String, Counter> probes = new java.util.HashMap<>();
    /** The frequent timers, built once each (a backend call or an apply happens many times a second). */
    private final Map<String, Timer> backendTimers = new ConcurrentHashMap<>();
    private final Map<Class<?>, Timer> applyTimers = new ConcurrentHashMap<>();
    private final AtomicReference<AnalysisCounts> analysis = new AtomicReference<>(
            new AnalysisCounts(Map.of(), Long.MIN_VALUE));

    private record AnalysisCounts(Map<AnalysisCode, Integer> byCode, long atNanos) {
    }

    public QuorchMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.probeDuration = Timer.builder(MetricNames.PROBE_DURATION)
                .description("Latency of successful probes (one round trip of the probe batch)")
                .serviceLevelObjectives(millis(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000))
                .register(registry);
        for (String outcome : PROBE_OUTCOMES) {
            probes.put(outcome, Counter.builder(MetricNames.PROBES).description("Probes of managed servers, by outcome")
                    .tag("outcome", outcome).register(registry));
        }
        for (AnalysisCode code : AnalysisCode.values()) {
            if (code != AnalysisCode.NoProblem) {
                Gauge.builder(MetricNames.ANALYSIS_PROBLEMS, this, m -> m.problems(code))
                        .description("Servers with this problem in the last full analysis (on the node that analyzes:"
                                + " the leader)")
                        .tag("code", code.name()).register(registry);
            }
        }
    }

    public MeterRegistry registry() {
        return registry;
    }

    // discovery

    public void probed(long latencyMillis) {
        probes.get("ok").increment();
        probeDuration.record(latencyMillis, TimeUnit.MILLISECONDS);
    }

    public void probeFailed(Throwable failure) {
        probes.get(ProbeOutcome.of(failure)).increment();
    }

    // analysis

    /** A full analysis of every cluster: its problems by code stand until the next one (or for ten seconds). */
    public List<ReplicationAnalysis> analyzed(List<ReplicationAnalysis> all) {
        Map<AnalysisCode, Integer> counts = new EnumMap<>(AnalysisCode.class);
        for (ReplicationAnalysis a : all) {
            counts.merge(a.code(), 1, Integer::sum);
        }
        analysis.set(new AnalysisCounts(counts, System.nanoTime()));
        return all;
    }

    double problems(AnalysisCode code) {
        AnalysisCounts c = analysis.get();
        if (System.nanoTime() - c.atNanos() > ANALYSIS_FRESH.toNanos()) {
            return 0;
        }
        return c.byCode().getOrDefault(code, 0);
    }

    // recovery

    /** A recovery resolved on this node (its record as the backend has it: type, analysis, start and end). */
    public TopologyRecovery recovered(TopologyRecovery r) {
        if (r == null) {
            return null;
        }
        String analysisName = analysisLabel(r.analysis());
        String type = r.type() == null ? "automatic" : r.type().wire();
        String outcome = r.successful() ? "success" : "failure";
        // the timer first: whoever sees the count sees the duration too
        if (r.start() != null && r.end() != null) {
            Timer.builder(MetricNames.RECOVERY_DURATION).description("Recoveries from start to resolution")
                    .tags("analysis", analysisName, "type", type, "outcome", outcome)
                    .serviceLevelObjectives(millis(250, 500, 1000, 2000, 5000, 10000, 30000, 60000, 120000))
                    .register(registry).record(Duration.between(r.start(), r.end()));
        }
        Counter.builder(MetricNames.RECOVERIES).description("Recoveries this node ran, by analysis, type and outcome")
                .tags("analysis", analysisName, "type", type, "outcome", outcome).register(registry).increment();
        return r;
    }

    /** An analysis code or quorch's own recovery names; anything else (from an older node) is "other". */
    static String analysisLabel(String analysis) {
        if (analysis == null) {
            return "other";
        }
        if (OTHER_ANALYSES.contains(analysis)) {
            return analysis;
        }
        for (AnalysisCode c : AnalysisCode.values()) {
            if (c.name().equals(analysis)) {
                return analysis;
            }
        }
        return "other";
    }

    /** A hook ran at this stage (a configuration key such as PreFailoverProcesses). */
    public void hookRan(String stage, boolean ok) {
        Counter.builder(MetricNames.HOOKS).description("Hooks run, by stage and outcome")
                .tags("stage", stage, "outcome", ok ? "ok" : "failed").register(registry).increment();
    }

    // consensus

    /** A command was submitted and came back committed and applied here (ok), or was refused (rejected). */
    public void committed(Class<?> command, long nanos, boolean ok) {
        Timer.builder(MetricNames.COMMIT_DURATION)
                .description("Commands from submission until committed and applied on this node")
                .tags("command", command.getSimpleName(), "outcome", ok ? "ok" : "rejected")
                .serviceLevelObjectives(millis(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000))
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A committed command was applied to this node's backend. */
    public void applied(Class<?> command, long nanos) {
        applyTimers.computeIfAbsent(command, c -> Timer.builder(MetricNames.APPLY_DURATION)
                .description("Committed commands applied to this node's backend").tag("command", c.getSimpleName())
                .serviceLevelObjectives(millis(1, 5, 10, 25, 50, 100, 250, 1000))
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    // backend

    /** One backend call (query, update, transaction or other), connection taken from the pool included. */
    public void backendCall(String operation, long nanos) {
        backendTimers.computeIfAbsent(operation, o -> Timer.builder(MetricNames.BACKEND_DURATION)
                .description("Calls to this node's backend, by operation").tag("operation", o)
                .serviceLevelObjectives(millis(1, 5, 10, 25, 50, 100, 250, 1000))
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    private static Duration[] millis(long... values) {
        Duration[] d = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = Duration.ofMillis(values[i]);
        }
        return d;
    }
}
