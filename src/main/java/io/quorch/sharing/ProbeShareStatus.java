package io.quorch.sharing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;
import io.quorch.discovery.DiscoveryService;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.ProbeNode;
import io.quorch.store.InstanceStore;

/**
 * Who probes what, as this node sees it: the plain replicas each node of the assignment owns, the
 * servers every node probes, and the results exchanged. Served on /api/probe-share and as gauges.
 */
@ApplicationScoped
public class ProbeShareStatus {

    private final ProbeShareService share;
    private final DiscoveryService discovery;
    private final InstanceStore instances;
    private final ShareMetrics metrics;
    private volatile Counts counts = new Counts(0, 0, 0, Map.of(), 0);

    /** Counted at most once a second (a scrape and an API call in the same second share them). */
    record Counts(int owned, int others, int all, Map<String, Integer> byNode, long atMillis) {
    }

    public ProbeShareStatus(ProbeShareService share, DiscoveryService discovery, InstanceStore instances,
            ShareMetrics metrics) {
        this.share = share;
        this.discovery = discovery;
        this.instances = instances;
        this.metrics = metrics;
    }

    void bind(@Observes StartupEvent event) {
        metrics.gauge("owned", this, s -> s.counts().owned());
        metrics.gauge("others", this, s -> s.counts().others());
        metrics.gauge("all", this, s -> s.counts().all());
    }

    synchronized Counts counts() {
        long now = System.currentTimeMillis();
        if (now - counts.atMillis() < 1000) {
            return counts;
        }
        Set<InstanceKey> plain = discovery.plainReplicas();
        int known = instances.keys().size();
        Map<String, Integer> byNode = new LinkedHashMap<>();
        share.nodes().forEach(n -> byNode.put(n.id(), 0));
        int owned = 0;
        for (InstanceKey key : plain) {
            List<String> owners = share.owners(key);
            owners.forEach(o -> byNode.merge(o, 1, Integer::sum));
            if (owners.isEmpty() || owners.contains(share.self())) {
                owned++;
            }
        }
        counts = new Counts(owned, plain.size() - owned, Math.max(0, known - plain.size()), byNode, now);
        return counts;
    }

    /** What /api/probe-share answers. */
    public Map<String, Object> describe() {
        Counts c = counts();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Shared", share.active());
        m.put("SharedProbeCopies", share.copies());
        m.put("Node", share.self());
        m.put("PlainReplicas", c.owned() + c.others());
        m.put("OwnedHere", c.owned());
        m.put("ProbedByEveryNode", c.all());
        List<Map<String, Object>> nodes = new java.util.ArrayList<>();
        for (ProbeNode n : share.nodes()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("Node", n.id());
            e.put("Uri", n.uri());
            e.put("DataCenter", n.dataCenter());
            e.put("Owns", c.byNode().getOrDefault(n.id(), 0));
            e.put("Heard", share.isHeard(n.id()));
            nodes.add(e);
        }
        m.put("Nodes", nodes);
        m.put("ResultsReceivedAccepted", metrics.acceptedTotal());
        m.put("ResultsReceivedStale", metrics.staleTotal());
        m.put("ResultsReceivedRefused", metrics.refusedTotal());
        m.put("ResultsServed", metrics.servedTotal());
        return m;
    }
}
