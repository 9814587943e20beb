package io.quorch.store;

import java.time.Instant;

import io.quorch.domain.NodeIdentity;

/** This node's own heartbeat in its backend: proves the backend is writable. */
public interface NodeStore {

    /** Records that the node is alive now; throws when the backend cannot be written. */
    void heartbeat(NodeIdentity node, Instant now);

    /** The last heartbeat recorded for the node, if any. */
    java.util.Optional<Instant> lastHeartbeat(NodeIdentity node);
}
