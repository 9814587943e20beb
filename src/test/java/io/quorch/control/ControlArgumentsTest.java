package io.quorch.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quorch.domain.BinlogCoordinates;
import io.quorch.mysql.ReplicationControl;

/** The pure parts of replication control: detach marks, the next GTID, statements, argument checks. */
class ControlArgumentsTest {

    @Test
    void detachMarksTheFileReversiblyAsOrchestratorDoes() {
        BinlogCoordinates at = new BinlogCoordinates("mysql-bin.000042", 1234);
        BinlogCoordinates marked = ReplicationControlService.detached(at);
        assertEquals("//mysql-bin.000042:1234", marked.logFile());
        assertEquals(1234, marked.logPos());
        assertEquals(at, ReplicationControlService.reattached(marked));
        ControlException e = assertThrows(ControlException.class,
                () -> ReplicationControlService.reattached(new BinlogCoordinates("//mysql-bin.000042", 4)));
        assertEquals(409, e.status());
        assertThrows(ControlException.class,
                () -> ReplicationControlService.reattached(new BinlogCoordinates("//f:x", 4)));
    }

    @Test
    void theNextGtidFollowsTheLastOneOfTheSourceTheReplicaExecuted() {
        String src = "3E11FA47-71CA-11E1-9E33-C80AA9429562";
        String other = "4e11fa47-71ca-11e1-9e33-c80aa9429562";
        assertEquals(src.toLowerCase() + ":24", ReplicationControlService.nextGtid(src,
                src + ":1-20:22-23," + other + ":1-99"));
        assertEquals(src.toLowerCase() + ":6", ReplicationControlService.nextGtid(src, src.toLowerCase() + ":5"));
        assertEquals(src.toLowerCase() + ":1", ReplicationControlService.nextGtid(src, other + ":1-3"));
        assertEquals(409, assertThrows(ControlException.class,
                () -> ReplicationControlService.nextGtid("", src + ":1")).status());
        assertEquals(409, assertThrows(ControlException.class,
                () -> ReplicationControlService.nextGtid(src, "garbage:x-y")).status());
    }

    @Test
    void restartStatementsWrapTheQueryInTheThreadsThatRun() {
        assertEquals(List.of("stop slave io_thread;", "stop slave sql_thread;", "set global x=1;",
                "start slave sql_thread;", "start slave io_thread;"),
                ReplicationControl.restartPreserving(true, true, "set global x=1"));
        assertEquals(List.of("stop slave sql_thread;", "set global x=1;", "start slave sql_thread;"),
                ReplicationControl.restartPreserving(false, true, "set global x=1;"));
        assertEquals(List.of(), ReplicationControl.restartPreserving(false, false, null));
    }

    @Test
    void binaryLogNamesAreFileNamesOnly() {
        assertTrue(InstanceControlService.LOG_FILE.matcher("mysql-bin.000042").matches());
        assertTrue(InstanceControlService.LOG_FILE.matcher("mariadb-bin.000001").matches());
        for (String bad : List.of("", "../etc/passwd", "a'b", "a b", ".hidden", "x".repeat(256), "a;DROP")) {
            assertFalse(InstanceControlService.LOG_FILE.matcher(bad).matches(), bad);
        }
    }

    @Test
    void errantSetsExplodeIntoSingleGtidsWithinALimit() {
        String u = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
        assertEquals(List.of(u + ":1", u + ":2", u + ":3", u + ":7"), ErrantGtidService.explode(u + ":1-3:7"));
        assertEquals(409, assertThrows(ControlException.class,
                () -> ErrantGtidService.explode(u + ":1-20000000000")).status());
    }
}
