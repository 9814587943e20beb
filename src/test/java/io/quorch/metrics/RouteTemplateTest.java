package io.quorch.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A forwarded request's uri label is its route, never a server's name nor a caller's made-up path. */
class RouteTemplateTest {

    @Test
    void routesKeepTheirNameAndLoseTheirParameters() {
        assertEquals("/api/instance/*", RouteTemplate.of("/api/instance/db1.example/3306"));
        assertEquals("/api/clusters", RouteTemplate.of("/api/clusters"));
        assertEquals("/api/relocate/*", RouteTemplate.of("/api/relocate/db1/3306/db2/3306"));
        assertEquals("/api/*", RouteTemplate.of("/api/db-secret-name/3306"));
        assertEquals("/api/*", RouteTemplate.of("/elsewhere"));
    }
}
