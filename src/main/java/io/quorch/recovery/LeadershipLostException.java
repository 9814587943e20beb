package io.quorch.recovery;

/** This node stopped leading while recovering: it changes no server any more and leaves the rest to the leader. */
public class LeadershipLostException extends RecoveryException {

    public LeadershipLostException(String message) {
        super(message);
    }
}
