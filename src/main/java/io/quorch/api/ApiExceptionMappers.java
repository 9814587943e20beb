package io.quorch.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quorch.api.dto.ApiResponse;
import io.quorch.consensus.CommandRejectedException;
import io.quorch.control.ControlException;
import io.quorch.discovery.DiscoveryException;
import io.quorch.mysql.CommandException;
import io.quorch.mysql.ProbeException;
import io.quorch.recovery.RecoveryException;
import io.quorch.security.Redactor;
import io.quorch.store.BackendUnavailableException;
import io.quorch.store.StoreException;

/**
 * Every API error leaves in orchestrator's {"Code":"ERROR","Message":...} shape, with a message
 * meant for the caller: never a stack trace, never a configured secret. A failure nobody
 * expected answers a generic 500; its detail goes to the log only, redacted.
 */
public class ApiExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);

    /** What the caller reads when something failed that no mapper expected. */
    static final String UNEXPECTED = "internal error while serving the request; the node's log has the details";

    private final Redactor redactor;

    public ApiExceptionMappers(Redactor redactor) {
        this.redactor = redactor;
    }

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return redacted(e.status(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        String reason = Response.Status.fromStatusCode(status) == null ? "request failed"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        return redacted(status, e.getMessage() == null || e.getMessage().isBlank() ? reason : e.getMessage());
    }

    /** A bad argument (a host that is not a host name, a port that is not a port ...). */
    @ServerExceptionMapper
    public Response badArgument(IllegalArgumentException e) {
        return redacted(400, e.getMessage() == null ? "bad argument" : e.getMessage());
    }

    @ServerExceptionMapper
    public Response discovery(DiscoveryException e) {
        return redacted(e.badRequest() ? 400 : 500, e.getMessage());
    }

    @ServerExceptionMapper
    public Response probe(ProbeException e) {
        return redacted(500, e.getMessage());
    }

    @ServerExceptionMapper
    public Response command(CommandException e) {
        return redacted(500, e.getMessage());
    }

    /** Refused before anything changed: the request cannot be carried out as given. */
    @ServerExceptionMapper
    public Response refused(io.quorch.recovery.RecoveryRefusedException e) {
        return redacted(400, e.getMessage());
    }

    /** An operator change refused (nothing changed) or its server unknown or unreachable. */
    @ServerExceptionMapper
    public Response control(ControlException e) {
        return redacted(e.status(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response recovery(RecoveryException e) {
        return redacted(500, e.getMessage());
    }

    @ServerExceptionMapper
    public Response rejected(CommandRejectedException e) {
        return redacted(503, e.getMessage());
    }

    @ServerExceptionMapper
    public Response store(StoreException e) {
        LOG.warnf("backend failure serving a request: %s", redactor.redact(e.getMessage()));
        return redacted(503, e.getMessage());
    }

    @ServerExceptionMapper
    public Response backendLost(BackendUnavailableException e) {
        LOG.warnf("backend unavailable serving a request: %s", redactor.redact(e.getMessage()));
        return redacted(503, e.getMessage());
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        // the trace without the messages of the exception and its causes, which may carry anything
        RuntimeException logged = new RuntimeException(e.getClass().getName() + ": "
                + redactor.redact(String.valueOf(e.getMessage())));
        logged.setStackTrace(e.getStackTrace());
        LOG.error("unexpected failure serving a request", logged);
        return redacted(500, UNEXPECTED);
    }

    private Response redacted(int status, String message) {
        return errorResponse(status, redactor.redact(message));
    }

    /** The error answer itself, for messages that carry no secret. */
    public static Response error(int status, String message) {
        return errorResponse(status, message);
    }

    private static Response errorResponse(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(ApiResponse.error(message)).build();
    }
}
