package io.quorch.store.sql;

import java.util.List;

/**
 * The backend schema, version by version. Times are epoch milliseconds (BIGINT) and flags are
 * integers, so the same statements serve SQLite and MySQL; {AUTO_ID}, {TEXT} and {TABLE_OPTIONS}
 * are filled in by the dialect. Never edit a released migration: add the next one.
 */
public final class Migrations {

    private Migrations() {
    }

    public static List<Migration> all() {
        return List.of(topology(), intents(), recoveries(), nodes(), discovery(), recoveryType(), forgotten(), maintenance());
    }

    private static Migration topology() {
        return new Migration(1, "discovered instances", List.of(
                """
                CREATE TABLE database_instance (
                  hostname VARCHAR(255) NOT NULL,
                  port INT NOT NULL,
                  last_checked BIGINT NOT NULL DEFAULT 0,
                  last_attempted BIGINT NOT NULL DEFAULT 0,
                  last_seen BIGINT NOT NULL DEFAULT 0,
                  last_check_valid INT NOT NULL DEFAULT 0,
                  consecutive_failures INT NOT NULL DEFAULT 0,
                  server_id BIGINT NOT NULL DEFAULT 0,
                  server_uuid VARCHAR(64) NOT NULL DEFAULT '',
                  version VARCHAR(128) NOT NULL DEFAULT '',
                  flavor VARCHAR(32) NOT NULL DEFAULT '',
                  read_only INT NOT NULL DEFAULT 0,
                  master_host VARCHAR(255) NOT NULL DEFAULT '',
                  master_port INT NOT NULL DEFAULT 0,
                  cluster_name VARCHAR(300) NOT NULL DEFAULT '',
                  replication_depth INT NOT NULL DEFAULT 0,
                  data_center VARCHAR(64) NOT NULL DEFAULT '',
                  region VARCHAR(64) NOT NULL DEFAULT '',
                  physical_environment VARCHAR(64) NOT NULL DEFAULT '',
                  details {TEXT},
                  PRIMARY KEY (hostname, port)
                ){TABLE_OPTIONS}""",
                "CREATE INDEX database_instance_cluster_idx ON database_instance (cluster_name)",
                "CREATE INDEX database_instance_master_idx ON database_instance (master_host, master_port)",
                """
                CREATE TABLE cluster_alias (
                  cluster_name VARCHAR(300) NOT NULL PRIMARY KEY,
                  alias VARCHAR(255) NOT NULL,
                  manual INT NOT NULL DEFAULT 0,
                  last_registered BIGINT NOT NULL
                ){TABLE_OPTIONS}"""));
    }

    private static Migration intents() {
        return new Migration(2, "downtime, candidates and the global recovery switch", List.of(
                """
                CREATE TABLE database_instance_downtime (
                  hostname VARCHAR(255) NOT NULL,
                  port INT NOT NULL,
                  begin_timestamp BIGINT NOT NULL,
                  end_timestamp BIGINT NOT NULL,
                  owner VARCHAR(128) NOT NULL,
                  reason {TEXT} NOT NULL,
                  PRIMARY KEY (hostname, port)
                ){TABLE_OPTIONS}""",
                """
                CREATE TABLE candidate_database_instance (
                  hostname VARCHAR(255) NOT NULL,
                  port INT NOT NULL,
                  promotion_rule VARCHAR(20) NOT NULL,
                  last_suggested BIGINT NOT NULL,
                  PRIMARY KEY (hostname, port)
                ){TABLE_OPTIONS}""",
                """
                CREATE TABLE global_recovery_disable (
                  id INT NOT NULL PRIMARY KEY,
                  disabled INT NOT NULL,
                  changed_at BIGINT NOT NULL
                ){TABLE_OPTIONS}"""));
    }

    private static Migration recoveries() {
        return new Migration(3, "failure detections, recoveries, their steps, audit", List.of(
                """
                CREATE TABLE topology_failure_detection (
                  detection_id BIGINT NOT NULL PRIMARY KEY,
                  hostname VARCHAR(255) NOT NULL,
                  port INT NOT NULL,
                  in_active_period INT NOT NULL,
                  start_active_period BIGINT NOT NULL,
                  end_active_period BIGINT NOT NULL DEFAULT 0,
                  processing_node_hostname VARCHAR(255) NOT NULL,
                  processing_node_token VARCHAR(128) NOT NULL,
                  analysis VARCHAR(128) NOT NULL,
                  cluster_name VARCHAR(300) NOT NULL,
                  cluster_alias VARCHAR(255) NOT NULL DEFAULT '',
                  count_affected_replicas INT NOT NULL,
                  is_actionable INT NOT NULL DEFAULT 0,
                  analysis_entry {TEXT}
                ){TABLE_OPTIONS}""",
                "CREATE INDEX topology_failure_detection_instance_idx ON topology_failure_detection (hostname, port)",
                """
                CREATE TABLE topology_recovery (
                  recovery_id BIGINT NOT NULL PRIMARY KEY,
                  uid VARCHAR(128) NOT NULL,
                  hostname VARCHAR(255) NOT NULL,
                  port INT NOT NULL,
                  in_active_period INT NOT NULL,
                  start_active_period BIGINT NOT NULL,
                  end_active_period BIGINT NOT NULL DEFAULT 0,
                  end_recovery BIGINT NOT NULL DEFAULT 0,
                  processing_node_hostname VARCHAR(255) NOT NULL,
                  processing_node_token VARCHAR(128) NOT NULL,
                  analysis VARCHAR(128) NOT NULL,
                  cluster_name VARCHAR(300) NOT NULL,
                  cluster_alias VARCHAR(255) NOT NULL DEFAULT '',
                  successor_hostname VARCHAR(255) NOT NULL DEFAULT '',
                  successor_port INT NOT NULL DEFAULT 0,
                  is_successful INT NOT NULL DEFAULT 0,
                  lost_replicas {TEXT},
                  participating_instances {TEXT},
                  all_errors {TEXT},
                  acknowledged INT NOT NULL DEFAULT 0,
                  acknowledged_at BIGINT NOT NULL DEFAULT 0,
                  acknowledged_by VARCHAR(128) NOT NULL DEFAULT '',
                  acknowledged_comment {TEXT},
                  last_detection_id BIGINT NOT NULL DEFAULT 0,
                  related_recovery_id BIGINT NOT NULL DEFAULT 0,
                  analysis_entry {TEXT}
                ){TABLE_OPTIONS}""",
                "CREATE UNIQUE INDEX topology_recovery_uid_idx ON topology_recovery (uid)",
                "CREATE INDEX topology_recovery_cluster_idx ON topology_recovery (cluster_name, start_active_period)",
                """
                CREATE TABLE topology_recovery_steps (
                  recovery_uid VARCHAR(128) NOT NULL,
                  step_seq INT NOT NULL,
                  audit_at BIGINT NOT NULL,
                  message {TEXT} NOT NULL,
                  PRIMARY KEY (recovery_uid, step_seq)
                ){TABLE_OPTIONS}""",
                """
                CREATE TABLE blocked_topology_recovery (
                  hostname VARCHAR(255) NOT NULL,
                  port INT NOT NULL,
                  cluster_name VARCHAR(300) NOT NULL,
                  analysis VARCHAR(128) NOT NULL,
                  last_blocked_timestamp BIGINT NOT NULL,
                  blocking_recovery_id BIGINT NOT NULL,
                  PRIMARY KEY (hostname, port)
                ){TABLE_OPTIONS}""",
                """
                CREATE TABLE audit (
                  audit_id {AUTO_ID},
                  audit_timestamp BIGINT NOT NULL,
                  audit_type VARCHAR(128) NOT NULL,
                  hostname VARCHAR(255) NOT NULL DEFAULT '',
                  port INT NOT NULL DEFAULT 0,
                  cluster_name VARCHAR(300) NOT NULL DEFAULT '',
                  message {TEXT} NOT NULL
                ){TABLE_OPTIONS}""",
                "CREATE INDEX audit_timestamp_idx ON audit (audit_timestamp)"));
    }

    private static Migration nodes() {
        return new Migration(4, "quorch node health and node-local state", List.of(
                """
                CREATE TABLE node_health (
                  hostname VARCHAR(255) NOT NULL,
                  token VARCHAR(128) NOT NULL,
                  app_version VARCHAR(64) NOT NULL,
                  first_seen BIGINT NOT NULL,
                  last_seen BIGINT NOT NULL,
                  PRIMARY KEY (hostname, token)
                ){TABLE_OPTIONS}""",
                """
                CREATE TABLE node_state (
                  name VARCHAR(64) NOT NULL PRIMARY KEY,
                  value {TEXT} NOT NULL
                ){TABLE_OPTIONS}"""));
    }

    private static Migration discovery() {
        return new Migration(5, "discovery seeds, last probe error", List.of(
                "ALTER TABLE database_instance ADD COLUMN last_error VARCHAR(1024) NOT NULL DEFAULT ''",
                """
                CREATE TABLE discovery_seed (
                  hostname VARCHAR(255) NOT NULL,
                  port INT NOT NULL,
                  seeded_at BIGINT NOT NULL,
                  PRIMARY KEY (hostname, port)
                ){TABLE_OPTIONS}"""));
    }

    private static Migration recoveryType() {
        return new Migration(6, "recovery type", List.of(
                "ALTER TABLE topology_recovery ADD COLUMN recovery_type VARCHAR(32) NOT NULL DEFAULT 'automatic'"));
    }

    private static Migration forgotten() {
        return new Migration(7, "forgets kept as tombstones, so a node that catches up from a snapshot learns them",
                List.of("""
                CREATE TABLE forgotten_instance (
                  hostname VARCHAR(255) NOT NULL DEFAULT '',
                  port INT NOT NULL DEFAULT 0,
                  cluster_name VARCHAR(300) NOT NULL DEFAULT '',
                  forgotten_at BIGINT NOT NULL,
                  log_index BIGINT NOT NULL,
                  PRIMARY KEY (hostname, port, cluster_name)
                ){TABLE_OPTIONS}"""));
    }

    private static Migration maintenance() {
        return new Migration(8, "maintenance marks: servers taken out of topology changes, replicated like downtime",
                List.of("""
                CREATE TABLE database_instance_maintenance (
                  hostname VARCHAR(255) NOT NULL,
                  port INT NOT NULL,
                  maintenance_id BIGINT NOT NULL,
                  begin_timestamp BIGINT NOT NULL,
                  end_timestamp BIGINT NOT NULL,
                  owner VARCHAR(128) NOT NULL,
                  reason {TEXT} NOT NULL,
                  PRIMARY KEY (hostname, port)
                ){TABLE_OPTIONS}"""));
    }
}
