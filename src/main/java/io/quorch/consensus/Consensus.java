package io.quorch.consensus;

/** The consensus mode in use: where commands go and who may act. */
public record Consensus(CommandBus bus, LeadershipContext leadership, AutoCloseable closer) {
}
