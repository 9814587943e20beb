package io.quorch.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.quorch.domain.AckSelector;
import io.quorch.domain.BlockedRecovery;
import io.quorch.domain.FailureDetection;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.RecoveryStep;
import io.quorch.domain.TopologyRecovery;

/** Failure detections, recoveries and their steps, blocked recoveries, the global switch. */
public interface RecoveryStore {

    /**
     * Stores a detection under the next id, assigned while applying (the id the command carries is ignored), so
     * every node numbers detections alike; storing the same detection again changes nothing. Returns its id.
     */
    long registerDetection(FailureDetection detection);

    /** The id a stored detection got (matched by server, analysis, time and processing node). */
    Optional<Long> detectionId(FailureDetection detection);

    List<FailureDetection> detections(int limit);

    /**
     * Stores a recovery under the next id, assigned while applying (the id the command carries is ignored);
     * storing the same uid again changes nothing. Returns its id.
     */
    long writeRecovery(TopologyRecovery recovery);

    void writeStep(RecoveryStep step);

    void resolveRecovery(String uid, boolean successful, InstanceKey successor, List<InstanceKey> lost,
            List<InstanceKey> participating, List<String> errors, Instant end);

    /** Acknowledges matching unacknowledged recoveries; returns how many. */
    int acknowledge(AckSelector selector, String by, String comment, Instant at);

    Optional<TopologyRecovery> recovery(long id);

    Optional<TopologyRecovery> recoveryByUid(String uid);

    List<TopologyRecovery> recoveries(Optional<String> clusterName, boolean unacknowledgedOnly, int limit);

    List<TopologyRecovery> unresolved();

    List<RecoveryStep> steps(String uid);

    void registerBlocked(BlockedRecovery blocked);

    List<BlockedRecovery> blocked(Optional<String> clusterName);

    void clearBlocked(InstanceKey key);

    boolean recoveriesDisabled();

    void setRecoveriesDisabled(boolean disabled, Instant at);
}
