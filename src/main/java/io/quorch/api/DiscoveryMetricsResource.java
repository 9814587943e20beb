package io.quorch.api;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quorch.discovery.DiscoveryMetrics;
import io.quorch.discovery.DiscoveryService;
import io.quorch.discovery.WatchMetrics;
import io.quorch.store.InstanceStore;

/** How well discovery keeps up: probe counts and latency, and how old each server's last check is. */
@Path("/api/discovery-metrics")
@Produces(MediaType.APPLICATION_JSON)
public class DiscoveryMetricsResource {

    private final DiscoveryMetrics metrics;
    private final DiscoveryService discovery;
    private final InstanceStore instances;
    private final WatchMetrics watch;

    public DiscoveryMetricsResource(DiscoveryMetrics metrics, DiscoveryService discovery, InstanceStore instances,
            WatchMetrics watch) {
        this.metrics = metrics;
        this.discovery = discovery;
        this.instances = instances;
        this.watch = watch;
    }

    @GET
    public Map<String, Object> metrics() {
        Instant now = Instant.now();
        long[] ages = instances.lastCheckedTimes().stream()
                .mapToLong(t -> Duration.between(t, now).toMillis()).toArray();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("PollIntervalMillis", discovery.pollInterval().toMillis());
        m.put("Instances", ages.length);
        m.put("ProbesTotal", metrics.probes());
        m.put("FailedProbesTotal", metrics.failures());
        m.put("ProbesInFlight", discovery.inFlight());
        m.put("ProbeLatencyP50Millis", metrics.latencyPercentile(50));
        m.put("ProbeLatencyP99Millis", metrics.latencyPercentile(99));
        m.put("CheckAgeP50Millis", DiscoveryMetrics.percentile(ages, 50));
        m.put("CheckAgeP99Millis", DiscoveryMetrics.percentile(ages, 99));
        m.put("CheckAgeMaxMillis", DiscoveryMetrics.percentile(ages, 100));
        // the primaries' watch: what it costs the servers (one connection each, pings its only queries)
        int watched = discovery.watchedPrimaries().size();
        m.put("PrimaryLivenessCheckMillis", discovery.livenessCheckMillis());
        m.put("WatchedPrimaries", watched);
        m.put("WatchConnectionsOpen", watch.openConnections());
        m.put("WatchConnectsTotal", watch.connectsTotal());
        m.put("WatchPingsTotal", watch.pingsTotal());
        m.put("WatchEvidenceTotal", watch.evidenceTotal());
        m.put("WatchConnectsPerPrimaryPerSecond", perPrimary(watch.connectsPerSecond(), watched));
        m.put("WatchQueriesPerPrimaryPerSecond", perPrimary(watch.pingsPerSecond(), watched));
        return m;
    }

    /** A rate over the last minute shared out per watched primary, to three decimals. */
    static double perPrimary(double perSecond, int primaries) {
        return primaries == 0 ? 0 : Math.round(perSecond / primaries * 1000) / 1000.0;
    }
}
