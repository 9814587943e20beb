package io.quorch.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quorch.analysis.AnalysisCode;
import io.quorch.analysis.ReplicationAnalysis;
import io.quorch.consensus.CommandRejectedException;
import io.quorch.consensus.ReplicatedCommand;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.RecoveryType;
import io.quorch.domain.TopologyRecovery;
import io.quorch.mysql.ProbeException;

/** Each family of quorch's meters counts what it says, with labels from fixed sets. */
class QuorchMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final QuorchMetrics metrics = new QuorchMetrics(registry);
    private static final InstanceKey DB1 = new InstanceKey("db1", 3306);

    private double counter(String name, String... tags) {
        var c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void probesAreCountedByOutcomeAndSuccessfulOnesTimed() {
        metrics.probed(12);
        metrics.probed(30);
        metrics.probeFailed(new ProbeException(DB1, "refused", new SQLException("link failure",
                new ConnectException("Connection refused"))));
        metrics.probeFailed(new ProbeException(DB1, "slow", new SQLException("read", new SocketTimeoutException())));
        metrics.probeFailed(new ProbeException(DB1, "denied", new SQLException("Access denied", "28000", 1045)));
        metrics.probeFailed(new ProbeException(DB1, "odd", new IllegalStateException("parse")));
        assertEquals(2, counter(MetricNames.PROBES, "outcome", "ok"));
        assertEquals(1, counter(MetricNames.PROBES, "outcome", "unreachable"));
        assertEquals(1, counter(MetricNames.PROBES, "outcome", "timeout"));
        assertEquals(1, counter(MetricNames.PROBES, "outcome", "access_denied"));
        assertEquals(1, counter(MetricNames.PROBES, "outcome", "error"));
        var timer = registry.find(MetricNames.PROBE_DURATION).timer();
        assertEquals(2, timer.count());
        assertEquals(42, timer.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS), 0.001);
    }

    @Test
    void analysisProblemsAreTheLastFullAnalysisByCode() {
        var gauge = registry.find(MetricNames.ANALYSIS_PROBLEMS).tag("code", "DeadMaster").gauge();
        assertEquals(0, gauge.value());
        metrics.analyzed(List.of(analysis(AnalysisCode.DeadMaster), analysis(AnalysisCode.DeadMaster),
                analysis(AnalysisCode.NoProblem)));
        assertEquals(2, gauge.value());
        assertEquals(0, registry.find(MetricNames.ANALYSIS_PROBLEMS).tag("code", "UnreachableMaster").gauge().value());
        assertTrue(registry.find(MetricNames.ANALYSIS_PROBLEMS).tag("code", "NoProblem").gauge() == null,
                "no series for servers without a problem");
        metrics.analyzed(List.of());
        assertEquals(0, gauge.value(), "the next analysis replaces the counts");
    }

    private static ReplicationAnalysis analysis(AnalysisCode code) {
        return new ReplicationAnalysis(code, null, List.of(), Instant.now());
    }

    @Test
    void recoveriesAreCountedAndTimedByAnalysisTypeAndOutcome() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        metrics.recovered(recovery("DeadMaster", RecoveryType.AUTOMATIC, true, start, start.plusMillis(1500)));
        metrics.recovered(recovery("DeadMaster", RecoveryType.AUTOMATIC, false, start, start.plusMillis(500)));
        metrics.recovered(recovery("GracefulMasterTakeover", RecoveryType.GRACEFUL, true, start, start.plusSeconds(3)));
        metrics.recovered(recovery("SomethingNew\nwith a newline", RecoveryType.MANUAL, true, start, start.plusSeconds(1)));
        assertEquals(1, counter(MetricNames.RECOVERIES, "analysis", "DeadMaster", "type", "automatic", "outcome",
                "success"));
        assertEquals(1, counter(MetricNames.RECOVERIES, "analysis", "DeadMaster", "type", "automatic", "outcome",
                "failure"));
        assertEquals(1, counter(MetricNames.RECOVERIES, "analysis", "GracefulMasterTakeover", "type", "graceful",
                "outcome", "success"));
        assertEquals(1, counter(MetricNames.RECOVERIES, "analysis", "other", "type", "manual"),
                "an analysis name quorch does not know is not a label value");
        var timer = registry.find(MetricNames.RECOVERY_DURATION).tags("analysis", "DeadMaster", "outcome", "success")
                .timer();
        assertEquals(1500, timer.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS), 0.001);
    }

    static TopologyRecovery recovery(String analysis, RecoveryType type, boolean ok, Instant start, Instant end) {
        return new TopologyRecovery(1, "uid", DB1, analysis, "db1:3306", "main", "q1", "token", start, end, null, ok,
                List.of(), List.of(), List.of(), false, null, "", "", 0, "", type);
    }

    @Test
    void hooksAreCountedByStageAndOutcome() {
        metrics.hookRan("PreFailoverProcesses", true);
        metrics.hookRan("PreFailoverProcesses", false);
        metrics.hookRan("PreFailoverProcesses", false);
        assertEquals(1, counter(MetricNames.HOOKS, "stage", "PreFailoverProcesses", "outcome", "ok"));
        assertEquals(2, counter(MetricNames.HOOKS, "stage", "PreFailoverProcesses", "outcome", "failed"));
    }

    @Test
    void commandsAreTimedFromSubmissionToCommitAndWhileApplied() {
        var command = new ReplicatedCommand.SetGlobalRecoveries(true, Instant.now());
        new TimedCommandBus(c -> { }, metrics).submit(command);
        var refusing = new TimedCommandBus(c -> {
            throw new CommandRejectedException("not the leader", null);
        }, metrics);
        assertThrows(CommandRejectedException.class, () -> refusing.submit(command));
        assertEquals(1, registry.find(MetricNames.COMMIT_DURATION).tags("command", "SetGlobalRecoveries", "outcome",
                "ok").timer().count());
        assertEquals(1, registry.find(MetricNames.COMMIT_DURATION).tags("command", "SetGlobalRecoveries", "outcome",
                "rejected").timer().count());
        metrics.applied(command.getClass(), 2_000_000);
        assertEquals(1, registry.find(MetricNames.APPLY_DURATION).tag("command", "SetGlobalRecoveries").timer()
                .count());
    }

    @Test
    void backendCallsAreTimedByOperation() {
        metrics.backendCall("query", 1_000_000);
        metrics.backendCall("query", 3_000_000);
        metrics.backendCall("update", 1_000_000);
        var query = registry.find(MetricNames.BACKEND_DURATION).tag("operation", "query").timer();
        assertEquals(2, query.count());
        assertEquals(4, query.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS), 0.001);
        assertEquals(1, registry.find(MetricNames.BACKEND_DURATION).tag("operation", "update").timer().count());
    }
}
