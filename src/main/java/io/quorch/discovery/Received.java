package io.quorch.discovery;

/** What a probe result received from another node came to. */
public enum Received {
    /** Recorded like a probe of this node's own. */
    ACCEPTED,
    /** Not newer than what this node knows, or of an intermediate primary this node probes itself. */
    STALE,
    /** Not the sender's to report: a server it does not own, a top primary, a forgotten or ignored server. */
    REFUSED
}
