package io.quorch.api;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quorch.analysis.AnalysisJson;
import io.quorch.analysis.AnalysisService;
import io.quorch.analysis.ReplicationAnalysis;
import io.quorch.api.dto.ApiResponse;
import io.quorch.recovery.QuorumService;
import io.quorch.store.ClusterAliasStore;

/** The named problems of every cluster, of one, or of one server, as last analysed (see AnalysisCache). */
@Path("/api/replication-analysis")
@Produces(MediaType.APPLICATION_JSON)
public class AnalysisResource {

    private final AnalysisService analysis;
    private final ClusterLookup lookup;
    private final ClusterAliasStore aliases;
    private final QuorumService quorum;

    public AnalysisResource(AnalysisService analysis, ClusterLookup lookup, ClusterAliasStore aliases,
            QuorumService quorum) {
        this.quorum = quorum;
        this.analysis = analysis;
        this.lookup = lookup;
        this.aliases = aliases;
    }

    @GET
    public ApiResponse all() {
        return respond(analysis.analyzeAll());
    }

    @GET
    @Path("{clusterHint}")
    public ApiResponse cluster(@PathParam("clusterHint") String hint) {
        return respond(analysis.latestCluster(lookup.clusterName(hint)));
    }

    @GET
    @Path("instance/{host}/{port}")
    public ApiResponse instance(@PathParam("host") String host, @PathParam("port") String port) {
        var key = ClusterLookup.key(host, port);
        lookup.instance(key);
        return respond(analysis.latestInstance(key));
    }

    private ApiResponse respond(List<ReplicationAnalysis> entries) {
        Map<String, String> alias = aliases.all();
        return ApiResponse.ok("Analysis", entries.stream().map(a -> {
            Map<String, Object> m = AnalysisJson.of(a, alias.getOrDefault(a.clusterName(), a.clusterName()));
            // quorch's own field, after orchestrator's: which nodes agree on a primary-level failure
            quorum.tally(a).ifPresent(t -> m.put(AnalysisJson.QUORUM_FIELD, t.json()));
            return m;
        }).toList());
    }
}
