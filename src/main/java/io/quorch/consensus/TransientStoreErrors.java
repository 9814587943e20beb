package io.quorch.consensus;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Tells a backend error worth retrying (the write may well work in a moment) from one that will
 * fail again however often it is tried. Transient: SQLite busy or locked; MySQL lock wait timeout,
 * deadlock, a lost or refused connection (SQLState class 08), a pool that had no connection to
 * give. Everything else (a constraint, a value too long, a read-only file) is real.
 */
public final class TransientStoreErrors {

    private static final int MYSQL_LOCK_WAIT_TIMEOUT = 1205;
    private static final int MYSQL_DEADLOCK = 1213;
    private static final int MYSQL_SERVER_GONE = 2006;
    private static final int MYSQL_LOST_CONNECTION = 2013;
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;

    private TransientStoreErrors() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException s && isTransient(s)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static boolean isTransient(SQLException s) {
        String state = s.getSQLState();
        if (state != null && (state.startsWith("08") || state.equals("40001") || state.equals("HYT00"))) {
            return true;
        }
        int code = s.getErrorCode();
        if (code == MYSQL_LOCK_WAIT_TIMEOUT || code == MYSQL_DEADLOCK || code == MYSQL_SERVER_GONE
                || code == MYSQL_LOST_CONNECTION) {
            return true;
        }
        // SQLite's primary result codes sit in the low byte of its extended ones (SQLITE_BUSY_SNAPSHOT is 517)
        if (code > 0 && code < 1000 && ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)) {
            return true;
        }
        String message = s.getMessage();
        return message != null && message.contains("acquisition timeout");
    }
}
