package io.quorch.refactor;

/**
 * A topology change that was refused (4xx: nothing changed) or that failed on a server (the message says
 * where each server it touched replicates from now).
 */
public class RefactorException extends RuntimeException {

    private final int status;

    public RefactorException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
