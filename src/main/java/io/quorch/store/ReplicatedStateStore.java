package io.quorch.store;

import java.util.List;
import java.util.Map;

/**
 * The tables every node holds alike because they are written only by replicated commands:
 * exported into raft snapshots and restored from them. Discovered instances are never part of it.
 */
public interface ReplicatedStateStore {

    /** Table name to rows (column name to value). */
    Map<String, List<Map<String, Object>>> export();

    /** Replaces the replicated tables' contents with the given rows, in one transaction. */
    void restore(Map<String, List<Map<String, Object>>> tables);
}
