package io.quorch.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The web UI's pages: served from META-INF/resources (/ and /web/...), each with a
 * Content-Security-Policy that lets only quorch's own scripts, styles and connections run, so a
 * server- or user-controlled string that ever reached the page as markup could not run a script;
 * the page is never framed by another site. /web and /web/ lead to the UI's start page.
 */
@ApplicationScoped
public class UiRoutes {

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    /** Before the static files and the REST layer. */
    static final int ROUTE_ORDER = -200;

    void register(@Observes Router router) {
        router.routeWithRegex("^/(index\\.html)?$").order(ROUTE_ORDER).handler(UiRoutes::secure);
        router.routeWithRegex("^/web(/.*)?$").order(ROUTE_ORDER).handler(UiRoutes::web);
    }

    private static void web(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (path.equals("/web") || path.equals("/web/")) {
            ctx.response().setStatusCode(302).putHeader("Location", "/").end();
            return;
        }
        secure(ctx);
    }

    static void secure(RoutingContext ctx) {
        ctx.response().putHeader("Content-Security-Policy", CSP)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer")
                // revalidated on each load: a new release's page must not run with an old release's modules
                .putHeader("Cache-Control", "no-cache");
        ctx.next();
    }
}
