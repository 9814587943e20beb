package io.quorch.refactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.quorch.testing.FakeLeadership;

class RefactorServiceTest {

    /** A follower that serves a change itself (no leader to forward to) refuses it before planning or probing. */
    @Test
    void aFollowerRefusesBeforeLookingAtAnyServer() {
        FakeLeadership follower = new FakeLeadership();
        follower.leader = false;
        RefactorService service = new RefactorService(null, null, null, null, follower, null, k -> false);
        AtomicBoolean planned = new AtomicBoolean();
        RefactorException e = assertThrows(RefactorException.class, () -> service.run("alice", s -> {
            planned.set(true);
            return null;
        }));
        assertEquals(503, e.status());
        assertTrue(e.getMessage().startsWith("not the leader"), e.getMessage());
        assertTrue(!planned.get());
    }
}
