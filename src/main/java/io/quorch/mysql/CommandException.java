package io.quorch.mysql;

import io.quorch.domain.InstanceKey;

/** A change to a managed server failed. */
public class CommandException extends RuntimeException {

    public CommandException(InstanceKey key, String what, Throwable cause) {
        super(key + ": " + what + ": " + (cause == null ? "failed" : InstanceProber.describe(cause)), cause);
    }
}
