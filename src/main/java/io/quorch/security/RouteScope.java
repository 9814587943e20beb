package io.quorch.security;

/** Which node answers a route when a follower receives it: the follower proxy asks {@link ApiRoutes}. */
public enum RouteScope {
    /**
     * The node asked, never another: the route tells of that node (health, its raft state, its own probes) or acts
     * on it (yield, snapshot), so a follower answers it itself, and a load balancer can ask each node.
     */
    NODE,
    /** The leader: a follower forwards it (every change, and the reads only the leader can answer). */
    LEADER,
    /**
     * A read of the replicated picture: the leader answers it, unless the caller asks a node for its own view
     * (X-Quorch-Local: true), which that node then answers from its own backend.
     */
    LEADER_OR_LOCAL
}
