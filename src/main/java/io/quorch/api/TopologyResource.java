package io.quorch.api;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quorch.api.dto.ApiResponse;
import io.quorch.config.RecoveryConfig;
import io.quorch.discovery.DiscoveryService;
import io.quorch.domain.Instance;
import io.quorch.topology.TopologyRenderer;

/** orchestrator's ASCII topology of a cluster, in the Details of an OK response. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class TopologyResource {

    private final ClusterLookup lookup;
    private final DiscoveryService discovery;
    private final RecoveryConfig recovery;

    public TopologyResource(ClusterLookup lookup, DiscoveryService discovery, RecoveryConfig recovery) {
        this.lookup = lookup;
        this.discovery = discovery;
        this.recovery = recovery;
    }

    @GET
    @Path("topology/{clusterHint}")
    public ApiResponse topology(@PathParam("clusterHint") String hint) {
        return ascii(lookup.clusterName(hint), false);
    }

    @GET
    @Path("topology/{host}/{port}")
    public ApiResponse topologyOf(@PathParam("host") String host, @PathParam("port") String port) {
        return ascii(lookup.instance(ClusterLookup.key(host, port)).clusterName(), false);
    }

    @GET
    @Path("topology-tabulated/{clusterHint}")
    public ApiResponse tabulated(@PathParam("clusterHint") String hint) {
        return ascii(lookup.clusterName(hint), true);
    }

    @GET
    @Path("topology-tabulated/{host}/{port}")
    public ApiResponse tabulatedOf(@PathParam("host") String host, @PathParam("port") String port) {
        return ascii(lookup.instance(ClusterLookup.key(host, port)).clusterName(), true);
    }

    private ApiResponse ascii(String cluster, boolean tabulated) {
        List<Instance> members = lookup.cluster(cluster);
        var options = new TopologyRenderer.Options(discovery.pollInterval(), lookup::isDowntimed,
                recovery.reasonableMaintenanceLagSeconds());
        String text = tabulated ? TopologyRenderer.tabulated(members, Instant.now(), options)
                : TopologyRenderer.ascii(members, Instant.now(), options);
        return ApiResponse.ok("Topology for cluster " + cluster, text);
    }
}
