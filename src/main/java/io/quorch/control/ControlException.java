package io.quorch.control;

/**
 * A change an operator asked for that quorch refuses, or a server that is not there: the HTTP
 * status to answer (400 bad argument, 404 unknown instance, 409 not in a state that allows it) and
 * a message naming the reason, in orchestrator's words where it has them. Nothing was changed.
 */
public class ControlException extends RuntimeException {

    private final int status;

    public ControlException(int status, String message) {
        super(message);
        this.status = status;
    }

    public static ControlException badArgument(String message) {
        return new ControlException(400, message);
    }

    public static ControlException refused(String message) {
        return new ControlException(409, message);
    }

    public int status() {
        return status;
    }
}
