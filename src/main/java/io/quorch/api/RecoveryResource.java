package io.quorch.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quorch.analysis.AnalysisService;
import io.quorch.api.dto.ApiResponse;
import io.quorch.api.dto.RecoveryJson;
import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.TopologyRecovery;
import io.quorch.recovery.GracefulTakeover;
import io.quorch.recovery.RecoveryService;
import io.quorch.recovery.RecoveryTrigger;
import io.quorch.store.AuditStore;
import io.quorch.store.RecoveryStore;

/** Manual and planned recoveries, and the recovery audit. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class RecoveryResource {

    private static final int AUDIT_LIMIT = 200;

    private final ClusterLookup lookup;
    private final RecoveryService recovery;
    private final GracefulTakeover takeover;
    private final RecoveryStore store;
    private final AuditStore audit;
    private final AnalysisService analysis;
    private final RecoveryTrigger trigger;

    public RecoveryResource(ClusterLookup lookup, RecoveryService recovery, GracefulTakeover takeover,
            RecoveryStore store, AuditStore audit, AnalysisService analysis, RecoveryTrigger trigger) {
        this.lookup = lookup;
        this.recovery = recovery;
        this.takeover = takeover;
        this.store = store;
        this.audit = audit;
        this.analysis = analysis;
        this.trigger = trigger;
    }

    /**
     * quorch's own: how many analysis passes this node completed as leader. It advances about every second on
     * the leader, so a caller can tell that recovery looked again (and did nothing) rather than guess by waiting.
     */
    @GET
    @Path("recovery-metrics")
    public Map<String, Object> metrics() {
        return Map.of("AnalysisPasses", trigger.passes());
    }

    @GET
    @Path("recover/{host}/{port}")
    public ApiResponse recover(@PathParam("host") String host, @PathParam("port") String port,
            @QueryParam("skipProcesses") String skipProcesses) {
        return recover(host, port, Optional.empty(), "true".equals(skipProcesses));
    }

    @GET
    @Path("recover/{host}/{port}/{candidateHost}/{candidatePort}")
    public ApiResponse recoverTo(@PathParam("host") String host, @PathParam("port") String port,
            @PathParam("candidateHost") String candidateHost, @PathParam("candidatePort") String candidatePort,
            @QueryParam("skipProcesses") String skipProcesses) {
        return recover(host, port, Optional.of(ClusterLookup.key(candidateHost, candidatePort)),
                "true".equals(skipProcesses));
    }

    /** orchestrator's recover-lite: the same recovery without running any hook. */
    @GET
    @Path("recover-lite/{host}/{port}")
    public ApiResponse recoverLite(@PathParam("host") String host, @PathParam("port") String port) {
        return recover(host, port, Optional.empty(), true);
    }

    @GET
    @Path("recover-lite/{host}/{port}/{candidateHost}/{candidatePort}")
    public ApiResponse recoverLiteTo(@PathParam("host") String host, @PathParam("port") String port,
            @PathParam("candidateHost") String candidateHost, @PathParam("candidatePort") String candidatePort) {
        return recover(host, port, Optional.of(ClusterLookup.key(candidateHost, candidatePort)), true);
    }

    private ApiResponse recover(String host, String port, Optional<InstanceKey> candidate, boolean skipHooks) {
        InstanceKey key = ClusterLookup.key(host, port);
        lookup.instance(key);
        candidate.ifPresent(lookup::instance);
        // as orchestrator's recover: Details is the promoted server's key (graceful takeovers and
        // forced failovers answer with the whole recovery)
        TopologyRecovery r = recovery.recoverManually(key, new RecoveryService.Request(candidate, skipHooks));
        return outcome("Recovery", r, r.successful() ? io.quorch.api.dto.InstanceJson.key(r.successor()) : null);
    }

    @GET
    @Path("graceful-master-takeover/{clusterHint}")
    public ApiResponse graceful(@PathParam("clusterHint") String hint) {
        return outcome("Graceful master takeover", takeover.takeover(lookup.clusterName(hint), Optional.empty(), false));
    }

    @GET
    @Path("graceful-master-takeover/{host}/{port}")
    public ApiResponse gracefulByInstance(@PathParam("host") String host, @PathParam("port") String port) {
        String cluster = lookup.instance(ClusterLookup.key(host, port)).clusterName();
        return outcome("Graceful master takeover", takeover.takeover(cluster, Optional.empty(), false));
    }

    @GET
    @Path("graceful-master-takeover/{clusterHint}/{designatedHost}/{designatedPort}")
    public ApiResponse gracefulTo(@PathParam("clusterHint") String hint, @PathParam("designatedHost") String host,
            @PathParam("designatedPort") String port) {
        return outcome("Graceful master takeover", takeover.takeover(lookup.clusterName(hint),
                Optional.of(ClusterLookup.key(host, port)), false));
    }

    @GET
    @Path("graceful-master-takeover/{host}/{port}/{designatedHost}/{designatedPort}")
    public ApiResponse gracefulByInstanceTo(@PathParam("host") String host, @PathParam("port") String port,
            @PathParam("designatedHost") String designatedHost, @PathParam("designatedPort") String designatedPort) {
        String cluster = lookup.instance(ClusterLookup.key(host, port)).clusterName();
        return outcome("Graceful master takeover", takeover.takeover(cluster,
                Optional.of(ClusterLookup.key(designatedHost, designatedPort)), false));
    }

    @GET
    @Path("graceful-master-takeover-auto/{clusterHint}")
    public ApiResponse gracefulAuto(@PathParam("clusterHint") String hint) {
        return outcome("Graceful master takeover", takeover.takeover(lookup.clusterName(hint), Optional.empty(), true));
    }

    @GET
    @Path("graceful-master-takeover-auto/{host}/{port}")
    public ApiResponse gracefulAutoByInstance(@PathParam("host") String host, @PathParam("port") String port) {
        String cluster = lookup.instance(ClusterLookup.key(host, port)).clusterName();
        return outcome("Graceful master takeover", takeover.takeover(cluster, Optional.empty(), true));
    }

    @GET
    @Path("graceful-master-takeover-auto/{clusterHint}/{designatedHost}/{designatedPort}")
    public ApiResponse gracefulAutoTo(@PathParam("clusterHint") String hint, @PathParam("designatedHost") String host,
            @PathParam("designatedPort") String port) {
        return outcome("Graceful master takeover", takeover.takeover(lookup.clusterName(hint),
                Optional.of(ClusterLookup.key(host, port)), true));
    }

    @GET
    @Path("graceful-master-takeover-auto/{host}/{port}/{designatedHost}/{designatedPort}")
    public ApiResponse gracefulAutoByInstanceTo(@PathParam("host") String host, @PathParam("port") String port,
            @PathParam("designatedHost") String designatedHost, @PathParam("designatedPort") String designatedPort) {
        String cluster = lookup.instance(ClusterLookup.key(host, port)).clusterName();
        return outcome("Graceful master takeover", takeover.takeover(cluster,
                Optional.of(ClusterLookup.key(designatedHost, designatedPort)), true));
    }

    @GET
    @Path("force-master-failover/{clusterHint}")
    public ApiResponse force(@PathParam("clusterHint") String hint) {
        return forceCluster(lookup.clusterName(hint));
    }

    @GET
    @Path("force-master-failover/{host}/{port}")
    public ApiResponse forceByInstance(@PathParam("host") String host, @PathParam("port") String port) {
        return forceCluster(lookup.instance(ClusterLookup.key(host, port)).clusterName());
    }

    /**
     * orchestrator's force-master-takeover: the primary is treated as dead (quorch fences it with read_only first)
     * and the designated replica, which must replicate directly from it, is promoted.
     */
    @GET
    @Path("force-master-takeover/{clusterHint}/{designatedHost}/{designatedPort}")
    public ApiResponse forceTakeover(@PathParam("clusterHint") String hint,
            @PathParam("designatedHost") String designatedHost, @PathParam("designatedPort") String designatedPort) {
        return forceCluster(lookup.clusterName(hint), Optional.of(ClusterLookup.key(designatedHost, designatedPort)));
    }

    @GET
    @Path("force-master-takeover/{host}/{port}/{designatedHost}/{designatedPort}")
    public ApiResponse forceTakeoverByInstance(@PathParam("host") String host, @PathParam("port") String port,
            @PathParam("designatedHost") String designatedHost, @PathParam("designatedPort") String designatedPort) {
        return forceCluster(lookup.instance(ClusterLookup.key(host, port)).clusterName(),
                Optional.of(ClusterLookup.key(designatedHost, designatedPort)));
    }

    private ApiResponse forceCluster(String cluster) {
        return forceCluster(cluster, Optional.empty());
    }

    private ApiResponse forceCluster(String cluster, Optional<InstanceKey> designatedKey) {
        Optional<Instance> designated = designatedKey.map(lookup::instance);
        List<Instance> primaries = lookup.cluster(cluster).stream().filter(i -> i.masterKey() == null).toList();
        if (primaries.size() != 1) {
            throw ApiException.badRequest("Cannot deduce cluster master for " + cluster);
        }
        var asAnalyzed = io.quorch.analysis.Analyzer.forced(lookup.cluster(cluster), primaries.get(0).key());
        return outcome(designated.isPresent() ? "Forced master takeover" : "Forced master failover",
                recovery.forceMasterFailover(asAnalyzed, designated));
    }

    @GET
    @Path("audit-recovery")
    public List<Map<String, Object>> auditRecovery(@QueryParam("unacknowledged") boolean unacknowledged) {
        return RecoveryJson.recoveries(store.recoveries(Optional.empty(), unacknowledged, AUDIT_LIMIT));
    }

    @GET
    @Path("audit-recovery/cluster/{clusterHint}")
    public List<Map<String, Object>> auditCluster(@PathParam("clusterHint") String hint,
            @QueryParam("unacknowledged") boolean unacknowledged) {
        String cluster = clusterOrSelf(hint);
        return RecoveryJson.recoveries(store.recoveries(Optional.of(cluster), unacknowledged, AUDIT_LIMIT));
    }

    @GET
    @Path("audit-recovery/id/{id}")
    public List<Map<String, Object>> auditId(@PathParam("id") String id) {
        try {
            return store.recovery(Long.parseLong(id)).map(r -> List.of(RecoveryJson.of(r)))
                    .orElseThrow(() -> ApiException.notFound("no recovery with id " + id));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("recovery id must be a number, got \"" + id + "\"");
        }
    }

    @GET
    @Path("audit-recovery/uid/{uid}")
    public List<Map<String, Object>> auditUid(@PathParam("uid") String uid) {
        return store.recoveryByUid(uid).map(r -> List.of(RecoveryJson.of(r)))
                .orElseThrow(() -> ApiException.notFound("no recovery with uid " + uid));
    }

    @GET
    @Path("audit-recovery-steps/{uid}")
    public List<Map<String, Object>> steps(@PathParam("uid") String uid) {
        store.recoveryByUid(uid).orElseThrow(() -> ApiException.notFound("no recovery with uid " + uid));
        return store.steps(uid).stream().map(RecoveryJson::of).toList();
    }

    @GET
    @Path("audit-failure-detection")
    public List<Map<String, Object>> detections() {
        return store.detections(AUDIT_LIMIT).stream().map(RecoveryJson::of).toList();
    }

    @GET
    @Path("blocked-recoveries")
    public List<Map<String, Object>> blocked() {
        return store.blocked(Optional.empty()).stream().map(RecoveryJson::of).toList();
    }

    @GET
    @Path("blocked-recoveries/cluster/{clusterHint}")
    public List<Map<String, Object>> blockedIn(@PathParam("clusterHint") String hint) {
        return store.blocked(Optional.of(clusterOrSelf(hint))).stream().map(RecoveryJson::of).toList();
    }

    @GET
    @Path("audit")
    public List<AuditStore.Entry> auditLog() {
        return audit.recent(AUDIT_LIMIT);
    }

    /** A recovered cluster may no longer exist under its old name: audits accept the name as given. */
    private String clusterOrSelf(String hint) {
        try {
            return lookup.clusterName(hint);
        } catch (ApiException e) {
            return hint;
        }
    }

    private static ApiResponse outcome(String what, TopologyRecovery r) {
        return outcome(what, r, RecoveryJson.of(r));
    }

    private static ApiResponse outcome(String what, TopologyRecovery r, Object details) {
        if (!r.successful()) {
            throw new ApiException(500, what + " failed: " + String.join("; ", r.errors()));
        }
        return ApiResponse.ok(what + ": " + r.failedKey() + " replaced by " + r.successor(), details);
    }
}
