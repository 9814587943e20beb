package io.quorch.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    /** Every route a resource declares was put in exactly one list on purpose. */
    @Test
    void everyDeclaredRouteIsClassifiedOnce() throws Exception {
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
        List<String> unclassified = new ArrayList<>();
        for (String first : declared) {
            int lists = (ApiRoutes.OPEN.contains(first) ? 1 : 0) + (ApiRoutes.READ.contains(first) ? 1 : 0)
                    + (ApiRoutes.CHANGE.contains(first) ? 1 : 0) + (ApiRoutes.PEER.contains(first) ? 1 : 0);
            if (lists != 1) {
                unclassified.add(first + " (in " + lists + " lists)");
            }
        }
        assertTrue(declared.size() > 40, "found only " + declared);
        assertEquals(List.of(), unclassified, "decide for each route whether it is open, a read or a change");
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
