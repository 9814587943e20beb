package io.quorch.api;


import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quorch.api.dto.ApiResponse;
import io.quorch.control.ErrantGtidService;
import io.quorch.control.InstanceControlService;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.Text;

/**
 * Server-wide changes on one instance on orchestrator's paths: read_only, binary logs, killing a
 * query, semi-sync, errant GTIDs. Each answers with the server's state read after the change.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class InstanceControlResource {

    private static final String WHO = "X-Forwarded-User";

    private final ClusterLookup lookup;
    private final ControlCalls calls;
    private final InstanceControlService instances;
    private final ErrantGtidService errant;

    public InstanceControlResource(ClusterLookup lookup, ControlCalls calls, InstanceControlService instances,
            ErrantGtidService errant) {
        this.lookup = lookup;
        this.calls = calls;
        this.instances = instances;
        this.errant = errant;
    }


    @GET
    @Path("set-read-only/{host}/{port}")
    public ApiResponse setReadOnly(@PathParam("host") String host, @PathParam("port") String port,
            @HeaderParam(WHO) String who) {
        return calls.change(host, port, key -> instances.setReadOnly(key, true, who), key -> "Server set as read-only");
    }

    @GET
    @Path("set-writeable/{host}/{port}")
    public ApiResponse setWriteable(@PathParam("host") String host, @PathParam("port") String port,
            @HeaderParam(WHO) String who) {
        return calls.change(host, port, key -> instances.setReadOnly(key, false, who), key -> "Server set as writeable");
    }

    @GET
    @Path("flush-binary-logs/{host}/{port}")
    public ApiResponse flushBinaryLogs(@PathParam("host") String host, @PathParam("port") String port,
            @HeaderParam(WHO) String who) {
        return calls.change(host, port, key -> instances.flushBinaryLogs(key, who), key -> "Binary logs flushed on: " + key);
    }

    @GET
    @Path("enable-semi-sync-master/{host}/{port}")
    public ApiResponse enableSemiSyncMaster(@PathParam("host") String host, @PathParam("port") String port,
            @HeaderParam(WHO) String who) {
        return calls.change(host, port, key -> instances.semiSyncMaster(key, true, who), key -> "master semi-sync set to true");
    }

    @GET
    @Path("disable-semi-sync-master/{host}/{port}")
    public ApiResponse disableSemiSyncMaster(@PathParam("host") String host, @PathParam("port") String port,
            @HeaderParam(WHO) String who) {
        return calls.change(host, port, key -> instances.semiSyncMaster(key, false, who), key -> "master semi-sync set to false");
    }

    @GET
    @Path("enable-semi-sync-replica/{host}/{port}")
    public ApiResponse enableSemiSyncReplica(@PathParam("host") String host, @PathParam("port") String port,
            @HeaderParam(WHO) String who) {
        return calls.change(host, port, key -> instances.semiSyncReplica(key, true, who), key -> "replica semi-sync set to true");
    }

    @GET
    @Path("enable-semi-sync-slave/{host}/{port}")
    public ApiResponse enableSemiSyncSlave(@PathParam("host") String host, @PathParam("port") String port,
            @HeaderParam(WHO) String who) {
        return calls.change(host, port, key -> instances.semiSyncReplica(key, true, who), key -> "replica semi-sync set to true");
    }

    @GET
    @Path("disable-semi-sync-replica/{host}/{port}")
    public ApiResponse disableSemiSyncReplica(@PathParam("host") String host, @PathParam("port") String port,
            @HeaderParam(WHO) String who) {
        return calls.change(host, port, key -> instances.semiSyncReplica(key, false, who), key -> "replica semi-sync set to false");
    }

    @GET
    @Path("disable-semi-sync-slave/{host}/{port}")
    public ApiResponse disableSemiSyncSlave(@PathParam("host") String host, @PathParam("port") String port,
            @HeaderParam(WHO) String who) {
        return calls.change(host, port, key -> instances.semiSyncReplica(key, false, who), key -> "replica semi-sync set to false");
    }

    @GET
    @Path("gtid-errant-reset-master/{host}/{port}")
    public ApiResponse gtidErrantResetMaster(@PathParam("host") String host, @PathParam("port") String port,
            @HeaderParam(WHO) String who) {
        return calls.change(host, port, key -> errant.resetMaster(key, who), key -> "gtid-errant-reset-master applied on " + key);
    }

    @GET
    @Path("gtid-errant-inject-empty/{host}/{port}")
    public ApiResponse gtidErrantInjectEmpty(@PathParam("host") String host, @PathParam("port") String port,
            @HeaderParam(WHO) String who) {
        return calls.change(host, port, key -> errant.injectEmpty(key, who), key -> "gtid-errant-inject-empty applied on " + key);
    }

    @GET
    @Path("purge-binary-logs/{host}/{port}/{logFile}")
    public ApiResponse purgeBinaryLogs(@PathParam("host") String host, @PathParam("port") String port,
            @PathParam("logFile") String logFile, @QueryParam("force") String force, @HeaderParam(WHO) String who) {
        if (force != null && !force.equals("true") && !force.equals("false")) {
            throw ApiException.badRequest("force must be true or false, got \"" + Text.shown(force, 60) + "\"");
        }
        boolean forced = "true".equals(force);
        return calls.change(host, port, key -> instances.purgeBinaryLogs(key, logFile, forced, who),
                key -> "Binary logs purged on: " + key);
    }

    @GET
    @Path("kill-query/{host}/{port}/{process}")
    public ApiResponse killQuery(@PathParam("host") String host, @PathParam("port") String port,
            @PathParam("process") String process, @HeaderParam(WHO) String who) {
        return calls.change(host, port, key -> instances.killQuery(key, process, who), key -> "Query killed on : " + key);
    }

    @GET
    @Path("locate-gtid-errant/{host}/{port}")
    public ApiResponse locateGtidErrant(@PathParam("host") String host, @PathParam("port") String port) {
        InstanceKey key = ClusterLookup.key(host, port);
        lookup.instance(key);
        return ApiResponse.ok("located errant GTID", errant.locate(key));
    }
}
