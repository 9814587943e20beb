package io.quorch.topology;

/** A planned move that the rules refuse; nothing has been changed. The message names the reason. */
public class MoveRefusedException extends RuntimeException {

    public MoveRefusedException(String message) {
        super(message);
    }
}
