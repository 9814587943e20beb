package io.quorch.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class ApiRoutesTest {

    /** Every route a resource declares was put in the table on purpose, and the table names no route that is gone. */
    @Test
    void everyDeclaredRouteIsInTheTableAndOnlyThose() throws Exception {
        Set<String> declared = declaredRoutes();
        List<String> undecided = declared.stream().filter(first -> !ApiRoutes.declared(first)).sorted().toList();
        assertTrue(declared.size() > 40, "found only " + declared);
        assertEquals(List.of(), undecided, "decide for each route its kind (open, read, change or peer) and its scope");
        List<String> gone = ApiRoutes.routes().keySet().stream().filter(first -> !declared.contains(first)).sorted()
                .toList();
        assertEquals(List.of(), gone, "routes in the table that no resource declares");
    }

    @Test
    void aRouteIsInTheTableOnceAndOnlyReadsAreAnsweredFromANodesOwnBackend() {
        var twice = assertThrows(IllegalStateException.class, () -> ApiRoutes.table(
                ApiRoutes.group(RouteKind.READ, RouteScope.LEADER, "clusters"),
                ApiRoutes.group(RouteKind.READ, RouteScope.LEADER_OR_LOCAL, "clusters")));
        assertTrue(twice.getMessage().contains("clusters"), twice.getMessage());
        assertThrows(IllegalStateException.class, () -> ApiRoutes.table(
                ApiRoutes.group(RouteKind.CHANGE, RouteScope.LEADER_OR_LOCAL, "recover")));
        ApiRoutes.routes().forEach((first, route) -> assertTrue(route.scope() != RouteScope.LEADER_OR_LOCAL
                || route.kind() == RouteKind.READ, first));
    }

    @Test
    void peerRoutesAreDeclaredLikeAnyOther() {
        // the metrics name a forwarded verdict by its route, not as an unknown one
        assertTrue(ApiRoutes.declared("failure-verdict"));
        assertEquals(new ApiRoutes.Route(RouteKind.PEER, RouteScope.LEADER), ApiRoutes.route("/api/failure-verdict"));
        assertEquals(new ApiRoutes.Route(RouteKind.PEER, RouteScope.NODE), ApiRoutes.route("/api/peer-probes/hello"));
    }

    @Test
    void quarkusOwnRoutesUnderQAreOpenForProbesAndScrapersAndReadsOtherwise() {
        assertEquals(RouteKind.OPEN, ApiRoutes.kind("/q/metrics"));
        assertEquals(RouteKind.OPEN, ApiRoutes.kind("/q/health/ready"));
        assertEquals(RouteKind.READ, ApiRoutes.kind("/q/openapi"));
        assertEquals(RouteKind.READ, ApiRoutes.kind("q/swagger-ui/index.html"));
        assertEquals(RouteKind.READ, ApiRoutes.kind("/q/metrics-not-really"));
    }

    @Test
    void anUnknownRouteCountsAsAChange() {
        assertEquals(RouteKind.CHANGE, ApiRoutes.kind("/api/relocate/db1/3306/db2/3306"));
        assertEquals(RouteKind.READ, ApiRoutes.kind("api/instance/db1/3306"));
        assertEquals(RouteKind.OPEN, ApiRoutes.kind("/api/leader-check/503"));
        assertEquals(RouteKind.READ, ApiRoutes.kind("/web/clusters"));
        assertEquals(RouteKind.PEER, ApiRoutes.kind("/api/failure-verdict"));
    }

    /** The first path segment after /api/ of every route the resources declare. */
    private static Set<String> declaredRoutes() throws Exception {
        Set<String> declared = new HashSet<>();
        for (Class<?> resource : resources()) {
            jakarta.ws.rs.Path base = resource.getAnnotation(jakarta.ws.rs.Path.class);
            if (base == null || !base.value().startsWith("/api")) {
                continue;
            }
            for (Method m : resource.getDeclaredMethods()) {
                jakarta.ws.rs.Path p = m.getAnnotation(jakarta.ws.rs.Path.class);
                String full = base.value() + (p == null ? "" : "/" + p.value());
                String rest = full.substring("/api".length()).replaceAll("^/+", "");
                if (rest.isEmpty() || rest.startsWith("{")) {
                    continue;
                }
                declared.add(rest.split("/", 2)[0]);
            }
        }
        return declared;
    }

    private static List<Class<?>> resources() throws IOException, ClassNotFoundException {
        URL classes = io.quorch.api.NodeResource.class.getProtectionDomain().getCodeSource().getLocation();
        Path dir = Path.of(classes.getPath()).resolve("io/quorch/api");
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith("Resource.class")).toList()) {
                String name = f.getFileName().toString().replace(".class", "");
                out.add(Class.forName("io.quorch.api." + name));
            }
        }
        return out;
    }
}
