package io.quorch.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quorch.api.dto.ApiResponse;
import io.quorch.api.dto.ClusterInfo;
import io.quorch.consensus.CommandBus;
import io.quorch.consensus.ReplicatedCommand;
import io.quorch.domain.Instance;

/** Clusters: listing, members, info, primaries, aliases, forgetting. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class ClusterResource {

    private final ClusterLookup lookup;
    private final CommandBus commands;

    public ClusterResource(ClusterLookup lookup, CommandBus commands) {
        this.lookup = lookup;
        this.commands = commands;
    }

    @GET
    @Path("clusters")
    public List<String> clusters() {
        return lookup.clusterNames();
    }

    @GET
    @Path("clusters-info")
    public List<ClusterInfo> clustersInfo() {
        return lookup.infos();
    }

    @GET
    @Path("cluster/{clusterHint}")
    public List<Map<String, Object>> cluster(@PathParam("clusterHint") String hint) {
        return lookup.json(lookup.known(lookup.clusterName(hint)));
    }

    @GET
    @Path("cluster/alias/{alias}")
    public List<Map<String, Object>> clusterByAlias(@PathParam("alias") String alias) {
        return lookup.json(lookup.known(lookup.clusterByAlias(alias)));
    }

    @GET
    @Path("cluster/instance/{host}/{port}")
    public List<Map<String, Object>> clusterOfInstance(@PathParam("host") String host, @PathParam("port") String port) {
        return lookup.json(lookup.known(lookup.instance(ClusterLookup.key(host, port)).clusterName()));
    }

    @GET
    @Path("cluster-info/{clusterHint}")
    public ClusterInfo clusterInfo(@PathParam("clusterHint") String hint) {
        return lookup.info(lookup.clusterName(hint));
    }

    @GET
    @Path("cluster-info/alias/{alias}")
    public ClusterInfo clusterInfoByAlias(@PathParam("alias") String alias) {
        return lookup.info(lookup.clusterByAlias(alias));
    }

    @GET
    @Path("master/{clusterHint}")
    public Map<String, Object> master(@PathParam("clusterHint") String hint) {
        String cluster = lookup.clusterName(hint);
        return lookup.json(primary(cluster));
    }

    @GET
    @Path("masters")
    public List<Map<String, Object>> masters() {
        return lookup.json(lookup.clusterNames().stream().map(this::primaryOrNull).filter(i -> i != null).toList());
    }

    @GET
    @Path("forget-cluster/{clusterHint}")
    public ApiResponse forgetCluster(@PathParam("clusterHint") String hint) {
        String cluster = lookup.clusterName(hint);
        commands.submit(new ReplicatedCommand.ForgetCluster(cluster, Instant.now()));
        return ApiResponse.ok("Cluster forgotten: " + cluster, null);
    }

    @GET
    @Path("set-cluster-alias/{clusterName}")
    public ApiResponse setClusterAlias(@PathParam("clusterName") String clusterName, @QueryParam("alias") String alias) {
        if (alias == null || alias.isBlank()) {
            throw ApiException.badRequest("set-cluster-alias needs ?alias=NAME");
        }
        String cluster = lookup.clusterName(clusterName);
        commands.submit(new ReplicatedCommand.SetClusterAlias(cluster, alias.trim(), Instant.now()));
        return ApiResponse.ok("Cluster " + cluster + " now has alias '" + alias.trim() + "'", null);
    }

    private Instance primary(String cluster) {
        Instance p = primaryOrNull(cluster);
        if (p == null) {
            throw ApiException.notFound("no primary known for cluster " + cluster);
        }
        return p;
    }

    private Instance primaryOrNull(String cluster) {
        return lookup.known(cluster).stream().filter(i -> i.replicationDepth() == 0).findFirst().orElse(null);
    }
}
