package io.quorch.consensus;

/**
 * Where intents go: submit returns once the command is applied on this node, or throws
 * {@link CommandRejectedException}. Single-node mode applies locally; raft replicates first.
 */
public interface CommandBus {

    void submit(ReplicatedCommand command);
}
