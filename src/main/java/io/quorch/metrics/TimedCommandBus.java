package io.quorch.metrics;

import io.quorch.consensus.CommandBus;
import io.quorch.consensus.ReplicatedCommand;

/** Times each command from submission until it is committed and applied on this node, or refused. */
public final class TimedCommandBus implements CommandBus {

    private final CommandBus delegate;
    private final QuorchMetrics metrics;

    public TimedCommandBus(CommandBus delegate, QuorchMetrics metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
    }

    @Override
    public void submit(ReplicatedCommand command) {
        long start = System.nanoTime();
        boolean ok = false;
        try {
            delegate.submit(command);
            ok = true;
        } finally {
            metrics.committed(command.getClass(), System.nanoTime() - start, ok);
        }
    }
}
