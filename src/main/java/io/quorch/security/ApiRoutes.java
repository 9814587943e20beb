package io.quorch.security;

import java.util.Set;

/**
 * Every API route's kind, by the first path segment after /api/. A route that is in neither the open
 * nor the read list counts as a change, so a route added later is protected until someone decides
 * otherwise (a unit test makes that decision explicit for every route the resources declare).
 */
public final class ApiRoutes {

    /** Open without credentials: health checks, probes and the leader check HAProxy uses. */
    static final Set<String> OPEN = Set.of("health", "status", "lb-check", "_ping", "leader-check", "raft-health");

    static final Set<String> READ = Set.of("clusters", "clusters-info", "cluster", "cluster-info", "master", "masters",
            "instance", "instance-replicas", "all-instances", "search", "topology", "topology-tabulated", "replication-analysis",
            "downtimed", "check-global-recoveries", "audit-recovery", "audit-recovery-steps",
            "audit-failure-detection", "blocked-recoveries", "audit", "discovery-metrics", "raft-state",
            "raft-leader", "raft-peers", "raft-status", "recovery-metrics", "probe-share",
            // replication control and maintenance: reads
            "in-maintenance", "maintenance", "locate-gtid-errant",
            // topology refactoring: reads
            "can-replicate-from", "can-replicate-from-gtid",
            // the web UI: who the caller is and whether they may change anything
            "whoami");

    /** Node-to-node reports to the leader ({@link RouteKind#PEER}). */
    static final Set<String> PEER = Set.of("failure-verdict", "peer-probes");

    /** Named so the test can check that every route the resources declare was decided on. */
    static final Set<String> CHANGE = Set.of("discover", "async-discover", "refresh", "forget", "forget-cluster",
            "set-cluster-alias", "begin-downtime", "end-downtime", "register-candidate", "disable-global-recoveries",
            "enable-global-recoveries", "ack-recovery", "ack-all-recoveries", "recover", "recover-lite",
            "graceful-master-takeover", "graceful-master-takeover-auto", "force-master-failover",
            "force-master-takeover", "raft-yield", "raft-yield-hint", "raft-snapshot",
            // replication control, instance operations, maintenance
            "start-replica", "start-slave", "stop-replica", "stop-slave", "stop-replica-nice", "stop-slave-nice",
            "restart-replica", "restart-slave", "reset-replica", "reset-slave", "detach-replica", "detach-slave",
            "reattach-replica", "reattach-slave", "detach-replica-master-host", "detach-slave-master-host",
            "reattach-replica-master-host", "reattach-slave-master-host", "skip-query", "delay-replication",
            "restart-replica-statements", "restart-slave-statements", "set-read-only", "set-writeable",
            "flush-binary-logs", "purge-binary-logs", "kill-query", "enable-semi-sync-master",
            "disable-semi-sync-master", "enable-semi-sync-replica", "enable-semi-sync-slave",
            "disable-semi-sync-replica", "disable-semi-sync-slave", "gtid-errant-reset-master",
            "gtid-errant-inject-empty", "begin-maintenance", "end-maintenance",
            // topology refactoring (and the "slaves" spellings orchestrator still accepts)
            "relocate", "relocate-below", "relocate-replicas", "relocate-slaves", "move-up", "move-up-replicas",
            "move-up-slaves", "move-below", "move-equivalent", "repoint", "repoint-replicas", "repoint-slaves",
            "take-master", "enslave-master", "take-siblings", "enslave-siblings", "make-co-master",
            "regroup-replicas", "regroup-slaves", "regroup-replicas-gtid", "regroup-slaves-gtid", "move-below-gtid",
            "move-gtid", "move-replicas-gtid", "move-slaves-gtid", "match", "match-below", "match-up",
            "match-up-replicas", "match-up-slaves",
            // every node re-reads its configuration
            "reload-configuration");

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

    /** Whether a first path segment after /api/ names a route quorch declares. */
    public static boolean declared(String first) {
        return OPEN.contains(first) || READ.contains(first) || CHANGE.contains(first);
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
        String first = p.substring("api/".length()).split("/", 2)[0];
        if (OPEN.contains(first)) {
            return RouteKind.OPEN;
        }
        if (PEER.contains(first)) {
            return RouteKind.PEER;
        }
        return READ.contains(first) ? RouteKind.READ : RouteKind.CHANGE;
    }
}
