package io.quorch.control;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quorch.domain.InstanceKey;

/**
 * The servers an operator's change (replication control, an instance operation, a topology move)
 * is working on right now, on this node: one change per server at a time, whichever kind, so a
 * stop-replica cannot land in the middle of a relocate of the same server.
 */
@ApplicationScoped
public class ServerLocks {

    private final Set<InstanceKey> held = ConcurrentHashMap.newKeySet();

    /** Holds every key, or none: returns the first key another change holds, else null. */
    public InstanceKey holdAll(Collection<InstanceKey> keys) {
        List<InstanceKey> taken = new ArrayList<>();
        for (InstanceKey k : new LinkedHashSet<>(keys)) {
            if (!held.add(k)) {
                taken.forEach(held::remove);
                return k;
            }
            taken.add(k);
        }
        return null;
    }

    public void releaseAll(Collection<InstanceKey> keys) {
        keys.forEach(held::remove);
    }
}
