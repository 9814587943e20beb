package io.quorch.consensus.ratis;

/** This node cannot take part in the raft group: bad membership, port taken, unreadable storage. */
public class RaftStartupException extends RuntimeException {

    public RaftStartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
