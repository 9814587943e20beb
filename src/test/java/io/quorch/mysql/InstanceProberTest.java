package io.quorch.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

class InstanceProberTest {

    @Test
    void aKeptConnectionClosedUnderTheProbeIsRetriedOnANewOne() {
        SQLException lost = new SQLException("Communications link failure", "08S01",
                new EOFException("Can not read response from server. Expected to read 4 bytes, read 0 bytes"));
        assertTrue(InstanceProber.closedUnder(lost));
        assertTrue(InstanceProber.closedUnder(new SQLException("No operations allowed after connection closed.", "08003")));
    }

    @Test
    void aServerThatStoppedAnsweringOrRefusedTheQueryIsNotRetried() {
        SQLException timedOut = new SQLException("Communications link failure", "08S01",
                new RuntimeException("wrapped", new SocketTimeoutException("Read timed out")));
        assertFalse(InstanceProber.closedUnder(timedOut), "a hung server would cost two read timeouts");
        assertFalse(InstanceProber.closedUnder(new SQLException("Access denied", "28000")));
        assertFalse(InstanceProber.closedUnder(new SQLException("no state")));
    }

    @Test
    void theFailureIsDescribedByItsRootCauseFirstLine() {
        SQLException lost = new SQLException("Communications link failure\n\nThe last packet...", "08S01",
                new EOFException("Can not read response from server.\nmore"));
        assertEquals("Can not read response from server.", InstanceProber.describe(lost));
    }
}
