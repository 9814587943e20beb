package io.quorch.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quorch.api.dto.ApiResponse;
import io.quorch.domain.InstanceKey;
import io.quorch.topology.MovePlan;
import io.quorch.topology.MovePlanner;
import io.quorch.topology.MoveRefusedException;
import io.quorch.topology.ReplicationRules;
import io.quorch.topology.TopologySnapshot;

/**
 * Moves of one server on orchestrator's paths and answers (Details: the moved server's fresh state). They
 * run on the leader against the servers; a follower forwards them. POST is accepted as well as GET.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class RefactorResource {

    static final String USER = "X-Forwarded-User";
    static final String NO_PSEUDO_GTID = "PseudoGTIDPattern not configured; cannot use Pseudo-GTID"
            + " (quorch has no Pseudo-GTID: this works only where both servers replicate by GTID; use relocate)";

    private final RefactorCalls calls;

    public RefactorResource(RefactorCalls calls) {
        this.calls = calls;
    }

    @GET
    @Path("relocate/{host}/{port}/{belowHost}/{belowPort}")
    public ApiResponse relocate(@HeaderParam(USER) String who, @PathParam("host") String host,
            @PathParam("port") String port, @PathParam("belowHost") String belowHost,
            @PathParam("belowPort") String belowPort) {
        InstanceKey k = ClusterLookup.key(host, port);
        InstanceKey b = ClusterLookup.key(belowHost, belowPort);
        return calls.one(who, s -> new MovePlanner(s).relocate(k, b), o -> "Instance " + k + " relocated below " + b, k, b);
    }

    @GET
    @Path("relocate-below/{host}/{port}/{belowHost}/{belowPort}")
    public ApiResponse relocateBelow(@HeaderParam(USER) String who, @PathParam("host") String host,
            @PathParam("port") String port, @PathParam("belowHost") String belowHost,
            @PathParam("belowPort") String belowPort) {
        return relocate(who, host, port, belowHost, belowPort);
    }

    @GET
    @Path("move-up/{host}/{port}")
    public ApiResponse moveUp(@HeaderParam(USER) String who, @PathParam("host") String host,
            @PathParam("port") String port) {
        InstanceKey k = ClusterLookup.key(host, port);
        return calls.one(who, s -> new MovePlanner(s).moveUp(k), o -> "Instance " + k + " moved up", k);
    }

    @GET
    @Path("move-below/{host}/{port}/{siblingHost}/{siblingPort}")
    public ApiResponse moveBelow(@HeaderParam(USER) String who, @PathParam("host") String host,
            @PathParam("port") String port, @PathParam("siblingHost") String siblingHost,
            @PathParam("siblingPort") String siblingPort) {
        InstanceKey k = ClusterLookup.key(host, port);
        InstanceKey b = ClusterLookup.key(siblingHost, siblingPort);
        return calls.one(who, s -> new MovePlanner(s).moveBelow(k, b), o -> "Instance " + k + " moved below " + b, k, b);
    }

    @GET
    @Path("move-equivalent/{host}/{port}/{belowHost}/{belowPort}")
    public ApiResponse moveEquivalent(@HeaderParam(USER) String who, @PathParam("host") String host,
            @PathParam("port") String port, @PathParam("belowHost") String belowHost,
            @PathParam("belowPort") String belowPort) {
        InstanceKey k = ClusterLookup.key(host, port);
        InstanceKey b = ClusterLookup.key(belowHost, belowPort);
        return calls.one(who, s -> new MovePlanner(s).moveEquivalent(k, b),
                o -> "Instance " + k + " relocated via equivalence coordinates below " + b, k, b);
    }

    @GET
    @Path("repoint/{host}/{port}/{belowHost}/{belowPort}")
    public ApiResponse repoint(@HeaderParam(USER) String who, @PathParam("host") String host,
            @PathParam("port") String port, @PathParam("belowHost") String belowHost,
            @PathParam("belowPort") String belowPort) {
        InstanceKey k = ClusterLookup.key(host, port);
        InstanceKey b = ClusterLookup.key(belowHost, belowPort);
        return calls.one(who, s -> new MovePlanner(s).repoint(k, b), o -> "Instance " + k + " repointed below " + b, k, b);
    }

    /** Without a destination: reconnect to its own source (e.g. after corrupted relay logs). */
    @GET
    @Path("repoint/{host}/{port}")
    public ApiResponse repointToOwn(@HeaderParam(USER) String who, @PathParam("host") String host,
            @PathParam("port") String port) {
        InstanceKey k = ClusterLookup.key(host, port);
        return calls.one(who, s -> new MovePlanner(s).repoint(k, null),
                o -> "Instance " + k + " repointed below " + o.subject().masterKey(), k);
    }

    @GET
    @Path("take-master/{host}/{port}")
    public ApiResponse takeMaster(@HeaderParam(USER) String who, @PathParam("host") String host,
            @PathParam("port") String port) {
        InstanceKey k = ClusterLookup.key(host, port);
        return calls.one(who, s -> new MovePlanner(s).takeMaster(k), o -> k + " took its master", k);
    }

    @GET
    @Path("enslave-master/{host}/{port}")
    public ApiResponse enslaveMaster(@HeaderParam(USER) String who, @PathParam("host") String host,
            @PathParam("port") String port) {
        return takeMaster(who, host, port);
    }

    @GET
    @Path("make-co-master/{host}/{port}")
    public ApiResponse makeCoMaster(@HeaderParam(USER) String who, @PathParam("host") String host,
            @PathParam("port") String port) {
        InstanceKey k = ClusterLookup.key(host, port);
        return calls.one(who, s -> new MovePlanner(s).makeCoMaster(k), o -> "Instance made co-master: " + k, k);
    }

    @GET
    @Path("move-below-gtid/{host}/{port}/{belowHost}/{belowPort}")
    public ApiResponse moveBelowGtid(@HeaderParam(USER) String who, @PathParam("host") String host,
            @PathParam("port") String port, @PathParam("belowHost") String belowHost,
            @PathParam("belowPort") String belowPort) {
        InstanceKey k = ClusterLookup.key(host, port);
        InstanceKey b = ClusterLookup.key(belowHost, belowPort);
        return calls.one(who, s -> new MovePlanner(s).moveBelowGtid("move-below-gtid", k, b),
                o -> "Instance " + k + " moved below " + b + " via GTID", k, b);
    }

    /** orchestrator-client's move-gtid command calls this path. */
    @GET
    @Path("move-gtid/{host}/{port}/{belowHost}/{belowPort}")
    public ApiResponse moveGtid(@HeaderParam(USER) String who, @PathParam("host") String host,
            @PathParam("port") String port, @PathParam("belowHost") String belowHost,
            @PathParam("belowPort") String belowPort) {
        return moveBelowGtid(who, host, port, belowHost, belowPort);
    }

    /** Pseudo-GTID's match, where both servers use GTID: a GTID move. */
    @GET
    @Path("match/{host}/{port}/{belowHost}/{belowPort}")
    public ApiResponse match(@HeaderParam(USER) String who, @PathParam("host") String host,
            @PathParam("port") String port, @PathParam("belowHost") String belowHost,
            @PathParam("belowPort") String belowPort) {
        InstanceKey k = ClusterLookup.key(host, port);
        InstanceKey b = ClusterLookup.key(belowHost, belowPort);
        return calls.one(who, s -> matchPlan(s, "match", k, b), o -> "Instance " + k + " matched below " + b, k, b);
    }

    @GET
    @Path("match-below/{host}/{port}/{belowHost}/{belowPort}")
    public ApiResponse matchBelow(@HeaderParam(USER) String who, @PathParam("host") String host,
            @PathParam("port") String port, @PathParam("belowHost") String belowHost,
            @PathParam("belowPort") String belowPort) {
        return match(who, host, port, belowHost, belowPort);
    }

    /** Pseudo-GTID's match-up, where the server and its grandparent use GTID: a GTID move up. */
    @GET
    @Path("match-up/{host}/{port}")
    public ApiResponse matchUp(@HeaderParam(USER) String who, @PathParam("host") String host,
            @PathParam("port") String port) {
        InstanceKey k = ClusterLookup.key(host, port);
        return calls.one(who, s -> {
            var i = s.require(k);
            if (!i.isReplica()) {
                throw new MoveRefusedException("instance is not a replica: " + k);
            }
            var master = s.require(i.masterKey());
            if (!master.isReplica()) {
                throw new MoveRefusedException("master is not a replica itself: " + master.key());
            }
            return matchPlan(s, "match-up", k, master.masterKey());
        }, o -> "Instance " + k + " matched up at " + o.subject().masterKey(), k);
    }

    static MovePlan matchPlan(TopologySnapshot s, String operation, InstanceKey k, InstanceKey b) {
        if (!ReplicationRules.gtidCompatible(s.require(k), s.require(b))) {
            throw new MoveRefusedException(NO_PSEUDO_GTID);
        }
        return new MovePlanner(s).moveBelowGtid(operation, k, b);
    }
}
