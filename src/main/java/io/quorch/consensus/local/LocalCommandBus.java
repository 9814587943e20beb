package io.quorch.consensus.local;

import io.quorch.consensus.CommandApplier;
import io.quorch.consensus.CommandBus;
import io.quorch.consensus.ReplicatedCommand;

/** Single-node mode: this node is the whole group, so a command is applied here, in order. */
public class LocalCommandBus implements CommandBus {

    private final CommandApplier applier;

    public LocalCommandBus(CommandApplier applier) {
        this.applier = applier;
    }

    @Override
    public synchronized void submit(ReplicatedCommand command) {
        applier.apply(command);
    }
}
