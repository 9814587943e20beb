package io.quorch.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Any /api path no other resource serves: a 404 in orchestrator's error shape. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class UnknownRouteResource {

    @GET
    @Path("{path: .+}")
    public Object unknown(@PathParam("path") String path) {
        throw ApiException.notFound("unknown API path: /api/" + path);
    }
}
