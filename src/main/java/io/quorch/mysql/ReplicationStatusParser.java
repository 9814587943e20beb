package io.quorch.mysql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.quorch.domain.BinlogCoordinates;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.ReplicationStatus;

/**
 * Reads SHOW SLAVE STATUS / SHOW REPLICA STATUS and SHOW SLAVE HOSTS / SHOW REPLICAS rows. Host
 * names in them are whatever the servers were configured with (master_host, report_host): each
 * becomes an {@link InstanceKey} only when it is a valid host name or address.
 */
public final class ReplicationStatusParser {

    private static final Logger LOG = Logger.getLogger(ReplicationStatusParser.class);
    private static final long WARN_INTERVAL_NANOS = java.util.concurrent.TimeUnit.HOURS.toNanos(1);
    private static final Map<String, Long> WARNED = new ConcurrentHashMap<>();

    private static final List<String> FILTERS = List.of("Replicate_Do_DB", "Replicate_Ignore_DB",
            "Replicate_Do_Table", "Replicate_Ignore_Table", "Replicate_Wild_Do_Table", "Replicate_Wild_Ignore_Table");

    private ReplicationStatusParser() {
    }

    /**
     * The replication status, or null when the row names no primary (not a replica). Throws
     * {@link InvalidReportedHostException} when Master_Host or Master_Port is not a valid host or port.
     */
    public static ReplicationStatus parse(StatusRow row) {
        String host = row.string("Master_Host").trim();
        long port = row.longValue("Master_Port");
        if (host.isEmpty() || port <= 0) {
            return null;
        }
        boolean detached = host.startsWith(ReplicationStatus.DETACH_MARK);
        if (detached) {
            host = host.substring(ReplicationStatus.DETACH_MARK.length());
        }
        InstanceKey master;
        try {
            master = new InstanceKey(host, (int) Math.min(port, Integer.MAX_VALUE));
        } catch (IllegalArgumentException e) {
            throw new InvalidReportedHostException("replicates from Master_Host/Master_Port that is not a valid"
                    + " server: " + e.getMessage());
        }
        String io = row.string("Slave_IO_Running");
        String sql = row.string("Slave_SQL_Running");
        boolean filters = FILTERS.stream().anyMatch(f -> !row.string(f).isBlank());
        String executed = row.has("Executed_Gtid_Set") ? row.string("Executed_Gtid_Set") : "";
        String retrieved = row.has("Retrieved_Gtid_Set") ? row.string("Retrieved_Gtid_Set") : row.string("Gtid_IO_Pos");
        return new ReplicationStatus(
                master,
                io.equalsIgnoreCase("Yes"),
                sql.equalsIgnoreCase("Yes"),
                io,
                row.string("Slave_SQL_Running_State"),
                new BinlogCoordinates(row.string("Master_Log_File"), row.longValue("Read_Master_Log_Pos")),
                new BinlogCoordinates(row.string("Relay_Master_Log_File"), row.longValue("Exec_Master_Log_Pos")),
                new BinlogCoordinates(row.string("Relay_Log_File"), row.longValue("Relay_Log_Pos")),
                row.string("Last_IO_Error"),
                row.string("Last_SQL_Error"),
                (int) row.longValue("Last_IO_Errno"),
                (int) row.longValue("Last_SQL_Errno"),
                row.nullableLong("Seconds_Behind_Master"),
                row.longValue("SQL_Delay"),
                row.string("Master_UUID"),
                row.longValue("Master_Server_Id"),
                row.longValue("Auto_Position") == 1,
                row.has("Using_Gtid") ? row.string("Using_Gtid") : "",
                oneLine(retrieved),
                oneLine(executed),
                filters,
                detached);
    }

    /**
     * Replica keys from the reporter's SHOW SLAVE HOSTS / SHOW REPLICAS rows. Rows without a
     * reported host are skipped; a row whose host or port is not valid is skipped with a warning
     * naming the reporting server.
     */
    public static List<InstanceKey> replicas(InstanceKey reporter, List<StatusRow> rows) {
        List<InstanceKey> keys = new ArrayList<>();
        for (StatusRow row : rows) {
            String host = row.string("Host").trim();
            if (!host.isEmpty()) {
                replicaKey(reporter, "SHOW SLAVE HOSTS", host, row.longValue("Port")).ifPresent(keys::add);
            }
        }
        return keys;
    }

    /**
     * Replica keys from the hosts of the reporter's binlog dump threads (processlist), each on the
     * reporter's port; invalid ones are skipped with a warning.
     */
    public static List<InstanceKey> dumpThreadHosts(InstanceKey reporter, List<String> hosts) {
        List<InstanceKey> keys = new ArrayList<>();
        for (String host : hosts) {
            if (host != null && !host.isBlank()) {
                replicaKey(reporter, "the processlist", host.trim(), reporter.port()).ifPresent(keys::add);
            }
        }
        return keys;
    }

    private static Optional<InstanceKey> replicaKey(InstanceKey reporter, String source, String host, long port) {
        try {
            return Optional.of(new InstanceKey(host, (int) Math.max(Integer.MIN_VALUE, Math.min(port,
                    Integer.MAX_VALUE))));
        } catch (IllegalArgumentException e) {
            if (firstWarning(reporter + " " + host + ":" + port)) {
                LOG.warnf("%s lists a replica that is not a valid server in %s, skipped: %s", reporter, source,
                        e.getMessage());
            }
            return Optional.empty();
        }
    }

    /** Each bad replica is warned about once an hour, not on every probe of its reporter. */
    private static boolean firstWarning(String what) {
        long now = System.nanoTime();
        if (WARNED.size() > 1000) {
            WARNED.clear();
        }
        Long last = WARNED.get(what);
        if (last != null && now - last < WARN_INTERVAL_NANOS) {
            return false;
        }
        WARNED.put(what, now);
        return true;
    }

    static String oneLine(String gtidSet) {
        return gtidSet == null ? "" : gtidSet.replace("\n", "").replace("\r", "").trim();
    }
}
