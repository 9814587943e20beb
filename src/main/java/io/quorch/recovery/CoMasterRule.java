package io.quorch.recovery;

import java.util.Optional;

import io.quorch.domain.InstanceKey;

/**
 * orchestrator's rule for a dead co-primary: the other co-primary must be the one promoted when
 * CoMasterRecoveryMustPromoteOtherCoMaster is set or when it is writable; otherwise any replica may be.
 */
final class CoMasterRule {

    private CoMasterRule() {
    }

    /** The replica the co-primary recovery must promote, if any; refuses a requested candidate the rule forbids. */
    static Optional<InstanceKey> candidate(RecoveryContext ctx, InstanceKey other, boolean otherWritable,
            boolean mustPromoteOther, Optional<InstanceKey> requested) {
        boolean must = mustPromoteOther || otherWritable;
        if (otherWritable) {
            ctx.step("RecoverDeadCoMaster: other co-master " + other + " is writeable hence has to be promoted");
        }
        ctx.step("RecoverDeadCoMaster: mustPromoteOtherCoMaster? " + must);
        if (must && requested.isPresent() && !requested.get().equals(other)) {
            throw new RecoveryException("RecoverDeadCoMaster: could not manage to promote other-co-master " + other
                    + "; was only asked to promote " + requested.get() + "; mustPromoteOtherCoMaster is true (either"
                    + " CoMasterRecoveryMustPromoteOtherCoMaster is true, or co-master is writeable), therefore failing");
        }
        return must ? Optional.of(other) : requested;
    }
}
