package io.quorch.sim;

import java.util.Map;

/** The system variables and status a simulated server answers @@name, SHOW VARIABLES and SHOW STATUS with. */
final class SimVariables {

    /** What does not depend on the server: Connector/J's session set-up reads most of these. */
    private static final Map<String, String> FIXED = Map.ofEntries(
            Map.entry("version", SimSql.VERSION),
            Map.entry("version_comment", "quorch simulated MariaDB"),
            Map.entry("log_bin", "1"),
            Map.entry("log_slave_updates", "1"),
            Map.entry("binlog_format", "ROW"),
            Map.entry("binlog_row_image", "FULL"),
            Map.entry("gtid_strict_mode", "1"),
            Map.entry("auto_increment_increment", "1"),
            Map.entry("character_set_client", "utf8mb4"),
            Map.entry("character_set_connection", "utf8mb4"),
            Map.entry("character_set_results", "utf8mb4"),
            Map.entry("character_set_server", "utf8mb4"),
            Map.entry("collation_server", "utf8mb4_general_ci"),
            Map.entry("collation_connection", "utf8mb4_general_ci"),
            Map.entry("init_connect", ""),
            Map.entry("interactive_timeout", "28800"),
            Map.entry("license", "GPL"),
            Map.entry("lower_case_table_names", "0"),
            Map.entry("max_allowed_packet", "16777216"),
            Map.entry("net_buffer_length", "16384"),
            Map.entry("net_write_timeout", "60"),
            Map.entry("performance_schema", "0"),
            Map.entry("query_cache_size", "0"),
            Map.entry("query_cache_type", "OFF"),
            Map.entry("sql_mode", "STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER"),
            Map.entry("system_time_zone", "UTC"),
            Map.entry("time_zone", "SYSTEM"),
            Map.entry("tx_isolation", "REPEATABLE-READ"),
            Map.entry("transaction_isolation", "REPEATABLE-READ"),
            Map.entry("tx_read_only", "0"),
            Map.entry("transaction_read_only", "0"),
            Map.entry("wait_timeout", "28800"),
            Map.entry("autocommit", "1"),
            Map.entry("slave_net_timeout", "60"));

    private static final Map<String, String> SEMI_SYNC = Map.of(
            "rpl_semi_sync_master_enabled", "OFF",
            "rpl_semi_sync_slave_enabled", "OFF",
            "rpl_semi_sync_master_timeout", "10000",
            "rpl_semi_sync_master_wait_for_slave_count", "1");

    private SimVariables() {
    }

    /** @@name of the server; an unknown name is an error, as in MariaDB. */
    static String value(SimServer s, String name, SimFleet fleet) {
        return switch (name) {
            case "server_id" -> Long.toString(s.serverId);
            case "read_only" -> s.readOnly() ? "1" : "0";
            case "hostname", "report_host" -> s.host;
            case "port", "report_port" -> Integer.toString(s.port);
            case "gtid_current_pos", "gtid_binlog_pos" -> s.gtid();
            case "gtid_slave_pos" -> s.isReplica() ? s.gtid() : "";
            default -> {
                String v = FIXED.get(name);
                if (v == null) {
                    throw new SimSql.SimError(1193, "HY000", "Unknown system variable '" + name + "'");
                }
                yield v;
            }
        };
    }

    /** A semi-sync variable MariaDB has (it names them master/slave only); null for the others. */
    static String semiSync(String name) {
        return SEMI_SYNC.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    /** A status variable: Uptime and the semi-sync status; null for the others. */
    static String status(SimServer s, String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "uptime" -> Long.toString(s.uptimeSeconds());
            case "rpl_semi_sync_master_status", "rpl_semi_sync_slave_status" -> "OFF";
            case "rpl_semi_sync_master_clients" -> "0";
            default -> null;
        };
    }
}
