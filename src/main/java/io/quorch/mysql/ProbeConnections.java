package io.quorch.mysql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.quorch.domain.InstanceKey;

/**
 * The connection kept to each probed server between probes, and the statements its flavor and
 * version call for, learned on that connection. Dropping a server forgets both.
 */
final class ProbeConnections {

    private static final Logger LOG = Logger.getLogger(ProbeConnections.class);

    private final MySqlConnector connector;
    private final Map<InstanceKey, Connection> connections = new ConcurrentHashMap<>();
    private final Map<InstanceKey, ServerDialect> dialects = new ConcurrentHashMap<>();

    ProbeConnections(MySqlConnector connector) {
        this.connector = connector;
    }

    /** The connection kept from an earlier probe, or null when there is none or it was closed. */
    Connection kept(InstanceKey key) throws SQLException {
        Connection c = connections.get(key);
        return c != null && !c.isClosed() ? c : null;
    }

    /** A new connection, kept for the probes that follow. */
    Connection open(InstanceKey key) throws SQLException {
        Connection c = connector.connectForProbes(key);
        Connection old = connections.put(key, c);
        if (old != null && old != c) {
            try {
                old.close();
            } catch (SQLException e) {
                LOG.debugf("closing connection to %s: %s", key, e.getMessage());
            }
        }
        return c;
    }

    /** The dialect learned for this server, or null when it must be learned (again). */
    ServerDialect dialect(InstanceKey key) {
        return dialects.get(key);
    }

    void rememberDialect(InstanceKey key, ServerDialect dialect) {
        dialects.put(key, dialect);
    }

    void forgetDialect(InstanceKey key) {
        dialects.remove(key);
    }

    /** Closes and forgets the server's connection and dialect. */
    void drop(InstanceKey key) {
        dialects.remove(key);
        Connection c = connections.remove(key);
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debugf("closing connection to %s: %s", key, e.getMessage());
            }
        }
    }

    void closeAll() {
        connections.keySet().forEach(this::drop);
    }
}
