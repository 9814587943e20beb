package io.quorch.recovery;

/**
 * A recovery or takeover refused before anything was changed (no designated replica where one is needed, a
 * replica that may not be promoted): the caller's request cannot be carried out as given.
 */
public class RecoveryRefusedException extends RecoveryException {

    public RecoveryRefusedException(String message) {
        super(message);
    }
}
