package io.quorch.consensus;

/** The command was not applied: this node may not accept it now (for example, not the leader). */
public class CommandRejectedException extends RuntimeException {

    public CommandRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
