package io.quorch.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quorch.api.dto.ApiResponse;
import io.quorch.api.dto.InstanceJson;
import io.quorch.control.MaintenanceService;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.Maintenance;
import io.quorch.domain.Text;

/**
 * Maintenance marks on orchestrator's paths. A mark lasts 10 minutes unless a duration is given
 * (a path segment or ?duration=, as 30m, 2h, 1d or seconds); while it lasts, topology changes of
 * the server are refused.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class MaintenanceResource {

    private static final String WHO = "X-Forwarded-User";

    private final ClusterLookup lookup;
    private final MaintenanceService service;

    public MaintenanceResource(ClusterLookup lookup, MaintenanceService service) {
        this.lookup = lookup;
        this.service = service;
    }

    @GET
    @Path("begin-maintenance/{host}/{port}/{owner}/{reason}")
    public ApiResponse begin(@PathParam("host") String host, @PathParam("port") String port,
            @PathParam("owner") String owner, @PathParam("reason") String reason,
            @QueryParam("duration") String duration, @HeaderParam(WHO) String who) {
        InstanceKey key = ClusterLookup.key(host, port);
        Optional<Duration> d = duration == null || duration.isBlank() ? Optional.empty()
                : Optional.of(IntentResource.parseDuration(duration));
        Maintenance m = service.begin(key, owner, reason, d, who);
        return ApiResponse.ok("Maintenance begun: " + key + " until " + m.end(), InstanceJson.key(key));
    }

    @GET
    @Path("begin-maintenance/{host}/{port}/{owner}/{reason}/{duration}")
    public ApiResponse beginFor(@PathParam("host") String host, @PathParam("port") String port,
            @PathParam("owner") String owner, @PathParam("reason") String reason,
            @PathParam("duration") String duration, @HeaderParam(WHO) String who) {
        return begin(host, port, owner, reason, duration, who);
    }

    @GET
    @Path("end-maintenance/{host}/{port}")
    public ApiResponse end(@PathParam("host") String host, @PathParam("port") String port,
            @HeaderParam(WHO) String who) {
        InstanceKey key = ClusterLookup.key(host, port);
        service.end(key, who);
        return ApiResponse.ok("Maintenance ended: " + key, InstanceJson.key(key));
    }

    @GET
    @Path("end-maintenance/{maintenanceKey}")
    public ApiResponse endById(@PathParam("maintenanceKey") String id, @HeaderParam(WHO) String who) {
        long n;
        try {
            n = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("maintenance key must be a number, got \""
                    + Text.shown(id, 60) + "\"");
        }
        service.end(n, who);
        return ApiResponse.ok("Maintenance ended: " + n, n);
    }

    @GET
    @Path("in-maintenance/{host}/{port}")
    public ApiResponse inMaintenance(@PathParam("host") String host, @PathParam("port") String port) {
        InstanceKey key = ClusterLookup.key(host, port);
        boolean in = service.inMaintenance(key);
        return ApiResponse.ok(Boolean.toString(in), in ? key.toString() : "");
    }

    @GET
    @Path("maintenance")
    public List<Map<String, Object>> maintenance() {
        Instant now = Instant.now();
        return service.active().stream().map(m -> InstanceJson.maintenance(m, now)).toList();
    }
}
