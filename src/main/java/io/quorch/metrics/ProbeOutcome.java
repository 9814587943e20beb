package io.quorch.metrics;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;

/** Names why a probe failed, from the causes of its exception, in one of a few fixed words. */
final class ProbeOutcome {

    private ProbeOutcome() {
    }

    /** "timeout", "unreachable", "access_denied" or "error". */
    static String of(Throwable failure) {
        boolean unreachable = false;
        boolean denied = false;
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof SocketTimeoutException || t instanceof SQLTimeoutException
                    || t instanceof InterruptedIOException) {
                return "timeout";
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException || t.getClass().getSimpleName().equals("CommunicationsException")
                    || t.getClass().getSimpleName().equals("CJCommunicationsException")) {
                unreachable = true;
            }
            if (t instanceof SQLException s && (s.getErrorCode() == 1045 || "28000".equals(s.getSQLState()))) {
                denied = true;
            }
        }
        return denied ? "access_denied" : unreachable ? "unreachable" : "error";
    }
}
