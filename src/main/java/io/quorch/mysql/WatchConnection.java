package io.quorch.mysql;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.SQLException;

import org.jboss.logging.Logger;

import com.mysql.cj.jdbc.ConnectionImpl;
import com.mysql.cj.jdbc.JdbcConnection;
import com.mysql.cj.protocol.SocketConnection;

import io.quorch.domain.InstanceKey;

/**
 * One idle, logged-in connection kept to a server only to learn that the server went away: the
 * moment its process ends the kernel closes the socket (FIN, or RST), and a read waiting on it
 * returns at once. A read parked on a virtual thread costs no platform thread: the JDK waits on
 * its epoll poller, so a thousand watches are a thousand registered sockets, not a thousand threads.
 * <p>
 * It is a real MySQL connection opened by {@link MySqlConnector} (a raw TCP socket would be cut by
 * the server's connect_timeout after a few seconds, count as an aborted connect, and bring a host
 * toward max_connect_errors), so it logs in with the topology credentials and follows the TLS
 * settings like every other connection. Under TLS the read waits on the TLS socket: a close_notify,
 * a FIN or a reset all end it; anything else a server sends to a connection that asked nothing
 * (the error packet before a shutdown or a KILL) also means the connection is ending. A read that
 * times out leaves both a plain and a TLS socket usable. The driver's buffer is empty between two
 * pings (each answer is read whole), so the watch's read never takes bytes the driver waits for.
 * <p>
 * Not thread-safe: one watch uses it from one thread; {@link #close()} may come from any thread.
 */
public final class WatchConnection implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WatchConnection.class);

    private final Connection connection;
    private final JdbcConnection jdbc;
    private final Socket socket;
    private final InputStream in;
    private final int timeoutMillis;

    private WatchConnection(Connection connection, JdbcConnection jdbc, Socket socket, InputStream in,
            int timeoutMillis) {
        this.connection = connection;
        this.jdbc = jdbc;
        this.socket = socket;
        this.in = in;
        this.timeoutMillis = timeoutMillis;
    }

    /** Opens a watch connection; connecting and each ping time out after timeoutMillis. */
    public static WatchConnection open(MySqlConnector connector, InstanceKey key, int timeoutMillis)
            throws SQLException {
        Connection c = connector.connectForWatch(key, timeoutMillis);
        try {
            ConnectionImpl impl = c.unwrap(ConnectionImpl.class);
            SocketConnection sc = impl.getSession().getProtocol().getSocketConnection();
            return new WatchConnection(c, impl, sc.getMysqlSocket(), sc.getMysqlInput(), timeoutMillis);
        } catch (IOException | RuntimeException e) {
            quietly(c);
            throw new SQLException("cannot watch " + key + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits up to waitMillis for the server to end the connection. True when it ended (closed,
     * reset, or the server sent something unasked); false when the connection stayed idle.
     */
    public boolean awaitEnd(int waitMillis) {
        try {
            socket.setSoTimeout(Math.max(1, waitMillis));
            in.read();
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** A ping (COM_PING) on the connection: true when answered within the timeout. */
    public boolean ping() {
        try {
            jdbc.pingInternal(false, timeoutMillis);
            return true;
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("watch ping failed: %s", e.getMessage());
            return false;
        }
    }

    /** Closes the socket first, which wakes a read waiting on it in another thread, then the connection. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing only ends the connection sooner
        }
        quietly(connection);
    }

    private static void quietly(Connection c) {
        try {
            c.close();
        } catch (SQLException | RuntimeException e) {
            // the connection is gone either way
        }
    }
}
