package io.quorch.mysql;

import java.util.ArrayList;
import java.util.List;

import io.quorch.domain.BinlogCoordinates;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.ReplicationStatus;

/** Reads SHOW SLAVE STATUS / SHOW REPLICA STATUS and SHOW SLAVE HOSTS / SHOW REPLICAS rows. */
public final class ReplicationStatusParser {

    private static final List<String> FILTERS = List.of("Replicate_Do_DB", "Replicate_Ignore_DB",
            "Replicate_Do_Table", "Replicate_Ignore_Table", "Replicate_Wild_Do_Table", "Replicate_Wild_Ignore_Table");

    private ReplicationStatusParser() {
    }

    /** The replication status, or null when the row names no primary (not a replica). */
    public static ReplicationStatus parse(StatusRow row) {
        String host = row.string("Master_Host").trim();
        int port = (int) row.longValue("Master_Port");
        if (host.isEmpty() || port <= 0) {
            return null;
        }
        String io = row.string("Slave_IO_Running");
        String sql = row.string("Slave_SQL_Running");
        boolean filters = FILTERS.stream().anyMatch(f -> !row.string(f).isBlank());
        String executed = row.has("Executed_Gtid_Set") ? row.string("Executed_Gtid_Set") : "";
        String retrieved = row.has("Retrieved_Gtid_Set") ? row.string("Retrieved_Gtid_Set") : row.string("Gtid_IO_Pos");
        return new ReplicationStatus(
                new InstanceKey(host, port),
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
                filters);
    }

    /** Replica keys from SHOW SLAVE HOSTS / SHOW REPLICAS rows; rows without a reported host are skipped. */
    public static List<InstanceKey> replicas(List<StatusRow> rows) {
        List<InstanceKey> keys = new ArrayList<>();
        for (StatusRow row : rows) {
            String host = row.string("Host").trim();
            int port = (int) row.longValue("Port");
            if (!host.isEmpty() && port > 0 && port <= 65535) {
                keys.add(new InstanceKey(host, port));
            }
        }
        return keys;
    }

    static String oneLine(String gtidSet) {
        return gtidSet == null ? "" : gtidSet.replace("\n", "").replace("\r", "").trim();
    }
}
