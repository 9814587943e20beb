package io.quorch.metrics;

import io.quorch.security.ApiRoutes;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Names a request the REST layer never matches (one a follower forwards to the leader) by its
 * route for the HTTP metrics, so their uri label never carries the servers a path names.
 */
public final class RouteTemplate {

    /** Where Quarkus' HTTP metrics look for the route of the current request (the REST layer sets it too). */
    static final String KEY = "UrlPathTemplate";

    private RouteTemplate() {
    }

    /** Called on the request's own context, before the request is forwarded. */
    @SuppressWarnings("deprecation")
    public static void forwarded(String path) {
        Context context = Vertx.currentContext();
        if (context != null) {
            context.putLocal(KEY, of(path));
        }
    }

    /** "/api/instance/*" for "/api/instance/db1/3306", "/api/clusters" for itself, "/api/*" for an unknown route. */
    static String of(String path) {
        String rest = path.startsWith("/api/") ? path.substring("/api/".length()) : "";
        String[] parts = rest.split("/", 2);
        if (!ApiRoutes.declared(parts[0])) {
            return "/api/*";
        }
        return "/api/" + parts[0] + (parts.length > 1 && !parts[1].isEmpty() ? "/*" : "");
    }
}
