package io.quorch.security;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every API route, by the first path segment after /api/: its kind (who may call it, which the API security asks)
 * and its scope (which node answers it, which the follower proxy asks). A route is decided on here and nowhere else.
 * A route that is not in the table counts as a change the leader answers, so a route added later is protected and
 * forwarded until someone decides otherwise (a unit test makes that decision explicit for every route the
 * resources declare).
 */
public final class ApiRoutes {

    /** What the table says of one route. */
    public record Route(RouteKind kind, RouteScope scope) {
    }

    /** Routes that share a kind and a scope, as the table is written. */
    record Group(RouteKind kind, RouteScope scope, List<String> names) {
    }

    private static final Map<String, Route> ROUTES = table(
            // health checks, probes and the leader check HAProxy uses, open without credentials: of this node
            group(RouteKind.OPEN, RouteScope.NODE, "health", "status", "lb-check", "_ping", "leader-check",
                    "raft-health"),
            // this node's own view of the raft group and of its probing
            group(RouteKind.READ, RouteScope.NODE, "raft-state", "raft-leader", "raft-peers", "raft-status",
                    "discovery-metrics", "probe-share"),
            // the replicated picture: the leader's, or a node's own on request
            group(RouteKind.READ, RouteScope.LEADER_OR_LOCAL, "clusters", "clusters-info", "cluster", "cluster-info",
                    "master", "masters", "instance", "instance-replicas", "all-instances", "search", "topology",
                    "topology-tabulated", "replication-analysis", "downtimed", "check-global-recoveries",
                    "audit-recovery", "audit-recovery-steps", "audit-failure-detection", "blocked-recoveries", "audit",
                    "in-maintenance", "maintenance"),
            // reads the leader answers: its recoveries, the servers themselves, and (for the web UI) who the caller
            // is and whether they may change anything
            group(RouteKind.READ, RouteScope.LEADER, "recovery-metrics", "locate-gtid-errant", "can-replicate-from",
                    "can-replicate-from-gtid", "whoami"),
            // changes to this node's own place in the raft group
            group(RouteKind.CHANGE, RouteScope.NODE, "raft-yield", "raft-yield-hint", "raft-snapshot"),
            // node to node: each node's own probe results (and the hello, which the leader alone takes), and the
            // failure verdicts followers report to the leader
            group(RouteKind.PEER, RouteScope.NODE, "peer-probes"),
            group(RouteKind.PEER, RouteScope.LEADER, "failure-verdict"),
            group(RouteKind.CHANGE, RouteScope.LEADER, "discover", "async-discover", "refresh", "forget",
                    "forget-cluster", "set-cluster-alias", "begin-downtime", "end-downtime", "register-candidate",
                    "disable-global-recoveries", "enable-global-recoveries", "ack-recovery", "ack-all-recoveries",
                    "recover", "recover-lite", "graceful-master-takeover", "graceful-master-takeover-auto",
                    "force-master-failover", "force-master-takeover",
                    // replication control, instance operations, maintenance
                    "start-replica", "start-slave", "stop-replica", "stop-slave", "stop-replica-nice",
                    "stop-slave-nice", "restart-replica", "restart-slave", "reset-replica", "reset-slave",
                    "detach-replica", "detach-slave", "reattach-replica", "reattach-slave",
                    "detach-replica-master-host", "detach-slave-master-host", "reattach-replica-master-host",
                    "reattach-slave-master-host", "skip-query", "delay-replication", "restart-replica-statements",
                    "restart-slave-statements", "set-read-only", "set-writeable", "flush-binary-logs",
                    "purge-binary-logs", "kill-query", "enable-semi-sync-master", "disable-semi-sync-master",
                    "enable-semi-sync-replica", "enable-semi-sync-slave", "disable-semi-sync-replica",
                    "disable-semi-sync-slave", "gtid-errant-reset-master", "gtid-errant-inject-empty",
                    "begin-maintenance", "end-maintenance",
                    // topology refactoring (and the "slaves" spellings orchestrator still accepts)
                    "relocate", "relocate-below", "relocate-replicas", "relocate-slaves", "move-up",
                    "move-up-replicas", "move-up-slaves", "move-below", "move-equivalent", "repoint",
                    "repoint-replicas", "repoint-slaves", "take-master", "enslave-master", "take-siblings",
                    "enslave-siblings", "make-co-master", "regroup-replicas", "regroup-slaves",
                    "regroup-replicas-gtid", "regroup-slaves-gtid", "move-below-gtid", "move-gtid",
                    "move-replicas-gtid", "move-slaves-gtid", "match", "match-below", "match-up", "match-up-replicas",
                    "match-up-slaves",
                    // every node re-reads its configuration (the leader has the others do it)
                    "reload-configuration"));

    /** What an API route not in the table is: a change, answered by the leader. */
    static final Route UNDECLARED = new Route(RouteKind.CHANGE, RouteScope.LEADER);

    /**
     * Quarkus' own routes under /q/ that stay open: health (probes) and metrics. Prometheus scrapes
     * each node directly, as it does any exporter, without credentials; the metrics hold counts and
     * timings labelled with fixed words (outcomes, analysis codes, raft member addresses), never a
     * managed server's name. Every other /q/ route (the OpenAPI description, the Swagger UI in dev
     * mode) is a read.
     */
    static final Set<String> MANAGEMENT_OPEN = Set.of("health", "metrics");

    private ApiRoutes() {
    }

    static Group group(RouteKind kind, RouteScope scope, String... names) {
        return new Group(kind, scope, List.of(names));
    }

    /** The table of the groups; a route named twice, or a change answered from a follower's own backend, is refused. */
    static Map<String, Route> table(Group... groups) {
        Map<String, Route> table = new LinkedHashMap<>();
        for (Group g : groups) {
            if (g.scope() == RouteScope.LEADER_OR_LOCAL && g.kind() != RouteKind.READ) {
                throw new IllegalStateException(g.kind() + " routes cannot be answered from a node's own backend: "
                        + g.names());
            }
            for (String name : g.names()) {
                if (table.put(name, new Route(g.kind(), g.scope())) != null) {
                    throw new IllegalStateException("the route " + name + " is in the table twice");
                }
            }
        }
        return Collections.unmodifiableMap(table);
    }

    /** Every route, by its first path segment after /api/. */
    public static Map<String, Route> routes() {
        return ROUTES;
    }

    /** Whether a first path segment after /api/ names a route quorch declares. */
    public static boolean declared(String first) {
        return ROUTES.containsKey(first);
    }

    /** The route at an API path ("/api/instance/h/3306" or "api/instance/h/3306"); an unknown one is a change. */
    public static Route route(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (!p.startsWith("api/")) {
            throw new IllegalArgumentException("not an API path: " + path);
        }
        return ROUTES.getOrDefault(p.substring("api/".length()).split("/", 2)[0], UNDECLARED);
    }

    /** The kind of the route at this path ("/api/instance/h/3306" or "api/instance/h/3306"). */
    public static RouteKind kind(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.startsWith("q/")) {
            return MANAGEMENT_OPEN.contains(p.substring("q/".length()).split("/", 2)[0]) ? RouteKind.OPEN
                    : RouteKind.READ;
        }
        if (!p.startsWith("api/")) {
            // pages and anything else outside the API: readers may see them
            return RouteKind.READ;
        }
        return route(p).kind();
    }
}
