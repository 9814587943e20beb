package io.quorch.api;


import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quorch.api.dto.ApiResponse;
import io.quorch.control.ReplicationControlService;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.Text;

/**
 * Replication control on one replica, on orchestrator's paths in both spellings it accepts
 * ("-replica" and the older "-slave"). Each answers with the replica's state read after the change;
 * the work and the rules are {@link ReplicationControlService}'s. POST is accepted as GET.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class ReplicationControlResource {

    private static final String WHO = "X-Forwarded-User";

    private final ClusterLookup lookup;
    private final ControlCalls calls;
    private final ReplicationControlService service;

    public ReplicationControlResource(ClusterLookup lookup, ControlCalls calls,
            ReplicationControlService service) {
        this.lookup = lookup;
        this.calls = calls;
        this.service = service;
    }


    @GET
    @Path("start-replica/{host}/{port}")
    public ApiResponse start(@PathParam("host") String host, @PathParam("port") String port,
            @HeaderParam(WHO) String who) {
        return calls.change(host, port, key -> service.start(key, who), key -> "Replica started: " + key);
    }

    @GET
    @Path("start-slave/{host}/{port}")
    public ApiResponse startSlave(@PathParam("host") String host, @PathParam("port") String port,
            @HeaderParam(WHO) String who) {
        return calls.change(host, port, key -> service.start(key, who), key -> "Replica started: " + key);
    }

    @GET
    @Path("stop-replica/{host}/{port}")
    public ApiResponse stop(@PathParam("host") String host, @PathParam("port") String port,
            @HeaderParam(WHO) String who) {
        return calls.change(host, port, key -> service.stop(key, who), key -> "Replica stopped: " + key);
    }

    @GET
    @Path("stop-slave/{host}/{port}")
    public ApiResponse stopSlave(@PathParam("host") String host, @PathParam("port") String port,
            @HeaderParam(WHO) String who) {
        return calls.change(host, port, key -> service.stop(key, who), key -> "Replica stopped: " + key);
    }

    @GET
    @Path("stop-replica-nice/{host}/{port}")
    public ApiResponse stopNice(@PathParam("host") String host, @PathParam("port") String port,
            @HeaderParam(WHO) String who) {
        return calls.change(host, port, key -> service.stopNicely(key, who), key -> "Replica stopped nicely: " + key);
    }

    @GET
    @Path("stop-slave-nice/{host}/{port}")
    public ApiResponse stopNiceSlave(@PathParam("host") String host, @PathParam("port") String port,
            @HeaderParam(WHO) String who) {
        return calls.change(host, port, key -> service.stopNicely(key, who), key -> "Replica stopped nicely: " + key);
    }

    @GET
    @Path("restart-replica/{host}/{port}")
    public ApiResponse restart(@PathParam("host") String host, @PathParam("port") String port,
            @HeaderParam(WHO) String who) {
        return calls.change(host, port, key -> service.restart(key, who), key -> "Replica restarted: " + key);
    }

    @GET
    @Path("restart-slave/{host}/{port}")
    public ApiResponse restartSlave(@PathParam("host") String host, @PathParam("port") String port,
            @HeaderParam(WHO) String who) {
        return calls.change(host, port, key -> service.restart(key, who), key -> "Replica restarted: " + key);
    }

    @GET
    @Path("reset-replica/{host}/{port}")
    public ApiResponse reset(@PathParam("host") String host, @PathParam("port") String port,
            @HeaderParam(WHO) String who) {
        return calls.change(host, port, key -> service.reset(key, who), key -> "Replica reset on " + key);
    }

    @GET
    @Path("reset-slave/{host}/{port}")
    public ApiResponse resetSlave(@PathParam("host") String host, @PathParam("port") String port,
            @HeaderParam(WHO) String who) {
        return calls.change(host, port, key -> service.reset(key, who), key -> "Replica reset on " + key);
    }

    @GET
    @Path("detach-replica/{host}/{port}")
    public ApiResponse detach(@PathParam("host") String host, @PathParam("port") String port,
            @HeaderParam(WHO) String who) {
        return calls.change(host, port, key -> service.detach(key, who), key -> "Replica detached: " + key);
    }

    @GET
    @Path("detach-slave/{host}/{port}")
    public ApiResponse detachSlave(@PathParam("host") String host, @PathParam("port") String port,
            @HeaderParam(WHO) String who) {
        return calls.change(host, port, key -> service.detach(key, who), key -> "Replica detached: " + key);
    }

    @GET
    @Path("reattach-replica/{host}/{port}")
    public ApiResponse reattach(@PathParam("host") String host, @PathParam("port") String port,
            @HeaderParam(WHO) String who) {
        return calls.change(host, port, key -> service.reattach(key, who), key -> "Replica reattached: " + key);
    }

    @GET
    @Path("reattach-slave/{host}/{port}")
    public ApiResponse reattachSlave(@PathParam("host") String host, @PathParam("port") String port,
            @HeaderParam(WHO) String who) {
        return calls.change(host, port, key -> service.reattach(key, who), key -> "Replica reattached: " + key);
    }

    @GET
    @Path("detach-replica-master-host/{host}/{port}")
    public ApiResponse detachMasterHost(@PathParam("host") String host, @PathParam("port") String port,
            @HeaderParam(WHO) String who) {
        return calls.change(host, port, key -> service.detachMasterHost(key, who), key -> "Replica detached: " + key);
    }

    @GET
    @Path("detach-slave-master-host/{host}/{port}")
    public ApiResponse detachMasterHostSlave(@PathParam("host") String host, @PathParam("port") String port,
            @HeaderParam(WHO) String who) {
        return calls.change(host, port, key -> service.detachMasterHost(key, who), key -> "Replica detached: " + key);
    }

    @GET
    @Path("reattach-replica-master-host/{host}/{port}")
    public ApiResponse reattachMasterHost(@PathParam("host") String host, @PathParam("port") String port,
            @HeaderParam(WHO) String who) {
        return calls.change(host, port, key -> service.reattachMasterHost(key, who), key -> "Replica reattached: " + key);
    }

    @GET
    @Path("reattach-slave-master-host/{host}/{port}")
    public ApiResponse reattachMasterHostSlave(@PathParam("host") String host, @PathParam("port") String port,
            @HeaderParam(WHO) String who) {
        return calls.change(host, port, key -> service.reattachMasterHost(key, who), key -> "Replica reattached: " + key);
    }

    @GET
    @Path("skip-query/{host}/{port}")
    public ApiResponse skipQuery(@PathParam("host") String host, @PathParam("port") String port,
            @HeaderParam(WHO) String who) {
        return calls.change(host, port, key -> service.skipQuery(key, who), key -> "Query skipped on " + key);
    }

    @GET
    @Path("delay-replication/{host}/{port}/{seconds}")
    public ApiResponse delay(@PathParam("host") String host, @PathParam("port") String port,
            @PathParam("seconds") String seconds, @HeaderParam(WHO) String who) {
        long s = seconds(seconds);
        return calls.change(host, port, key -> service.delay(key, s, who), key -> "Replication delayed: " + key);
    }

    @GET
    @Path("restart-replica-statements/{host}/{port}")
    public ApiResponse restartStatements(@PathParam("host") String host, @PathParam("port") String port,
            @QueryParam("q") String query) {
        InstanceKey key = ClusterLookup.key(host, port);
        lookup.instance(key);
        return ApiResponse.ok("statements for: " + key, service.restartStatements(key, query));
    }

    @GET
    @Path("restart-slave-statements/{host}/{port}")
    public ApiResponse restartSlaveStatements(@PathParam("host") String host, @PathParam("port") String port,
            @QueryParam("q") String query) {
        return restartStatements(host, port, query);
    }

    /** delay-replication's seconds: a whole number from 0; 400 otherwise. */
    static long seconds(String text) {
        if (text == null || !text.matches("\\d{1,10}")) {
            throw ApiException.badRequest("Invalid value provided for seconds: \""
                    + Text.shown(text, 60) + "\" (a whole number of seconds, 0 to 2147483647)");
        }
        long s = Long.parseLong(text);
        if (s > Integer.MAX_VALUE) {
            throw ApiException.badRequest("Invalid value provided for seconds: " + s + " (at most 2147483647)");
        }
        return s;
    }
}
