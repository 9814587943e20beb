package io.quorch.recovery;

/** A recovery or takeover that cannot be carried out, with the reason for the caller. */
public class RecoveryException extends RuntimeException {

    public RecoveryException(String message) {
        super(message);
    }
}
