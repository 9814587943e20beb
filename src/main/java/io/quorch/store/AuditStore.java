package io.quorch.store;

import java.time.Instant;
import java.util.List;

import io.quorch.domain.InstanceKey;

/** The node's own audit log of actions it took. */
public interface AuditStore {

    record Entry(long id, Instant at, String type, InstanceKey key, String clusterName, String message) {
    }

    void audit(String type, InstanceKey key, String clusterName, String message, Instant at);

    List<Entry> recent(int limit);

    /**
     * Drops this node's own history older than before: its audit log and its blocked recoveries
     * (neither is replicated). Returns the rows removed.
     */
    int purgeBefore(Instant before);
}
