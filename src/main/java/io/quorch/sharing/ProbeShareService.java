package io.quorch.sharing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quorch.config.DiscoveryConfig;
import io.quorch.consensus.CommandApplier;
import io.quorch.consensus.InstancesForgotten;
import io.quorch.consensus.LeadershipContext;
import io.quorch.discovery.ProbeShare;
import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.ProbeNode;
import io.quorch.store.BackendMonitor;
import io.quorch.store.NodeStateStore;

/**
 * This node's share of the probing (SharedProbeCopies): the nodes of the replicated assignment
 * (SetProbeAssignment, read from the backend as it is applied), the owners of each replica among
 * them by {@link Rendezvous}, and the results of this node's own probes of the replicas it owns,
 * kept in the {@link ProbeJournal} the other nodes read. A replica whose owners this node has not
 * heard from lately (their result stream broke) is probed here too, until they are heard again or
 * the leader reassigns it, so no server goes unprobed while the group notices a lost node.
 */
@ApplicationScoped
public class ProbeShareService implements ProbeShare {

    private static final Logger LOG = Logger.getLogger(ProbeShareService.class);
    /** How often the applied assignment is looked up in the backend. */
    static final long REFRESH_MILLIS = 200;

    private final LeadershipContext leadership;
    private final NodeStateStore nodeState;
    private final BackendMonitor backend;
    private final ShareMetrics metrics;
    private final int copies;
    private final Duration pollInterval;
    private final ProbeJournal journal = new ProbeJournal();
    private final List<Runnable> reassigned = new CopyOnWriteArrayList<>();
    /** When each other node's result stream last answered. */
    private final Map<String, Instant> heard = new ConcurrentHashMap<>();
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("quorch-probe-share").daemon(true).factory());
    private volatile Assignment current = Assignment.EMPTY;

    /**
     * The nodes as applied (the raw value, to notice a change), with the owners computed so far; the assignment
     * it replaced (without its own predecessor) and when this one was read.
     */
    record Assignment(String raw, List<ProbeNode> nodes, Map<InstanceKey, List<String>> owners, Assignment before,
            Instant at) {
        static final Assignment EMPTY = new Assignment("", List.of(), new ConcurrentHashMap<>(), null, Instant.EPOCH);

        /** The next assignment, read at the given time; this one is kept as its predecessor. */
        Assignment next(String raw, List<ProbeNode> nodes, Instant at) {
            return new Assignment(raw, List.copyOf(nodes), new ConcurrentHashMap<>(),
                    new Assignment(this.raw, this.nodes, this.owners, null, this.at), at);
        }

        /** The nodes that probe the server (none when fewer than two nodes share the probing). */
        List<String> owners(InstanceKey key, int copies) {
            if (nodes.size() < 2) {
                return List.of();
            }
            return owners.computeIfAbsent(key, k -> Rendezvous.owners(k, nodes, copies));
        }

        /**
         * Whether the node owns the server now, or owned it by the assignment before this one and the change is
         * younger than the grace: the nodes read a new assignment each at its own moment, so an owner's last
         * result under the old one may still be on its way (it is a real probe by a member; whether it is newer
         * than what is known is decided as for any other).
         */
        boolean ownedBy(InstanceKey key, String node, int copies, Instant now, Duration grace) {
            return owners(key, copies).contains(node)
                    || before != null && now.isBefore(at.plus(grace)) && before.owners(key, copies).contains(node);
        }
    }

    public ProbeShareService(LeadershipContext leadership, NodeStateStore nodeState, BackendMonitor backend,
            DiscoveryConfig config, ShareMetrics metrics) {
        this.leadership = leadership;
        this.nodeState = nodeState;
        this.backend = backend;
        this.metrics = metrics;
        this.copies = config.sharedProbeCopies();
        this.pollInterval = Duration.ofMillis(Math.max(1, Math.round(config.instancePollSeconds() * 1000)));
        refresher.scheduleWithFixedDelay(this::refresh, REFRESH_MILLIS, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** SharedProbeCopies: 0 when every node probes everything. */
    public int copies() {
        return copies;
    }

    /** This node's name in the assignment: its raft address. */
    public String self() {
        return leadership.self();
    }

    /** Sharing is on and the assignment names at least two nodes. */
    public boolean active() {
        return copies > 0 && current.nodes().size() >= 2 && !self().isBlank();
    }

    public List<ProbeNode> nodes() {
        return current.nodes();
    }

    public ProbeJournal journal() {
        return journal;
    }

    /** The nodes that probe the server by the current assignment (empty when probing is not shared). */
    public List<String> owners(InstanceKey key) {
        return active() ? current.owners(key, copies) : List.of();
    }

    @Override
    public boolean owns(InstanceKey key) {
        if (!active()) {
            return true;
        }
        List<String> owners = owners(key);
        String self = self();
        if (owners.contains(self)) {
            return true;
        }
        // an owner whose results stopped coming: probe its servers here until it answers or is replaced
        return owners.stream().noneMatch(this::isHeard);
    }

    @Override
    public boolean ownedBy(InstanceKey key, String node) {
        return active() && current.ownedBy(key, node, copies, Instant.now(), grace());
    }

    @Override
    public void published(Instance instance, boolean valid) {
        if (!active() || !owners(instance.key()).contains(self())) {
            // probed here only while its owner is not heard: the owner's results are the ones the others take
            return;
        }
        journal.publish(instance.key(), instance.lastChecked(), valid ? instance.state() : null,
                valid ? null : instance.lastError());
    }

    @Override
    public void onReassignment(Runnable action) {
        reassigned.add(action);
    }

    /** Another node's result stream answered (with results or without). */
    public void heard(String node, Instant at) {
        if (heard.put(node, at) == null) {
            LOG.infof("probe results from %s arrive", node);
            reassigned.forEach(Runnable::run);
        }
    }

    /** Another node's result stream broke: its servers are probed here until it is heard again. */
    public void lost(String node) {
        if (heard.remove(node) != null) {
            LOG.infof("probe results from %s stopped: its share is probed here meanwhile", node);
            reassigned.forEach(Runnable::run);
        }
    }

    /**
     * Two poll intervals and a second: how long a peer may be silent and still count as heard, and how long
     * after a reassignment a replica's previous owner is still taken as its owner.
     */
    Duration grace() {
        return pollInterval.multipliedBy(2).plusSeconds(1);
    }

    /** Heard within two poll intervals and a second (this node always hears itself). */
    public boolean isHeard(String node) {
        if (node.equals(self())) {
            return true;
        }
        Instant at = heard.get(node);
        return at != null && at.isAfter(Instant.now().minus(grace()));
    }

    void onForgotten(@Observes InstancesForgotten event) {
        journal.removeIf(event.keys()::contains);
    }

    /** Reads the assignment the log applied here; on a change, recomputes owners and tells discovery. */
    void refresh() {
        try {
            if (!backend.isStarted() || !backend.healthy()) {
                return;
            }
            String raw = nodeState.get(CommandApplier.PROBE_ASSIGNMENT).orElse("");
            if (raw.equals(current.raw())) {
                expireSilentPeers();
                return;
            }
            int newline = raw.indexOf('\n');
            List<ProbeNode> nodes = ProbeNode.decode(newline < 0 ? "" : raw.substring(newline + 1));
            current = current.next(raw, nodes, Instant.now());
            LOG.infof("probing shared by %d node(s): %s", nodes.size(), nodes.stream().map(ProbeNode::id).toList());
            journal.removeIf(k -> !owners(k).contains(self()));
            reassigned.forEach(Runnable::run);
        } catch (RuntimeException e) {
            LOG.debugf("reading the probe assignment: %s", e.getMessage());
        }
    }

    /** A peer not heard for too long counts as lost even when its stream did not fail outright. */
    private void expireSilentPeers() {
        for (String node : List.copyOf(heard.keySet())) {
            if (!isHeard(node)) {
                lost(node);
            }
        }
    }

    /** The node's entry in the assignment, if it is in it. */
    public Optional<ProbeNode> entry(String node) {
        return current.nodes().stream().filter(n -> n.id().equals(node)).findFirst();
    }

    /** Results sent to another node. */
    public void served(int n) {
        metrics.served(n);
    }

    /** How long news waits for more before it is sent to a peer: {@link #batchMillis(Duration)} of the poll interval. */
    public long batchMillis() {
        return batchMillis(pollInterval);
    }

    /**
     * A tenth of the poll interval, from 50 to 200 ms. Each answer of the stream costs both nodes an HTTP exchange
     * whatever it carries: on 3 nodes over 30 servers at a 1-second poll, 50 ms took 13 % of a core per node,
     * 100 ms 11-12 % and 200 ms 11 %, with every node's picture at most 1.06, 1.18 and 1.22 s old (p99). A tenth
     * keeps the wait well inside the half second over the poll interval a picture may lag.
     */
    static long batchMillis(Duration pollInterval) {
        return Math.max(50, Math.min(200, pollInterval.toMillis() / 10));
    }

    Duration pollInterval() {
        return pollInterval;
    }

    ShareMetrics metrics() {
        return metrics;
    }

    @PreDestroy
    void stop() {
        refresher.shutdownNow();
    }
}
