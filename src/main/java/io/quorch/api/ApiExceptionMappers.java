package io.quorch.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quorch.api.dto.ApiResponse;
import io.quorch.store.StoreException;

/** Every API error leaves in orchestrator's {"Code":"ERROR","Message":...} shape. */
public class ApiExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return error(e.status(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        return error(status, e.getMessage() == null ? Response.Status.fromStatusCode(status).getReasonPhrase()
                : e.getMessage());
    }

    @ServerExceptionMapper
    public Response recovery(io.quorch.recovery.RecoveryException e) {
        return error(500, e.getMessage());
    }

    @ServerExceptionMapper
    public Response rejected(io.quorch.consensus.CommandRejectedException e) {
        return error(503, e.getMessage());
    }

    @ServerExceptionMapper
    public Response store(StoreException e) {
        LOG.warnf("backend failure serving a request: %s", e.getMessage());
        return error(503, e.getMessage());
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected failure serving a request", e);
        return error(500, e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    public static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(ApiResponse.error(message)).build();
    }
}
