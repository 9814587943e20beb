package io.quorch.refactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.quorch.control.ServerLocks;
import io.quorch.domain.BinlogCoordinates;
import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.ReplicationStatus;
import io.quorch.testing.FakeLeadership;
import io.quorch.topology.Move;
import io.quorch.topology.TopologyTestData;

class RefactorServiceTest {

    /** A follower that serves a change itself (no leader to forward to) refuses it before planning or probing. */
    @Test
    void aFollowerRefusesBeforeLookingAtAnyServer() {
        FakeLeadership follower = new FakeLeadership();
        follower.leader = false;
        RefactorService service = new RefactorService(null, null, null, null, follower, null, k -> false, new ServerLocks());
        AtomicBoolean planned = new AtomicBoolean();
        RefactorException e = assertThrows(RefactorException.class, () -> service.run("alice", s -> {
            planned.set(true);
            return null;
        }));
        assertEquals(503, e.status());
        assertTrue(e.getMessage().startsWith("not the leader"), e.getMessage());
        assertTrue(!planned.get());
    }

    static InstanceKey k(int port) {
        return TopologyTestData.key(port);
    }

    /** Port 3 as just probed: replicating from master, or connecting to it with the error given. */
    static Optional<Instance> probed(int master, String ioError) {
        ReplicationStatus r = ioError == null ? TopologyTestData.replicating(k(master), 0)
                : new ReplicationStatus(k(master), false, true, "Connecting", "", new BinlogCoordinates("", 4),
                        new BinlogCoordinates("", 4), new BinlogCoordinates("relay-bin.000001", 4), ioError, "", 2003, 0,
                        null, 0, "", 0, false, "Slave_Pos", "", "", false);
        return Optional.of(new Instance(k(3), TopologyTestData.state(r, true, List.of()), "127.0.0.1:1", 2,
                TopologyTestData.NOW, TopologyTestData.NOW, true, 0, ""));
    }

    /** A move whose new source died after the replica was pointed at it is not reported as done. */
    @Test
    void aMovedServerThatCannotReachItsNewSourceIsReportedNotMoved() {
        Move move = new Move.ViaGtid(k(3), k(2));
        assertEquals("127.0.0.1:3 replicates from 127.0.0.1:2 but its IO thread is connecting: error connecting to"
                + " master 'repl@127.0.0.1:2' - Connection refused",
                RefactorService.brokenAfter(move, probed(2, "error connecting to master 'repl@127.0.0.1:2' - Connection refused")));
        assertEquals(null, RefactorService.brokenAfter(move, probed(2, null)), "replicating: moved");
        assertEquals(null, RefactorService.brokenAfter(move, probed(1, "error connecting")),
                "still under its old source: the move's own error says why");
        assertEquals(null, RefactorService.brokenAfter(move, Optional.empty()));
        // make-co-master gives the master (port 3 here) the replica (port 2) as source
        assertEquals(k(3), RefactorService.moved(new Move.MakeCoMaster(k(2), k(3))));
        assertTrue(RefactorService.brokenAfter(new Move.MakeCoMaster(k(2), k(3)), probed(2, "gone")) != null);
    }
}
