package io.quorch.sharing;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.StartupEvent;
import io.quorch.discovery.DiscoveryService;
import io.quorch.domain.ProbeNode;
import io.quorch.security.PeerClient;

/**
 * Follows every other node's results (GET /api/peer-probes, a long poll): one virtual thread per
 * node of the assignment, asking for what came after the last number it holds, or for everything
 * when it holds none (this process just started, or that node restarted). Each result goes to
 * discovery as if probed here; a node that stops answering is reported to the share, whose servers
 * are then probed here until it answers again or the leader reassigns them.
 */
@ApplicationScoped
public class PeerStreams {

    private static final Logger LOG = Logger.getLogger(PeerStreams.class);
    static final String PATH = "/api/peer-probes";
    /** Between two attempts on a node that did not answer. */
    static final long RETRY_MILLIS = 300;

    private final ProbeShareService share;
    private final DiscoveryService discovery;
    private final PeerClient peers;
    private final ObjectMapper json;
    private final ShareMetrics metrics;
    /** The followed nodes by id, with the URL each is followed at. */
    private final Map<String, Follower> followers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reconciler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("quorch-peer-streams").daemon(true).factory());
    private volatile boolean running = true;

    public PeerStreams(ProbeShareService share, DiscoveryService discovery, PeerClient peers, ObjectMapper json,
            ShareMetrics metrics) {
        this.share = share;
        this.discovery = discovery;
        this.peers = peers;
        this.json = json;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) {
        reconciler.scheduleWithFixedDelay(this::reconcile, 500, 250, TimeUnit.MILLISECONDS);
    }

    /** How long a peer holds a request open when it has nothing new: the poll interval, 1 to 10 seconds. */
    long waitMillis() {
        long poll = share.pollInterval().toMillis();
        return Math.max(1000, Math.min(10_000, poll));
    }

    /** One follower per other node of the assignment; followers of nodes that left it stop. */
    void reconcile() {
        try {
            Set<String> wanted = ConcurrentHashMap.newKeySet();
            if (share.active()) {
                for (ProbeNode n : share.nodes()) {
                    if (!n.id().equals(share.self())) {
                        wanted.add(n.id());
                        Follower f = followers.get(n.id());
                        if (f == null || !f.uri.equals(n.uri())) {
                            if (f != null) {
                                f.stopped = true;
                            }
                            Follower started = new Follower(n.id(), n.uri());
                            followers.put(n.id(), started);
                            Thread.ofVirtual().name("quorch-peer-" + n.id()).start(started::run);
                        }
                    }
                }
            }
            followers.entrySet().removeIf(e -> {
                if (!wanted.contains(e.getKey())) {
                    e.getValue().stopped = true;
                    share.lost(e.getKey());
                    return true;
                }
                return false;
            });
        } catch (RuntimeException e) {
            LOG.debugf("following the other nodes: %s", e.getMessage());
        }
    }

    /** Follows one node's results until stopped. */
    private final class Follower {
        final String node;
        final String uri;
        volatile boolean stopped;
        String epoch;
        long next;
        boolean failing;

        Follower(String node, String uri) {
            this.node = node;
            this.uri = uri;
        }

        void run() {
            while (running && !stopped) {
                try {
                    poll();
                    failing = false;
                } catch (IOException | IllegalArgumentException | IllegalStateException e) {
                    fail(e.getMessage());
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    fail(e.toString());
                }
            }
        }

        private void fail(String why) {
            if (!failing) {
                LOG.infof("probe results from %s at %s: %s", node, uri, why);
                failing = true;
            }
            share.lost(node);
            epoch = null;
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = true;
            }
        }

        private void poll() throws IOException, InterruptedException {
            long wait = waitMillis();
            String path = PATH + "?wait=" + wait + (epoch == null ? "" : "&epoch=" + epoch + "&since=" + next);
            PeerClient.Bounded answer = peers.getBounded(uri, path, Duration.ofMillis(wait + 5000),
                    PeerRecords.MAX_BODY_BYTES);
            if (answer.status() != 200) {
                throw new IOException("answered " + answer.status());
            }
            Instant now = Instant.now();
            PeerRecords.Page page = PeerRecords.decode(json, answer.body(), node, now);
            if (stopped) {
                return;
            }
            share.heard(node, now);
            for (int i = 0; i < page.dropped(); i++) {
                metrics.refused();
            }
            for (PeerRecords.Result r : page.results()) {
                switch (discovery.received(node, r.key(), r.state(), r.at(), r.error())) {
                    case ACCEPTED -> metrics.accepted();
                    case STALE -> metrics.stale();
                    case REFUSED -> metrics.refused();
                }
            }
            if (page.full() && epoch == null && !page.results().isEmpty()) {
                LOG.infof("%d probe results from %s (its full picture)", page.results().size(), node);
            }
            epoch = page.epoch();
            next = page.next();
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        reconciler.shutdownNow();
    }
}
