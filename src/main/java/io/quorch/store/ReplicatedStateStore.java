package io.quorch.store;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.quorch.domain.InstanceKey;

/**
 * The tables every node holds alike because they are written only by replicated commands:
 * streamed into raft snapshots and restored from them. Discovered instances are never part of it.
 */
public interface ReplicatedStateStore {

    /** Receives the replicated rows, table by table (column name to value). */
    interface RowSink {
        /** The rows that follow belong to this table. */
        void table(String name) throws IOException;

        void row(Map<String, Object> row) throws IOException;
    }

    /** Feeds rows to a sink as it reads them (a snapshot file). */
    @FunctionalInterface
    interface RowSource {
        void readInto(RowSink sink) throws IOException;
    }

    /** A forget the group applied: an instance (key set) or a whole cluster (clusterName set), at a log index. */
    record Forgotten(InstanceKey key, String clusterName, Instant at, long index) {
    }

    /** The schema version of the replicated tables this build reads and writes. */
    int schemaVersion();

    /** The replicated tables, in a fixed order. */
    List<String> tables();

    /** Streams every replicated row into the sink, from one consistent read. */
    void export(RowSink sink) throws IOException;

    /**
     * Replaces the replicated tables' contents with the rows the source gives, in one transaction.
     * Rows are upserted by the local primary keys; only columns of the local schema are written, so
     * unknown tables and columns are skipped. Rows the node keeps for itself (detected cluster
     * aliases, node-local state) stay.
     */
    void restore(RowSource source) throws IOException;

    /** Records a forget, so a node that catches up from a snapshot still learns of it. */
    void recordForgotten(Forgotten forgotten);

    /** Forgets recorded at a log index after the given one. */
    List<Forgotten> forgottenAfter(long index);

    /** Drops history older than before from the replicated tables; returns the rows removed. */
    int purge(Instant before);
}
