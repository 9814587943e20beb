package io.quorch.security;

/** What a route does, for deciding who may call it. */
public enum RouteKind {
    /** Probes and load balancers call it without credentials: it tells only whether this node works or leads. */
    OPEN,
    /** Reads state: any authenticated user. */
    READ,
    /** Changes something (a server, the topology, an intent, the group): users who may change things. */
    CHANGE,
    /**
     * Another node of the group reports to the leader (a failure verdict): the credentials of a user who may change
     * things, which each node sends of its own, also under ReadOnly (the report changes nothing a user asked for).
     */
    PEER
}
