package io.quorch.consensus;

/**
 * A command no node could apply (a value out of range, a string longer than its column, a bad
 * host): refused before it enters the raft log, so it is a client error, never a poison pill.
 */
public class InvalidCommandException extends CommandRejectedException {

    public InvalidCommandException(String message) {
        super(message, null);
    }
}
