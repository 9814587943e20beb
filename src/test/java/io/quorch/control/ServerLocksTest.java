package io.quorch.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quorch.domain.InstanceKey;

/** One operator change per server at a time, whether it is a move or a replication control. */
class ServerLocksTest {

    static final InstanceKey A = new InstanceKey("db-a", 3306);
    static final InstanceKey B = new InstanceKey("db-b", 3306);
    static final InstanceKey C = new InstanceKey("db-c", 3306);

    @Test
    void aServerHeldByOneChangeRefusesAnotherUntilReleased() {
        ServerLocks locks = new ServerLocks();
        assertNull(locks.holdAll(List.of(A, B, A)));
        assertEquals(B, locks.holdAll(List.of(C, B)));
        // the refused change held nothing: C is still free
        assertNull(locks.holdAll(List.of(C)));
        locks.releaseAll(List.of(A, B));
        assertNull(locks.holdAll(List.of(B)));
    }
}
