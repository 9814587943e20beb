package io.quorch.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.MediaType;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quorch.api.dto.ApiResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Quarkus serves its own routes under /q/ (metrics, the OpenAPI description) outside the REST
 * layer, so the API's filter never sees them: this route asks the same {@link ApiGate} first, with
 * each route's kind from {@link ApiRoutes}. /q/health is left as it was, open to every caller.
 */
@ApplicationScoped
public class ManagementRoutesFilter {

    private static final Logger LOG = Logger.getLogger(ManagementRoutesFilter.class);
    /** Before every other route, the follower proxy's included. */
    static final int ROUTE_ORDER = -200;

    private final ApiGate gate;
    private final ObjectMapper json;

    public ManagementRoutesFilter(ApiGate gate, ObjectMapper json) {
        this.gate = gate;
        this.json = json;
    }

    void register(@Observes Router router) {
        router.route("/q/*").order(ROUTE_ORDER).handler(this::handle);
    }

    void handle(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (path.equals("/q/health") || path.startsWith("/q/health/")) {
            ctx.next();
            return;
        }
        var request = ctx.request();
        switch (gate.decide(path, request::getHeader, request.sslSession())) {
            case Authenticator.Decision.Allow allow -> ctx.next();
            case Authenticator.Decision.Challenge c -> {
                if (gate.method() == Authenticator.Method.BASIC || gate.method() == Authenticator.Method.MULTI) {
                    ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"quorch\", charset=\"UTF-8\"");
                }
                refuse(ctx, 401, c.message());
            }
            case Authenticator.Decision.Forbid f -> {
                LOG.infof("refused %s %s: %s", request.method(), path, f.message());
                refuse(ctx, 403, f.message());
            }
        }
    }

    private void refuse(RoutingContext ctx, int status, String message) {
        try {
            ctx.response().setStatusCode(status).putHeader("Content-Type", MediaType.APPLICATION_JSON)
                    .end(json.writeValueAsString(ApiResponse.error(message)));
        } catch (JsonProcessingException e) {
            ctx.fail(e);
        }
    }
}
