package io.quorch.recovery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quorch.analysis.AnalysisCode;
import io.quorch.analysis.AnalysisService;
import io.quorch.analysis.ReplicationAnalysis;
import io.quorch.config.FailureDetectionQuorum;
import io.quorch.config.RecoveryConfig;
import io.quorch.consensus.InstancesForgotten;
import io.quorch.consensus.LeadershipContext;
import io.quorch.discovery.TopologyProbes;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.NodeIdentity;
import io.quorch.store.AuditStore;
import io.quorch.store.InstanceStore;

/**
 * Quorum-agreed failure detection, on the leader: keeps the verdicts the other nodes report
 * ({@link VerdictBook}), lets an automated recovery of a primary-level failure go only when
 * FailureDetectionQuorum nodes (the leader included) agree within two poll intervals, and audits
 * the disagreements (a shortfall once it has lasted two poll intervals). A verdict that arrives wakes the recovery pass of its cluster at once, so a
 * quorum completed by the last report acts without waiting for the next tick.
 */
@ApplicationScoped
public class QuorumService {

    private static final Logger LOG = Logger.getLogger(QuorumService.class);

    private final RecoveryConfig config;
    private final LeadershipContext leadership;
    private final NodeIdentity node;
    private final AuditStore audit;
    private final AnalysisService analysis;
    private final InstanceStore instances;
    private final TopologyProbes probes;
    private final RecoveryExecutor background;
    private final Consumer<VerdictArrived> arrivals;
    private final VerdictBook book = new VerdictBook();
    /** Since when too few nodes agree on a server's failure, and the line last audited about it. */
    private final Map<InstanceKey, Shortfall> shortfalls = new ConcurrentHashMap<>();
    /** The last reported code audited as a disagreement per server and node. */
    private final Map<String, AnalysisCode> auditedDisagreement = new ConcurrentHashMap<>();
    /** The servers and nodes whose latest verdict is about to be checked against the leader's own view. */
    private final Map<String, Reported> checking = new ConcurrentHashMap<>();

    private record Shortfall(Instant since, String audited) {
    }

    private record Reported(AnalysisCode code, String evidence) {
    }

    /** A node's verdict on a server of this cluster arrived: its recovery pass should run again now. */
    public record VerdictArrived(String clusterName) {
    }

    @Inject
    public QuorumService(RecoveryConfig config, LeadershipContext leadership, NodeIdentity node, AuditStore audit,
            AnalysisService analysis, InstanceStore instances, TopologyProbes probes, RecoveryExecutor background,
            Event<VerdictArrived> arrivals) {
        this(config, leadership, node, audit, analysis, instances, probes, background,
                (Consumer<VerdictArrived>) arrivals::fire);
    }

    /** With what a verdict's arrival wakes given directly (tests). */
    QuorumService(RecoveryConfig config, LeadershipContext leadership, NodeIdentity node, AuditStore audit,
            AnalysisService analysis, InstanceStore instances, TopologyProbes probes, RecoveryExecutor background,
            Consumer<VerdictArrived> arrivals) {
        this.config = config;
        this.leadership = leadership;
        this.node = node;
        this.audit = audit;
        this.analysis = analysis;
        this.instances = instances;
        this.probes = probes;
        this.background = background;
        this.arrivals = arrivals;
    }

    /** How many nodes must agree: 1 in single-node mode and with FailureDetectionQuorum 1. */
    public int required() {
        return FailureDetectionQuorum.parse(config.failureDetectionQuorum()).required(members().size());
    }

    /** This node's name in verdicts: its raft address, or its host name in single-node mode. */
    public String self() {
        String s = leadership.self();
        return s == null || s.isBlank() ? node.hostname() : s;
    }

    public List<String> members() {
        List<String> peers = leadership.peers();
        return peers.isEmpty() ? List.of(self()) : peers;
    }

    public boolean isMember(String name) {
        return members().contains(name);
    }

    /** How long a verdict counts: two poll intervals. */
    public Duration window() {
        return probes.pollInterval().multipliedBy(2);
    }

    /** Whether the server is one this node knows: verdicts on any other are not kept (they could not count). */
    public boolean knows(InstanceKey key) {
        return instances.read(key).isPresent();
    }

    /** Records another node's verdict and wakes the recovery pass of the server's cluster. */
    public void receive(String from, InstanceKey key, AnalysisCode code, String evidence, Instant reportedAt) {
        Instant now = Instant.now();
        book.prune(now, window());
        book.record(key, new VerdictBook.Verdict(from, code, evidence, reportedAt, now));
        LOG.debugf("verdict from %s: %s on %s (%s)", from, code, key, evidence);
        Optional<String> cluster = instances.read(key).map(i -> i.clusterName());
        if (VerdictBook.needsQuorum(code) && cluster.isPresent()) {
            arrivals.accept(new VerdictArrived(cluster.get()));
        }
        // one check per node and server at a time: a node repeating itself does not start a pass per report
        String id = key + "|" + from;
        if (checking.put(id, new Reported(code, evidence)) == null) {
            background.submit("checking the verdict of " + from, () -> {
                Reported latest = checking.remove(id);
                auditDisagreement(from, key, latest.code(), latest.evidence());
            });
        }
    }

    /**
     * Whether an automated recovery of this analysis may go, as far as the quorum is concerned; a failure seen by
     * too few nodes is audited (once while the same nodes agree) and not recovered.
     */
    public VerdictBook.Tally gate(ReplicationAnalysis a) {
        String self = self();
        int required = required();
        if (required <= 1 || !VerdictBook.needsQuorum(a.code())) {
            return new VerdictBook.Tally(a.code(), 1, members().size(), List.of(self), Map.of());
        }
        Instant now = Instant.now();
        book.prune(now, window());
        VerdictBook.Tally t = book.tally(a.key(), a.code(), self, members(), required, now, window());
        if (t.reached()) {
            shortfalls.remove(a.key());
            return t;
        }
        // the leader usually sees a failure a moment before the others' verdicts arrive: a shortfall is audited once
        // it has lasted a whole window (the others had time to see it too), and again only when it changes
        Shortfall s = shortfalls.computeIfAbsent(a.key(), k -> new Shortfall(now, ""));
        String line = t.describe();
        if (!now.isBefore(s.since().plus(window())) && !line.equals(s.audited())) {
            shortfalls.put(a.key(), new Shortfall(s.since(), line));
            LOG.infof("not recovering %s: %s", a.key(), line);
            quietly(() -> audit.audit("failure-quorum-not-reached", a.key(), a.clusterName(), line, now));
        } else {
            LOG.debugf("not recovering %s yet: %s", a.key(), line);
        }
        return t;
    }

    /** Who agrees with an analysis, for the API and the recovery's record; empty when no quorum is needed. */
    public Optional<VerdictBook.Tally> tally(ReplicationAnalysis a) {
        int required = required();
        if (required <= 1 || !VerdictBook.reportable(a.code())) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        return Optional.of(book.tally(a.key(), a.code(), self(), members(), required, now, window()));
    }

    /** A failure another node reports that this leader does not see is audited, once per node and code. */
    private void auditDisagreement(String from, InstanceKey key, AnalysisCode reported, String evidence) {
        String id = key + "|" + from;
        if (reported == AnalysisCode.NoProblem) {
            auditedDisagreement.remove(id);
            return;
        }
        Optional<ReplicationAnalysis> mine = analysis.analyzeInstance(key).stream().findFirst();
        AnalysisCode own = mine.map(ReplicationAnalysis::code).orElse(AnalysisCode.NoProblem);
        if (VerdictBook.agrees(own, reported) || auditedDisagreement.get(id) == reported) {
            return;
        }
        auditedDisagreement.put(id, reported);
        String cluster = mine.map(ReplicationAnalysis::clusterName)
                .orElseGet(() -> instances.read(key).map(i -> i.clusterName()).orElse(""));
        String line = from + " reports " + reported + " (" + evidence + "); the leader " + self() + " sees " + own
                + "; FailureDetectionQuorum " + required() + " of " + members().size();
        LOG.infof("failure verdict disagreement on %s: %s", key, line);
        quietly(() -> audit.audit("failure-verdict-disagreement", key, cluster, line, Instant.now()));
    }

    void onForgotten(@Observes InstancesForgotten event) {
        event.keys().forEach(k -> {
            book.forget(k);
            shortfalls.remove(k);
        });
        auditedDisagreement.keySet().removeIf(id -> event.keys().stream().anyMatch(k -> id.startsWith(k + "|")));
    }

    private static void quietly(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.warnf("auditing a failure verdict failed: %s", e.getMessage());
        }
    }
}
