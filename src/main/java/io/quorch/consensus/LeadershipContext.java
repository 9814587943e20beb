package io.quorch.consensus;

/** Whether this node may act (run recoveries, hooks, writes to managed servers). */
public interface LeadershipContext {

    boolean isLeader();

    /** A description of the leader for messages, such as its address; empty when unknown. */
    String leader();
}
