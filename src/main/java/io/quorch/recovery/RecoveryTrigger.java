package io.quorch.recovery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quorch.analysis.AnalysisCode;
import io.quorch.analysis.AnalysisService;
import io.quorch.analysis.ReplicationAnalysis;
import io.quorch.consensus.LeadershipContext;
import io.quorch.consensus.InstancesForgotten;
import io.quorch.discovery.TopologyProbes;
import io.quorch.discovery.InstanceProbed;
import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.NodeIdentity;

/**
 * Reacts to evidence as it arrives: a probe that failed, or a replica that stopped replicating,
 * has its cluster analyzed at once, and the recovery starts in the same pass that confirms the
 * failure. The one-second {@link RecoveryJob} is only the safety net.
 */
@ApplicationScoped
public class RecoveryTrigger {

    private static final Logger LOG = Logger.getLogger(RecoveryTrigger.class);
    private static final Duration REPROBE_SPACING = Duration.ofMillis(200);
    /** How long a cluster stays "troubled" without an analysis pass confirming it. */
    private static final Duration TROUBLE_MEMORY = Duration.ofMinutes(10);

    private final AnalysisService analysis;
    private final RecoveryService recovery;
    private final TopologyProbes discovery;
    private final RecoveryExecutor background;
    private final LeadershipContext leadership;
    private final DemotedPrimaryGuard guard;
    private final NonWriteableMasterRecovery nonWriteable;
    private final NodeIdentity node;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> troubled = new ConcurrentHashMap<>();
    private final AtomicLong passes = new AtomicLong();
    private final Map<InstanceKey, Instant> lastReprobe = new ConcurrentHashMap<>();

    public RecoveryTrigger(AnalysisService analysis, RecoveryService recovery, TopologyProbes discovery,
            LeadershipContext leadership, DemotedPrimaryGuard guard, NodeIdentity node, RecoveryExecutor background,
            NonWriteableMasterRecovery nonWriteable) {
        this.nonWriteable = nonWriteable;
        this.analysis = analysis;
        this.recovery = recovery;
        this.discovery = discovery;
        this.leadership = leadership;
        this.guard = guard;
        this.node = node;
        this.background = background;
    }

    void onProbe(@Observes InstanceProbed event) {
        if (!leadership.isLeader()) {
            return;
        }
        Instance i = event.instance();
        if (event.valid()) {
            guard.check(i);
        }
        var r = i.state().replication();
        boolean suspicious = !event.valid() || (r != null && !r.replicating()) || troubled.containsKey(i.clusterName());
        if (suspicious) {
            evaluateSoon(i.clusterName());
        }
    }

    /** A node's failure verdict arrived on the leader: the quorum may be complete now, so look at once. */
    void onVerdict(@Observes QuorumService.VerdictArrived event) {
        if (leadership.isLeader() && ready()) {
            evaluateSoon(event.clusterName());
        }
    }

    /** Analyzes the cluster on its own virtual thread; requests arriving meanwhile coalesce into one more pass. */
    public void evaluateSoon(String cluster) {
        if (pending.add(cluster)) {
            background.submit("analysis of " + cluster, () -> {
                pending.remove(cluster);
                evaluate(cluster);
            });
        }
    }

    void evaluate(String cluster) {
        if (!ready()) {
            return;
        }
        try {
            List<ReplicationAnalysis> found = analysis.analyzeCluster(cluster);
            boolean problem = found.stream().anyMatch(a -> a.code() != AnalysisCode.NoProblem);
            Instant now = Instant.now();
            troubled.values().removeIf(at -> at.isBefore(now.minus(TROUBLE_MEMORY)));
            lastReprobe.values().removeIf(at -> at.isBefore(now.minus(TROUBLE_MEMORY)));
            if (problem) {
                troubled.put(cluster, now);
            } else {
                troubled.remove(cluster);
            }
            for (ReplicationAnalysis a : found) {
                if (a.code().kind() == AnalysisCode.Kind.REPROBE) {
                    reprobe(a);
                } else if (a.isActionable()) {
                    recovery.onAnalysis(a);
                } else if (nonWriteable.applies(a)) {
                    nonWriteable.recover(a);
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("analysis of %s failed: %s", cluster, e.getMessage());
        } finally {
            passes.incrementAndGet();
        }
    }

    /** Whether an analysis calls for a pass over its cluster: a problem, or a primary to make writable. */
    public boolean wants(ReplicationAnalysis a) {
        return a.code() != AnalysisCode.NoProblem || nonWriteable.applies(a);
    }

    /** Analysis passes this node completed (as leader, after its warm-up). */
    public long passes() {
        return passes.get();
    }

    /** Forgotten servers and clusters leave nothing behind (a cluster still in trouble is seen again next pass). */
    void onForgotten(@Observes InstancesForgotten event) {
        lastReprobe.keySet().removeAll(event.keys());
        troubled.clear();
    }

    /** An unreachable server whose replicas still replicate: look again, soon, without acting. */
    private void reprobe(ReplicationAnalysis a) {
        Instant now = Instant.now();
        Duration quarter = discovery.pollInterval().dividedBy(4);
        Duration spacing = quarter.compareTo(REPROBE_SPACING) < 0 ? quarter : REPROBE_SPACING;
        Instant last = lastReprobe.get(a.key());
        if (last != null && last.isAfter(now.minus(spacing))) {
            return;
        }
        lastReprobe.put(a.key(), now);
        discovery.requestProbe(a.key());
        a.facts().replicas().forEach(discovery::requestProbe);
    }

    /** Recoveries start once every known server has had time for two probes since this node started. */
    boolean ready() {
        Duration warmUp = discovery.pollInterval().multipliedBy(2);
        return node.startedAt().plus(warmUp).isBefore(Instant.now());
    }
}
