package io.quorch.security;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quorch.api.dto.ApiResponse;
import io.vertx.core.http.HttpServerRequest;

/**
 * The first thing every API request meets, before it is matched to a route or forwarded to the
 * leader: who is calling, and may they do this. A follower forwards the caller's own credentials
 * (Authorization, the proxy's user header) untouched, and the leader decides again from them, so a
 * forwarded request is never trusted for having been forwarded.
 */
public class ApiSecurityFilter {

    private static final Logger LOG = Logger.getLogger(ApiSecurityFilter.class);

    /** The request property holding the caller's {@link Identity}. */
    public static final String IDENTITY = "quorch.identity";

    private final ApiGate gate;

    public ApiSecurityFilter(ApiGate gate) {
        this.gate = gate;
    }

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION)
    public Response check(ContainerRequestContext request, HttpServerRequest connection) {
        String path = request.getUriInfo().getPath();
        Authenticator.Decision decision = gate.decide(path, ApiGate.headers(connection, request::getHeaderString), connection.sslSession());
        return switch (decision) {
            case Authenticator.Decision.Allow allow -> {
                admit(request, path, allow.identity());
                yield null;
            }
            case Authenticator.Decision.Challenge c -> {
                Response.ResponseBuilder b = error(401, c.message());
                if (gate.method() == Authenticator.Method.BASIC || gate.method() == Authenticator.Method.MULTI) {
                    b.header("WWW-Authenticate", "Basic realm=\"quorch\", charset=\"UTF-8\"");
                }
                yield b.build();
            }
            case Authenticator.Decision.Forbid f -> {
                LOG.infof("refused %s %s: %s", request.getMethod(), path, f.message());
                yield error(403, f.message()).build();
            }
        };
    }

    private void admit(ContainerRequestContext request, String path, Identity identity) {
        request.setProperty(IDENTITY, identity);
        if (gate.method() != Authenticator.Method.NONE) {
            // what the routes read as the acting user ("acknowledged by") is the authenticated one
            request.getHeaders().putSingle("X-Forwarded-User", identity.user());
        }
        if (request.getMethod().equals("POST") && ApiRoutes.kind(path) == RouteKind.CHANGE) {
            // every change may be sent as POST (what a browser form or a careful client sends); the
            // routes themselves keep orchestrator's GET
            request.setMethod("GET");
        }
    }

    private static Response.ResponseBuilder error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(ApiResponse.error(message));
    }
}
