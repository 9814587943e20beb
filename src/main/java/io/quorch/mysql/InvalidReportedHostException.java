package io.quorch.mysql;

/**
 * A server reported a host name (Master_Host, report_host, a processlist host) that is not a valid
 * host name or address: it is never connected to, and the message says what was wrong.
 */
public class InvalidReportedHostException extends IllegalArgumentException {

    public InvalidReportedHostException(String message) {
        super(message);
    }
}
