package io.quorch.discovery;

/** A discover request that cannot be carried out (bad host, ignored host, server not answering). */
public class DiscoveryException extends RuntimeException {

    /** Whether the caller asked for something wrong (4xx) rather than the server failing (5xx). */
    private final boolean badRequest;

    public DiscoveryException(String message, boolean badRequest, Throwable cause) {
        super(message, cause);
        this.badRequest = badRequest;
    }

    public boolean badRequest() {
        return badRequest;
    }
}
