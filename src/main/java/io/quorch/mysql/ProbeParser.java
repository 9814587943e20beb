package io.quorch.mysql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.quorch.domain.BinlogCoordinates;
import io.quorch.domain.Flavor;
import io.quorch.domain.GtidState;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.ReplicationStatus;
import io.quorch.domain.SemiSyncStatus;

/** Turns the result sets of a probe batch into values; no SQL is sent from here. */
final class ProbeParser {

    private ProbeParser() {
    }

    /** The identity row: {@link ProbeBatch#IDENTITY}. */
    record Identity(long serverId, String version, String versionComment, boolean readOnly, boolean logBin,
            boolean logSlaveUpdates, String binlogFormat, String rowImage) {

        Flavor flavor() {
            return Flavor.of(version, versionComment);
        }
    }

    /** The GTID row: MySQL also gives its server UUID and super_read_only there. */
    record Gtid(String uuid, boolean superReadOnly, GtidState state) {
    }

    static Identity identity(ResultSet rs) throws SQLException {
        rs.next();
        return new Identity(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getBoolean(5),
                rs.getBoolean(6), rs.getString(7), rs.getString(8));
    }

    static Gtid gtid(ResultSet rs, ServerDialect dialect) throws SQLException {
        rs.next();
        if (dialect.isMariaDb()) {
            return new Gtid("", false, new GtidState("", "", "", nz(rs.getString(1)), nz(rs.getString(2)),
                    nz(rs.getString(3)), rs.getBoolean(4)));
        }
        return new Gtid(nz(rs.getString(1)), rs.getBoolean(5), new GtidState(nz(rs.getString(2)),
                oneLine(rs.getString(3)), oneLine(rs.getString(4)), "", "", "", false));
    }

    /** The server's own binlog position; NONE when binary logging is off. */
    static BinlogCoordinates binlog(ResultSet rs, boolean logBin) throws SQLException {
        if (logBin && rs.next()) {
            return new BinlogCoordinates(rs.getString(1), rs.getLong(2));
        }
        return BinlogCoordinates.NONE;
    }

    /** The replication status, or null when the server replicates from nothing. */
    static ReplicationStatus replication(ResultSet rs) throws SQLException {
        return rs.next() ? ReplicationStatusParser.parse(StatusRow.of(rs)) : null;
    }

    static List<StatusRow> rows(ResultSet rs) throws SQLException {
        List<StatusRow> rows = new ArrayList<>();
        while (rs.next()) {
            rows.add(StatusRow.of(rs));
        }
        return rows;
    }

    /**
     * Hosts of the processlist's binlog dump threads, on the probed server's port; a host that is
     * not a valid host name or address is skipped with a warning naming the reporter.
     */
    static List<InstanceKey> dumpHosts(ResultSet rs, InstanceKey reporter) throws SQLException {
        List<String> hosts = new ArrayList<>();
        while (rs.next()) {
            hosts.add(rs.getString(1));
        }
        return ReplicationStatusParser.dumpThreadHosts(reporter, hosts);
    }

    /**
     * SHOW SLAVE HOSTS tells servers on one host apart (report_host/report_port); the processlist's
     * binlog dump threads count only when it lists nothing. Invalid reported hosts are skipped.
     */
    static List<InstanceKey> replicas(InstanceKey reporter, List<StatusRow> slaveHosts, List<InstanceKey> dumpHosts) {
        return slaveHosts.isEmpty() ? dumpHosts : ReplicationStatusParser.replicas(reporter, slaveHosts);
    }

    /** SHOW VARIABLES / SHOW STATUS rows by lower-case name, "source"/"replica" spelled "master"/"slave". */
    static Map<String, String> nameValues(ResultSet rs) throws SQLException {
        Map<String, String> m = new HashMap<>();
        while (rs.next()) {
            m.put(rs.getString(1).toLowerCase(Locale.ROOT).replace("source", "master")
                    .replace("replica", "slave"), rs.getString(2));
        }
        return m;
    }

    static SemiSyncStatus semiSync(Map<String, String> vars, Map<String, String> status) {
        boolean available = vars.containsKey("rpl_semi_sync_master_enabled")
                || vars.containsKey("rpl_semi_sync_slave_enabled");
        return new SemiSyncStatus(available,
                on(vars.get("rpl_semi_sync_master_enabled")),
                on(vars.get("rpl_semi_sync_slave_enabled")),
                on(status.get("rpl_semi_sync_master_status")),
                on(status.get("rpl_semi_sync_slave_status")),
                parseLong(vars.get("rpl_semi_sync_master_timeout")),
                (int) parseLong(vars.get("rpl_semi_sync_master_wait_for_slave_count")),
                (int) parseLong(status.get("rpl_semi_sync_master_clients")));
    }

    static boolean on(String v) {
        return v != null && (v.equalsIgnoreCase("ON") || v.equals("1") || v.equalsIgnoreCase("YES"));
    }

    static long parseLong(String v) {
        if (v == null || v.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replace("\n", "").trim();
    }
}
