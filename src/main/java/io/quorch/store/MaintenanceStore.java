package io.quorch.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.quorch.domain.InstanceKey;
import io.quorch.domain.Maintenance;

/**
 * Maintenance marks, written only by replicated commands. A mark counts until its end time; an
 * expired one is ignored at once and purged with the rest of the history.
 */
public interface MaintenanceStore {

    /** Marks the server (replacing an earlier mark of it); the id is the next in this table. */
    void begin(Maintenance maintenance);

    /** Removes the server's mark; false when it had none. */
    boolean end(InstanceKey key);

    Optional<Maintenance> active(InstanceKey key, Instant now);

    List<Maintenance> allActive(Instant now);

    /** Whether the server is in maintenance now: the question topology changes ask before they act. */
    default boolean inMaintenance(InstanceKey key) {
        return active(key, Instant.now()).isPresent();
    }
}
