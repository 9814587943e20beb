package io.quorch.store;

/** The node's own backend database cannot be reached or used. */
public class BackendUnavailableException extends RuntimeException {

    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
