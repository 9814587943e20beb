package io.quorch.mysql;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;

import org.junit.jupiter.api.Test;

import com.mysql.cj.jdbc.exceptions.CommunicationsException;

/**
 * A user's query that fails is answered blank, but a server that stops answering in the middle of a
 * probe fails the probe: otherwise a primary killed between two statements is recorded as healthy
 * with an empty region, and a region rule then compares a candidate against "".
 */
class ProbeBatchTest {

    @Test
    void aLostConnectionOrATimeoutFailsTheProbeAQueryErrorDoesNot() {
        assertTrue(ProbeBatch.connectionLost(new CommunicationsException("Communications link failure", null)));
        assertTrue(ProbeBatch.connectionLost(new SQLException("gone", "08S01")));
        assertTrue(ProbeBatch.connectionLost(new SQLTimeoutException("Statement cancelled due to timeout")));
        assertFalse(ProbeBatch.connectionLost(new SQLSyntaxErrorException("You have an error", "42000", 1064)));
        assertFalse(ProbeBatch.connectionLost(new SQLException("Unknown system variable", "HY000", 1193)));
    }
}
