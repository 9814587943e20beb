package io.quorch.consensus;

import java.util.Map;

/**
 * What the backend's columns can hold, for every column a replicated command writes: the one place
 * that knows the limits (a test checks each against the schema's migrations). VARCHAR lengths are
 * in characters, as MySQL counts them with utf8mb4; SQLite would take anything, so a command that
 * fits here fits on every backend.
 */
public final class SchemaLimits {

    /**
     * TEXT columns (MEDIUMTEXT on MySQL: 16 MiB) hold at most this many UTF-8 bytes from one
     * command, which keeps every raft log entry small.
     */
    public static final int TEXT_BYTES = 256 * 1024;

    /** A whole encoded command: well below what Ratis appends in one message. */
    public static final int ENTRY_BYTES = 1024 * 1024;

    /** "table.column" to the VARCHAR length of that column. */
    public static final Map<String, Integer> VARCHAR = Map.ofEntries(
            Map.entry("cluster_alias.cluster_name", 300),
            Map.entry("cluster_alias.alias", 255),
            Map.entry("database_instance_downtime.hostname", 255),
            Map.entry("database_instance_downtime.owner", 128),
            Map.entry("database_instance_maintenance.hostname", 255),
            Map.entry("database_instance_maintenance.owner", 128),
            Map.entry("candidate_database_instance.hostname", 255),
            Map.entry("candidate_database_instance.promotion_rule", 20),
            Map.entry("discovery_seed.hostname", 255),
            Map.entry("topology_failure_detection.hostname", 255),
            Map.entry("topology_failure_detection.processing_node_hostname", 255),
            Map.entry("topology_failure_detection.processing_node_token", 128),
            Map.entry("topology_failure_detection.analysis", 128),
            Map.entry("topology_failure_detection.cluster_name", 300),
            Map.entry("topology_failure_detection.cluster_alias", 255),
            Map.entry("topology_recovery.uid", 128),
            Map.entry("topology_recovery.hostname", 255),
            Map.entry("topology_recovery.processing_node_hostname", 255),
            Map.entry("topology_recovery.processing_node_token", 128),
            Map.entry("topology_recovery.analysis", 128),
            Map.entry("topology_recovery.cluster_name", 300),
            Map.entry("topology_recovery.cluster_alias", 255),
            Map.entry("topology_recovery.successor_hostname", 255),
            Map.entry("topology_recovery.acknowledged_by", 128),
            Map.entry("topology_recovery.recovery_type", 32),
            Map.entry("topology_recovery_steps.recovery_uid", 128),
            Map.entry("forgotten_instance.hostname", 255),
            Map.entry("forgotten_instance.cluster_name", 300),
            Map.entry("node_state.name", 64));

    /** Replicated TEXT columns a command writes; each holds at most {@link #TEXT_BYTES}. */
    public static final java.util.Set<String> TEXT = java.util.Set.of(
            "database_instance_downtime.reason",
            "database_instance_maintenance.reason",
            "topology_failure_detection.analysis_entry",
            "topology_recovery.lost_replicas",
            "topology_recovery.participating_instances",
            "topology_recovery.all_errors",
            "topology_recovery.acknowledged_comment",
            "topology_recovery.analysis_entry",
            "topology_recovery_steps.message",
            "node_state.value");

    private SchemaLimits() {
    }

    /** The VARCHAR length of table.column; throws when no limit is known (a programming error). */
    public static int varchar(String column) {
        Integer n = VARCHAR.get(column);
        if (n == null) {
            throw new IllegalArgumentException("no length known for column " + column);
        }
        return n;
    }
}
