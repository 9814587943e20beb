package io.quorch.sim;

import java.util.ArrayList;
import java.util.List;

/** MariaDB 10.11's SHOW SLAVE STATUS row for a simulated replica. */
final class SimReplicaStatus {

    static final List<String> COLUMNS = List.of("Slave_IO_State", "Master_Host", "Master_User", "Master_Port",
            "Connect_Retry", "Master_Log_File", "Read_Master_Log_Pos", "Relay_Log_File", "Relay_Log_Pos",
            "Relay_Master_Log_File", "Slave_IO_Running", "Slave_SQL_Running", "Replicate_Rewrite_DB",
            "Replicate_Do_DB", "Replicate_Ignore_DB", "Replicate_Do_Table", "Replicate_Ignore_Table",
            "Replicate_Wild_Do_Table", "Replicate_Wild_Ignore_Table", "Last_Errno", "Last_Error", "Skip_Counter",
            "Exec_Master_Log_Pos", "Relay_Log_Space", "Until_Condition", "Until_Log_File", "Until_Log_Pos",
            "Master_SSL_Allowed", "Master_SSL_CA_File", "Master_SSL_CA_Path", "Master_SSL_Cert", "Master_SSL_Cipher",
            "Master_SSL_Key", "Seconds_Behind_Master", "Master_SSL_Verify_Server_Cert", "Last_IO_Errno",
            "Last_IO_Error", "Last_SQL_Errno", "Last_SQL_Error", "Replicate_Ignore_Server_Ids", "Master_Server_Id",
            "Master_SSL_Crl", "Master_SSL_Crlpath", "Using_Gtid", "Gtid_IO_Pos", "Replicate_Do_Domain_Ids",
            "Replicate_Ignore_Domain_Ids", "Parallel_Mode", "SQL_Delay", "SQL_Remaining_Delay",
            "Slave_SQL_Running_State", "Slave_DDL_Groups", "Slave_Non_Transactional_Groups",
            "Slave_Transactional_Groups");

    private SimReplicaStatus() {
    }

    static List<String> row(SimFleet fleet, SimServer s) {
        boolean connected = fleet.connected(s);
        boolean io = s.ioStarted();
        boolean sql = s.sqlStarted();
        String ioRunning = !io ? "No" : connected ? "Yes" : "Connecting";
        SimServer source = fleet.server(s.masterHost());
        long pos = s.binlogPos();
        String lag = connected && sql ? Long.toString(s.lagSeconds()) : null;
        List<String> r = new ArrayList<>(COLUMNS.size());
        r.add(!io ? "" : connected ? "Waiting for master to send event" : "Reconnecting after a failed master event read");
        r.add(s.masterHost());
        r.add(s.masterUser());
        r.add(Integer.toString(s.masterPort()));
        r.add("1");
        r.add(SimServer.BINLOG);
        r.add(Long.toString(pos));
        r.add(SimServer.RELAY_LOG);
        r.add(Long.toString(pos));
        r.add(SimServer.BINLOG);
        r.add(ioRunning);
        r.add(sql ? "Yes" : "No");
        for (int i = 0; i < 7; i++) {
            r.add("");
        }
        r.add("0");
        r.add("");
        r.add("0");
        r.add(Long.toString(pos));
        r.add(Long.toString(pos));
        r.add("None");
        r.add("");
        r.add("0");
        r.add("No");
        for (int i = 0; i < 5; i++) {
            r.add("");
        }
        r.add(lag);
        r.add("No");
        r.add(io ? Integer.toString(s.ioErrno()) : "0");
        r.add(io ? s.ioError() : "");
        r.add("0");
        r.add("");
        r.add("");
        r.add(source == null || !connected ? "0" : Long.toString(source.serverId));
        r.add("");
        r.add("");
        r.add("Slave_Pos");
        r.add(s.gtid());
        r.add("");
        r.add("");
        r.add("optimistic");
        r.add("0");
        r.add(null);
        r.add(sql ? "Slave has read all relay log; waiting for more updates" : "");
        r.add("0");
        r.add("0");
        r.add(Long.toString(s.seq()));
        return r;
    }
}
