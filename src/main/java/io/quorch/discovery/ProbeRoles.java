package io.quorch.discovery;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;

/**
 * Which servers this node polls when the probing is shared: plain replicas only when it owns them
 * (SharedProbeCopies), every other server (top and intermediate primaries, servers never described)
 * always. The role sets are worked out at each full sync of {@link DiscoveryService}; a replica this
 * node takes over (a node left the group) is polled at once, not at its next tick.
 */
final class ProbeRoles {

    private final ProbeShare share;
    private final Consumer<InstanceKey> pollNow;
    /** As of the last sync: plain replicas (probed by their owners only) and primaries (probed by every node). */
    private volatile Set<InstanceKey> plainReplicas = Set.of();
    private volatile Set<InstanceKey> primaries = Set.of();
    /** The plain replicas this node owned at the last look. */
    private Set<InstanceKey> ownedBefore = Set.of();

    ProbeRoles(ProbeShare share, Consumer<InstanceKey> pollNow) {
        this.share = share;
        this.pollNow = pollNow;
        share.onReassignment(this::pollNewlyOwned);
    }

    /** Takes the role sets of a sync, and polls at once the plain replicas newly owned here. */
    void update(Set<InstanceKey> primaries, Set<InstanceKey> plainReplicas) {
        this.primaries = Set.copyOf(primaries);
        this.plainReplicas = Set.copyOf(plainReplicas);
        pollNewlyOwned();
    }

    /** A plain replica is polled here only when this node owns it; every other server always. */
    boolean probesHere(InstanceKey key) {
        return !plainReplicas.contains(key) || share.owns(key);
    }

    /** A primary or intermediate primary to someone, as of the last sync: every node probes it. */
    boolean isPrimary(InstanceKey key) {
        return primaries.contains(key);
    }

    /**
     * A replica this node owns: its results go to the other nodes. An intermediate primary too: a node
     * that still takes it for a plain replica probes it not, and learns its replicas (one of them perhaps
     * its own to probe) only from these results.
     */
    boolean isShared(Instance instance) {
        return instance.masterKey() != null && share.owns(instance.key());
    }

    Set<InstanceKey> plainReplicas() {
        return plainReplicas;
    }

    private synchronized void pollNewlyOwned() {
        Set<InstanceKey> owned = new HashSet<>();
        for (InstanceKey key : plainReplicas) {
            if (share.owns(key)) {
                owned.add(key);
                if (!ownedBefore.contains(key)) {
                    pollNow.accept(key);
                }
            }
        }
        ownedBefore = owned;
    }
}
