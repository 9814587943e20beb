package io.quorch.mysql;

import io.quorch.domain.InstanceKey;

/** A managed server could not be reached or read. */
public class ProbeException extends RuntimeException {

    private final InstanceKey key;

    public ProbeException(InstanceKey key, String message, Throwable cause) {
        super(message, cause);
        this.key = key;
    }

    public InstanceKey key() {
        return key;
    }
}
