package io.quorch.consensus;

import java.util.function.Consumer;

/**
 * The consensus mode in use (a raft group, or a single node): where commands go and who may act.
 * It starts once the backend's schema is current and stops before the backend closes.
 */
public interface Consensus extends AutoCloseable {

    CommandBus bus();

    LeadershipContext leadership();

    /**
     * Starts the mode without holding up the caller; a failure found later goes to failed, which
     * ends the process.
     */
    void start(Consumer<RuntimeException> failed);

    /** Stops the mode; later calls do nothing. */
    @Override
    void close() throws Exception;
}
