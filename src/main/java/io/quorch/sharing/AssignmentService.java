package io.quorch.sharing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.StartupEvent;
import io.quorch.app.ConsensusProducer;
import io.quorch.config.ApiConfig;
import io.quorch.config.DiscoveryConfig;
import io.quorch.config.RaftConfig;
import io.quorch.consensus.CommandBus;
import io.quorch.consensus.LeadershipContext;
import io.quorch.consensus.RaftStats;
import io.quorch.consensus.ReplicatedCommand;
import io.quorch.domain.NodeIdentity;
import io.quorch.domain.ProbeNode;
import io.quorch.security.PeerClient;

/**
 * Keeps the probe assignment in line with the group. Each follower tells the leader where its API
 * is and which data center it is in (POST /api/peer-probes/hello) until the assignment lists it so;
 * the leader replicates (SetProbeAssignment) itself and the followers it heard from within
 * three quarters of a poll interval, whenever that set changes: a node lost is out of the
 * assignment about one poll interval later, and its replicas are probed by their next owners.
 */
@ApplicationScoped
public class AssignmentService {

    private static final Logger LOG = Logger.getLogger(AssignmentService.class);
    static final String HELLO_PATH = "/api/peer-probes/hello";
    static final long TICK_MILLIS = 100;
    static final long HELLO_EVERY_MILLIS = 1000;

    private final ProbeShareService share;
    private final LeadershipContext leadership;
    private final CommandBus bus;
    private final PeerClient peers;
    private final ObjectMapper json;
    private final ProbeNode me;
    /** On the leader: where each node said its API is, and its data center. */
    private final Map<String, ProbeNode> hellos = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("quorch-probe-assignment").daemon(true).factory());
    private volatile long lastHello;
    private volatile long lastSubmit;

    public AssignmentService(ProbeShareService share, LeadershipContext leadership, CommandBus bus, PeerClient peers,
            ObjectMapper json, DiscoveryConfig discovery, RaftConfig raft, ApiConfig api, NodeIdentity node,
            @ConfigProperty(name = "quarkus.http.port", defaultValue = "3000") int httpPort,
            @ConfigProperty(name = "quorch.security.use-ssl", defaultValue = "false") boolean https) {
        this.share = share;
        this.leadership = leadership;
        this.bus = bus;
        this.peers = peers;
        this.json = json;
        this.me = new ProbeNode("", ConsensusProducer.httpUri(raft, api, node,
                httpPort, https), discovery.nodeDataCenter().orElse(""));
    }

    void start(@Observes StartupEvent event) {
        if (share.copies() > 0) {
            ticker.scheduleWithFixedDelay(this::tick, 500, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** This node as it should appear in the assignment. */
    ProbeNode self() {
        return new ProbeNode(leadership.self(), me.uri(), me.dataCenter());
    }

    void tick() {
        try {
            if (leadership.peers().size() < 2 || leadership.self().isBlank()) {
                return;
            }
            if (leadership.isLeader()) {
                assign();
            } else {
                hello();
            }
        } catch (RuntimeException e) {
            LOG.debugf("probe assignment: %s", e.getMessage());
        }
    }

    /** A node's hello, on the leader. */
    public void hello(ProbeNode node) {
        hellos.put(node.id(), node);
    }

    /** On the leader: itself and the followers heard lately, in a fixed order, replicated when that changed. */
    private void assign() {
        ProbeNode self = self();
        hellos.put(self.id(), self);
        // a new leader starts from the nodes its predecessor listed
        share.nodes().forEach(n -> hellos.putIfAbsent(n.id(), n));
        long within = share.pollInterval().toMillis() * 3 / 4;
        Map<String, Long> contact = leadership.raftStats().map(RaftStats::followerLastContactMillis).orElse(Map.of());
        List<ProbeNode> wanted = new ArrayList<>();
        for (String member : leadership.peers()) {
            ProbeNode n = hellos.get(member);
            Long last = contact.get(member);
            if (n != null && (member.equals(self.id()) || last != null && last <= within)) {
                wanted.add(n);
            }
        }
        wanted.sort(Comparator.comparing(ProbeNode::id));
        long now = System.currentTimeMillis();
        if (!wanted.equals(share.nodes()) && now - lastSubmit >= 200) {
            lastSubmit = now;
            bus.submit(new ReplicatedCommand.SetProbeAssignment(wanted, Instant.ofEpochMilli(now)));
            LOG.infof("probing shared by %s", wanted.stream().map(ProbeNode::id).toList());
        }
    }

    /** On a follower: tells the leader where this node is, until the assignment says so. */
    private void hello() {
        ProbeNode self = self();
        Optional<ProbeNode> listed = share.entry(self.id());
        long now = System.currentTimeMillis();
        if (listed.isPresent() && listed.get().equals(self) || now - lastHello < HELLO_EVERY_MILLIS) {
            return;
        }
        Optional<String> leader = leadership.leaderUri();
        if (leader.isEmpty()) {
            return;
        }
        lastHello = now;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Node", self.id());
        body.put("Uri", self.uri());
        body.put("DataCenter", self.dataCenter());
        try {
            peers.postJson(leader.get(), HELLO_PATH, json.writeValueAsBytes(body)).whenComplete((r, e) -> {
                if (e != null) {
                    LOG.debugf("hello to the leader at %s: %s", leader.get(), e.getMessage());
                } else if (r.statusCode() != 200) {
                    LOG.infof("the leader at %s refused this node's hello: %d %s", leader.get(), r.statusCode(),
                            r.body());
                }
            });
        } catch (JsonProcessingException e) {
            LOG.debugf("hello: %s", e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        ticker.shutdownNow();
    }
}
