package io.quorch.recovery;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.scheduler.Scheduled;
import io.quorch.analysis.AnalysisCode;
import io.quorch.analysis.AnalysisFacts;
import io.quorch.analysis.AnalysisService;
import io.quorch.analysis.ReplicationAnalysis;
import io.quorch.consensus.LeadershipContext;
import io.quorch.discovery.InstanceProbed;
import io.quorch.discovery.TopologyProbes;
import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.security.PeerClient;

/**
 * On a follower, when FailureDetectionQuorum asks more than the leader's own view: a probe that
 * failed, or a replica that stopped replicating, has its cluster analyzed at once; a primary-level
 * failure newly seen is probed again at once (the server and its replicas) and the verdict goes
 * straight to the leader (POST /api/failure-verdict), then again every poll interval while it
 * lasts, and a "NoProblem" once it is over. The leader itself reports nothing: its own analysis is
 * its verdict. With a quorum of 1 (and in single-node mode) this does nothing.
 */
@ApplicationScoped
public class VerdictReporter {

    private static final Logger LOG = Logger.getLogger(VerdictReporter.class);
    static final String PATH = "/api/failure-verdict";
    /** Between two looks at a server that cannot be reached while its replicas still replicate. */
    static final Duration REPROBE_PAUSE = Duration.ofMillis(50);

    private final AnalysisService analysis;
    private final TopologyProbes probes;
    private final Reprober reprober;
    private final LeadershipContext leadership;
    private final QuorumService quorum;
    private final RecoveryExecutor background;
    private final PeerClient peers;
    private final ObjectMapper json;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    /** The verdict last sent per server, while it is a failure. */
    private final Map<InstanceKey, Sent> sent = new ConcurrentHashMap<>();

    private record Sent(AnalysisCode code, String cluster, Instant at) {
    }

    public VerdictReporter(AnalysisService analysis, TopologyProbes probes, LeadershipContext leadership,
            QuorumService quorum, RecoveryExecutor background, PeerClient peers, ObjectMapper json) {
        this.analysis = analysis;
        this.probes = probes;
        this.reprober = new Reprober(probes);
        this.leadership = leadership;
        this.quorum = quorum;
        this.background = background;
        this.peers = peers;
        this.json = json;
    }

    void onProbe(@Observes InstanceProbed event) {
        if (leadership.isLeader() || quorum.required() <= 1) {
            sent.clear();
            return;
        }
        Instance i = event.instance();
        var r = i.state().replication();
        boolean suspicious = !event.valid() || (r != null && !r.replicating())
                || sent.values().stream().anyMatch(s -> s.cluster().equals(i.clusterName()));
        if (suspicious) {
            String cluster = i.clusterName();
            if (pending.add(cluster)) {
                background.submit("verdicts on " + cluster, () -> {
                    pending.remove(cluster);
                    report(cluster);
                });
            }
        }
    }

    /**
     * A follower keeps its channel to the leader warm: an idle connection is closed after a while, and a verdict
     * that first has to connect (and load the client's code) arrives a hundred milliseconds later than it could.
     */
    @Scheduled(every = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void keepWarm() {
        if (leadership.isLeader() || quorum.required() <= 1) {
            return;
        }
        leadership.leaderUri().ifPresent(uri -> peers.touch(uri, "/api/leader-check").exceptionally(e -> 0));
    }

    /** Analyzes the cluster, probes newly failed servers again, and reports what changed or is due again. */
    void report(String cluster) {
        List<ReplicationAnalysis> found = failures(cluster);
        List<ReplicationAnalysis> fresh = found.stream().filter(a -> !isSent(a)).toList();
        if (!fresh.isEmpty()) {
            // a verdict is not sent on one failed probe: the server is looked at once more, unless it already failed
            // twice in a row; the replicas of a dead one are not (the probes that showed them stopped came after its
            // last answer), those of a server they still replicate from are, at the same time
            Set<InstanceKey> keys = new LinkedHashSet<>();
            for (ReplicationAnalysis a : fresh) {
                if (suspicionOnly(a)) {
                    keys.addAll(reprober.withReplicas(a.key()));
                } else if (oneFailureOnly(a)) {
                    keys.add(a.key());
                }
            }
            reprober.probe(keys, probes.pollInterval());
            found = failures(cluster);
            // replicas that still said "replicating" a moment after their primary died say otherwise a few
            // milliseconds later: look again soon, as the leader does, rather than at the next poll
            Duration limit = probes.pollInterval().dividedBy(2);
            for (long waited = 0; waited < limit.toMillis() && found.stream().anyMatch(this::suspicionOnly);
                    waited += REPROBE_PAUSE.toMillis()) {
                pause();
                // each such server and its replicas, all at once
                reprober.probe(found.stream().filter(this::suspicionOnly)
                        .flatMap(a -> reprober.withReplicas(a.key()).stream()).toList(), probes.pollInterval());
                found = failures(cluster);
            }
        }
        Instant now = Instant.now();
        Duration due = probes.pollInterval().dividedBy(2);
        Map<InstanceKey, ReplicationAnalysis> failing = new LinkedHashMap<>();
        found.forEach(a -> failing.put(a.key(), a));
        for (ReplicationAnalysis a : failing.values()) {
            // claimed before it is sent: passes of one cluster run side by side, and each verdict goes once
            Sent mine = new Sent(a.code(), cluster, now);
            Sent kept = sent.merge(a.key(), mine, (before, next) -> before.code() != next.code()
                    || before.at().isBefore(next.at().minus(due)) ? next : before);
            if (kept == mine && !send(a.key(), a.code(), evidence(a.facts()))) {
                sent.remove(a.key(), mine);
            }
        }
        sent.forEach((key, s) -> {
            if (s.cluster().equals(cluster) && !failing.containsKey(key) && sent.remove(key, s)
                    && !send(key, AnalysisCode.NoProblem, "no failure seen any more")) {
                sent.putIfAbsent(key, s);
            }
        });
    }

    /** An unreachable server not yet reported, whose replicas still replicate: not a verdict yet. */
    private boolean suspicionOnly(ReplicationAnalysis a) {
        return a.code().kind() == AnalysisCode.Kind.REPROBE && !isSent(a);
    }

    private static void pause() {
        try {
            Thread.sleep(REPROBE_PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<ReplicationAnalysis> failures(String cluster) {
        return analysis.analyzeCluster(cluster).stream().filter(a -> VerdictBook.reportable(a.code())).toList();
    }

    private boolean isSent(ReplicationAnalysis a) {
        Sent s = sent.get(a.key());
        return s != null && s.code() == a.code();
    }

    /** Whether the analysed server has failed only its last probe (or its state is not known here). */
    static boolean oneFailureOnly(ReplicationAnalysis a) {
        Instance i = a.facts().instance();
        return i == null || i.consecutiveFailures() < 2;
    }

    /** Sends a verdict to the leader; false when there is no leader to send it to (it is tried again later). */
    private boolean send(InstanceKey key, AnalysisCode code, String evidence) {
        var leader = leadership.leaderUri();
        if (leadership.isLeader() || leader.isEmpty()) {
            return false;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Node", quorum.self());
        body.put("Hostname", key.hostname());
        body.put("Port", key.port());
        body.put("Analysis", code.name());
        body.put("Evidence", evidence);
        body.put("ReportedAt", Instant.now().toString());
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            return false;
        }
        peers.postJson(leader.get(), PATH, bytes).whenComplete((response, failure) -> {
            if (failure != null) {
                LOG.warnf("reporting %s on %s to the leader at %s failed: %s", code, key, leader.get(),
                        failure.getMessage());
            } else if (response.statusCode() != 200) {
                LOG.warnf("the leader at %s refused the verdict %s on %s: %d %s", leader.get(), code, key,
                        response.statusCode(), response.body());
            }
        });
        LOG.debugf("reported %s on %s to the leader", code, key);
        return true;
    }

    /** What the verdict rests on, in one short line. */
    static String evidence(AnalysisFacts f) {
        return (f.lastCheckValid() ? "reachable" : "unreachable") + "; " + f.countValidReplicas() + " of "
                + f.countReplicas() + " replicas reachable, " + f.countValidReplicatingReplicas() + " replicating";
    }
}
