package io.quorch.api;

import static io.quorch.api.RefactorResource.USER;

import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quorch.api.dto.ApiResponse;
import io.quorch.api.dto.InstanceJson;
import io.quorch.domain.InstanceKey;
import io.quorch.topology.MovePlan;
import io.quorch.topology.MoveRefusedException;
import io.quorch.topology.ReplicasPlanner;
import io.quorch.topology.ReplicationRules;
import io.quorch.topology.TopologySnapshot;

/**
 * Moves of several replicas at once (Details: the moved replicas' fresh state; replicas left in place are
 * counted in the message as orchestrator's errors), and can-replicate-from, which changes nothing. The
 * `slaves` spellings orchestrator still accepts are here too.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class RefactorReplicasResource {

    private final RefactorCalls calls;

    public RefactorReplicasResource(RefactorCalls calls) {
        this.calls = calls;
    }

    @GET
    @Path("relocate-replicas/{host}/{port}/{belowHost}/{belowPort}")
    public ApiResponse relocateReplicas(@HeaderParam(USER) String who, @PathParam("host") String host,
            @PathParam("port") String port, @PathParam("belowHost") String belowHost,
            @PathParam("belowPort") String belowPort) {
        InstanceKey k = ClusterLookup.key(host, port);
        InstanceKey b = ClusterLookup.key(belowHost, belowPort);
        return calls.many(who, s -> new ReplicasPlanner(s).relocateReplicas("relocate-replicas", k, k, b, false),
                o -> "Relocated " + o.moved().size() + " replicas of " + k + " below " + b + RefactorCalls.errors(o),
                k, b);
    }

    @GET
    @Path("relocate-slaves/{host}/{port}/{belowHost}/{belowPort}")
    public ApiResponse relocateSlaves(@HeaderParam(USER) String who, @PathParam("host") String host,
            @PathParam("port") String port, @PathParam("belowHost") String belowHost,
            @PathParam("belowPort") String belowPort) {
        return relocateReplicas(who, host, port, belowHost, belowPort);
    }

    @GET
    @Path("move-up-replicas/{host}/{port}")
    public ApiResponse moveUpReplicas(@HeaderParam(USER) String who, @PathParam("host") String host,
            @PathParam("port") String port) {
        InstanceKey k = ClusterLookup.key(host, port);
        return calls.many(who, s -> new ReplicasPlanner(s).moveUpReplicas(k),
                o -> "Moved up " + o.moved().size() + " replicas of " + k + RefactorCalls.errors(o), k);
    }

    @GET
    @Path("move-up-slaves/{host}/{port}")
    public ApiResponse moveUpSlaves(@HeaderParam(USER) String who, @PathParam("host") String host,
            @PathParam("port") String port) {
        return moveUpReplicas(who, host, port);
    }

    @GET
    @Path("repoint-replicas/{host}/{port}")
    public ApiResponse repointReplicas(@HeaderParam(USER) String who, @PathParam("host") String host,
            @PathParam("port") String port) {
        InstanceKey k = ClusterLookup.key(host, port);
        return calls.many(who, s -> new ReplicasPlanner(s).repointReplicas(k),
                o -> "Repointed " + o.moved().size() + " replicas of " + k + RefactorCalls.errors(o), k);
    }

    @GET
    @Path("repoint-slaves/{host}/{port}")
    public ApiResponse repointSlaves(@HeaderParam(USER) String who, @PathParam("host") String host,
            @PathParam("port") String port) {
        return repointReplicas(who, host, port);
    }

    @GET
    @Path("take-siblings/{host}/{port}")
    public ApiResponse takeSiblings(@HeaderParam(USER) String who, @PathParam("host") String host,
            @PathParam("port") String port) {
        InstanceKey k = ClusterLookup.key(host, port);
        return calls.one(who, s -> new ReplicasPlanner(s).takeSiblings(k),
                o -> "Took " + o.moved().size() + " siblings of " + k + RefactorCalls.errors(o), k);
    }

    @GET
    @Path("enslave-siblings/{host}/{port}")
    public ApiResponse enslaveSiblings(@HeaderParam(USER) String who, @PathParam("host") String host,
            @PathParam("port") String port) {
        return takeSiblings(who, host, port);
    }

    /** Details: the promoted replica, as orchestrator answers. */
    @GET
    @Path("regroup-replicas/{host}/{port}")
    public ApiResponse regroupReplicas(@HeaderParam(USER) String who, @PathParam("host") String host,
            @PathParam("port") String port) {
        InstanceKey k = ClusterLookup.key(host, port);
        return calls.one(who, s -> new ReplicasPlanner(s).regroupReplicas("regroup-replicas", k, false),
                o -> "promoted replica: " + o.subject().key() + ", lost: " + o.errors().size() + ", trivial: 0,"
                        + " pseudo-gtid: 0" + RefactorCalls.errors(o), k);
    }

    @GET
    @Path("regroup-slaves/{host}/{port}")
    public ApiResponse regroupSlaves(@HeaderParam(USER) String who, @PathParam("host") String host,
            @PathParam("port") String port) {
        return regroupReplicas(who, host, port);
    }

    @GET
    @Path("regroup-replicas-gtid/{host}/{port}")
    public ApiResponse regroupReplicasGtid(@HeaderParam(USER) String who, @PathParam("host") String host,
            @PathParam("port") String port) {
        InstanceKey k = ClusterLookup.key(host, port);
        return calls.one(who, s -> new ReplicasPlanner(s).regroupReplicas("regroup-replicas-gtid", k, true),
                o -> "regroup-replicas-gtid: promoted replica " + o.subject().key() + ", moved "
                        + o.moved().size() + ", lost " + o.errors().size() + RefactorCalls.errors(o), k);
    }

    @GET
    @Path("regroup-slaves-gtid/{host}/{port}")
    public ApiResponse regroupSlavesGtid(@HeaderParam(USER) String who, @PathParam("host") String host,
            @PathParam("port") String port) {
        return regroupReplicasGtid(who, host, port);
    }

    @GET
    @Path("move-replicas-gtid/{host}/{port}/{belowHost}/{belowPort}")
    public ApiResponse moveReplicasGtid(@HeaderParam(USER) String who, @PathParam("host") String host,
            @PathParam("port") String port, @PathParam("belowHost") String belowHost,
            @PathParam("belowPort") String belowPort) {
        InstanceKey k = ClusterLookup.key(host, port);
        InstanceKey b = ClusterLookup.key(belowHost, belowPort);
        return calls.many(who, s -> new ReplicasPlanner(s).relocateReplicas("move-replicas-gtid", k, k, b, true),
                o -> "Moved " + o.moved().size() + " replicas of " + k + " below " + b + " via GTID"
                        + RefactorCalls.errors(o), k, b);
    }

    @GET
    @Path("move-slaves-gtid/{host}/{port}/{belowHost}/{belowPort}")
    public ApiResponse moveSlavesGtid(@HeaderParam(USER) String who, @PathParam("host") String host,
            @PathParam("port") String port, @PathParam("belowHost") String belowHost,
            @PathParam("belowPort") String belowPort) {
        return moveReplicasGtid(who, host, port, belowHost, belowPort);
    }

    /** Pseudo-GTID's match-up-replicas, where the replicas use GTID: they move up by GTID. */
    @GET
    @Path("match-up-replicas/{host}/{port}")
    public ApiResponse matchUpReplicas(@HeaderParam(USER) String who, @PathParam("host") String host,
            @PathParam("port") String port) {
        InstanceKey k = ClusterLookup.key(host, port);
        return calls.many(who, s -> matchUpPlan(s, k),
                o -> "Matched up " + o.moved().size() + " replicas of " + k + RefactorCalls.errors(o), k);
    }

    @GET
    @Path("match-up-slaves/{host}/{port}")
    public ApiResponse matchUpSlaves(@HeaderParam(USER) String who, @PathParam("host") String host,
            @PathParam("port") String port) {
        return matchUpReplicas(who, host, port);
    }

    private static MovePlan matchUpPlan(TopologySnapshot s, InstanceKey k) {
        var i = s.require(k);
        if (!i.isReplica()) {
            throw new MoveRefusedException("instance is not a replica: " + k);
        }
        if (s.replicasOf(k).stream().noneMatch(r -> ReplicationRules.gtidCompatible(r, s.require(i.masterKey())))) {
            throw new MoveRefusedException(RefactorResource.NO_PSEUDO_GTID);
        }
        return new ReplicasPlanner(s).relocateReplicas("match-up-replicas", k, k, i.masterKey(), true);
    }

    /** orchestrator's answer: Message "true" and Details the other key, or an error naming the reason. */
    @GET
    @Path("can-replicate-from/{host}/{port}/{belowHost}/{belowPort}")
    public ApiResponse canReplicateFrom(@PathParam("host") String host, @PathParam("port") String port,
            @PathParam("belowHost") String belowHost, @PathParam("belowPort") String belowPort) {
        InstanceKey k = ClusterLookup.key(host, port);
        InstanceKey b = ClusterLookup.key(belowHost, belowPort);
        Optional<String> refusal = calls.check(s -> ReplicationRules.canReplicateFrom(s.require(k), s.require(b)), k, b);
        return answer(refusal, b);
    }

    @POST
    @Path("can-replicate-from/{host}/{port}/{belowHost}/{belowPort}")
    public ApiResponse canReplicateFromPost(@PathParam("host") String host, @PathParam("port") String port,
            @PathParam("belowHost") String belowHost, @PathParam("belowPort") String belowPort) {
        return canReplicateFrom(host, port, belowHost, belowPort);
    }

    /** As can-replicate-from, and both use GTID and the other has every transaction the server has applied. */
    @GET
    @Path("can-replicate-from-gtid/{host}/{port}/{belowHost}/{belowPort}")
    public ApiResponse canReplicateFromGtid(@PathParam("host") String host, @PathParam("port") String port,
            @PathParam("belowHost") String belowHost, @PathParam("belowPort") String belowPort) {
        InstanceKey k = ClusterLookup.key(host, port);
        InstanceKey b = ClusterLookup.key(belowHost, belowPort);
        Optional<String> refusal = calls.check(s -> ReplicationRules.canReplicateFrom(s.require(k), s.require(b))
                .or(() -> ReplicationRules.canMoveViaGtid(s.require(k), s.require(b)))
                .or(() -> ReplicationRules.hasNeededTransactions(s.require(k), s.require(b))), k, b);
        return answer(refusal, b);
    }

    @POST
    @Path("can-replicate-from-gtid/{host}/{port}/{belowHost}/{belowPort}")
    public ApiResponse canReplicateFromGtidPost(@PathParam("host") String host, @PathParam("port") String port,
            @PathParam("belowHost") String belowHost, @PathParam("belowPort") String belowPort) {
        return canReplicateFromGtid(host, port, belowHost, belowPort);
    }

    private static ApiResponse answer(Optional<String> refusal, InstanceKey other) {
        if (refusal.isPresent()) {
            throw ApiException.badRequest(refusal.get());
        }
        return ApiResponse.ok("true", InstanceJson.key(other));
    }
}
