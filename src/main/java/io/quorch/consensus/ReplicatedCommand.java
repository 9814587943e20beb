package io.quorch.consensus;

import java.time.Instant;

import io.quorch.domain.InstanceKey;

/**
 * A user intent or recovery outcome that every node applies to its own backend, in the same
 * order. Each carries the time it was issued, so applying never reads the clock.
 */
public sealed interface ReplicatedCommand {

    Instant at();

    /** A seed each node then discovers on its own (the command itself never touches MySQL). */
    record Discover(InstanceKey key, Instant at) implements ReplicatedCommand {
    }

    record Forget(InstanceKey key, Instant at) implements ReplicatedCommand {
    }

    record ForgetCluster(String clusterName, Instant at) implements ReplicatedCommand {
    }

    record SetClusterAlias(String clusterName, String alias, Instant at) implements ReplicatedCommand {
    }
}
