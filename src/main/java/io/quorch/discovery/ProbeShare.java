package io.quorch.discovery;

import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;

/**
 * Which replicas this node probes itself when the raft group shares the probing
 * (SharedProbeCopies), and where the results of those probes go so the other nodes learn them.
 * Every node probes primaries and intermediate primaries whoever owns them; an owner still
 * publishes its results of an intermediate primary, for the nodes that take it for a plain replica.
 */
public interface ProbeShare {

    /** Whether this node probes the replica itself (always, when probing is not shared). */
    boolean owns(InstanceKey key);

    /** Whether another node sent a result for this server that this node should take: the sender owns it. */
    boolean ownedBy(InstanceKey key, String node);

    /** A result of this node's own probe of a replica it owns: offered to the other nodes. */
    void published(Instance instance, boolean valid);

    /** Runs the action whenever the owners may have changed (the nodes sharing the probing changed). */
    void onReassignment(Runnable action);

    /** Every node probes everything: single-node mode, and the group without sharing. */
    ProbeShare NONE = new ProbeShare() {
        @Override
        public boolean owns(InstanceKey key) {
            return true;
        }

        @Override
        public boolean ownedBy(InstanceKey key, String node) {
            return false;
        }

        @Override
        public void published(Instance instance, boolean valid) {
        }

        @Override
        public void onReassignment(Runnable action) {
        }
    };
}
