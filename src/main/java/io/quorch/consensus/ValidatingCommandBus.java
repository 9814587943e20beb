package io.quorch.consensus;

/**
 * The one submit path every mode shares: a command is checked with {@link CommandValidator}
 * before the mode's own bus sees it, so nothing that some node could not apply reaches the log.
 */
public final class ValidatingCommandBus implements CommandBus {

    private final CommandBus next;

    public ValidatingCommandBus(CommandBus next) {
        this.next = next;
    }

    @Override
    public void submit(ReplicatedCommand command) {
        CommandValidator.validate(command);
        next.submit(command);
    }
}
