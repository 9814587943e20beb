package io.quorch.mysql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.quorch.config.DiscoveryConfig;
import io.quorch.config.ReloadableSettings;
import io.quorch.domain.BinlogCoordinates;
import io.quorch.domain.DetectedValues;
import io.quorch.domain.Flavor;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.ReplicationStatus;
import io.quorch.domain.SemiSyncStatus;
import io.quorch.domain.ServerState;
import io.quorch.domain.Text;

/**
 * Reads a managed server's identity, binlog, GTID and replication state. Keeps one connection per
 * server between probes ({@link ProbeConnections}); a failed probe drops it. The statements go in
 * one round trip ({@link ProbeBatch}) and {@link ProbeParser} reads their results. Callers never
 * probe the same server twice at once.
 */
@ApplicationScoped
public class InstanceProber {

    private static final Logger LOG = Logger.getLogger(InstanceProber.class);

    private final ProbeConnections connections;
    private final DiscoveryConfig discovery;
    private final ReloadableSettings settings;
    private final DetectedValuesReader detected = new DetectedValuesReader();

    public InstanceProber(MySqlConnector connector, DiscoveryConfig discovery, ReloadableSettings settings) {
        this.connections = new ProbeConnections(connector);
        this.discovery = discovery;
        this.settings = settings;
    }

    /**
     * Probes the server; throws ProbeException when it cannot be reached or read. A kept connection
     * that turns out to have been closed under the probe (the server's wait_timeout, a KILL, a
     * proxy's idle cut) says nothing of the server: the probe is made again at once on a new
     * connection, and only that one's failure counts. A kept connection that timed out is not
     * retried: a hung server would cost two read timeouts.
     */
    public ServerState probe(InstanceKey key) {
        long start = System.nanoTime();
        try {
            Connection kept = connections.kept(key);
            if (kept != null) {
                try {
                    return read(kept, key, start);
                } catch (SQLException e) {
                    if (!closedUnder(e)) {
                        throw e;
                    }
                    LOG.debugf("%s: the kept connection was closed (%s): probing on a new one", key, describe(e));
                    connections.drop(key);
                    start = System.nanoTime();
                }
            }
            return read(connections.open(key), key, start);
        } catch (SQLException | RuntimeException e) {
            drop(key);
            throw new ProbeException(key, describe(e), e);
        }
    }

    /**
     * Whether a failure on a kept connection is that connection found closed (a link failure the
     * driver saw at once), not a server that stopped answering within the read timeout.
     */
    static boolean closedUnder(SQLException e) {
        if (!ProbeBatch.connectionLost(e) || e instanceof java.sql.SQLTimeoutException) {
            return false;
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException) {
                return false;
            }
        }
        return true;
    }

    /** Forgets the cached connection of a server (after a failure, or when it is forgotten). */
    public void drop(InstanceKey key) {
        connections.drop(key);
    }

    /**
     * One round trip: every statement of the probe in one multi-statement batch. The statements
     * depend on the flavor and version, learned once (and again whenever the batch fails).
     */
    private ServerState read(Connection c, InstanceKey key, long start) throws SQLException {
        ServerDialect dialect = dialect(c, key);
        try (ProbeBatch batch = ProbeBatch.send(c, dialect)) {
            ProbeParser.Identity id = ProbeParser.identity(batch.next());
            if (!ServerDialect.of(id.flavor(), id.version()).equals(dialect)) {
                connections.forgetDialect(key);
                throw new SQLException("server version changed to " + id.version() + ": probing again");
            }
            ProbeParser.Gtid gtid = ProbeParser.gtid(batch.next(), dialect);
            BinlogCoordinates self = ProbeParser.binlog(batch.next(), id.logBin());
            ReplicationStatus replication = ProbeParser.replication(batch.next());
            List<StatusRow> slaveHosts = ProbeParser.rows(batch.next());
            List<InstanceKey> dumpHosts = ProbeParser.dumpHosts(batch.next(), key);
            List<InstanceKey> replicas = ProbeParser.replicas(key, slaveHosts, dumpHosts);
            Map<String, String> vars = ProbeParser.nameValues(batch.next());
            Map<String, String> status = ProbeParser.nameValues(batch.next());
            SemiSyncStatus semiSync = ProbeParser.semiSync(vars, status);
            long uptime = ProbeParser.parseLong(status.get("uptime"));
            // what the location and alias queries answer is the server's word: one line, as long as its column
            String dc = Text.line(batch.locate(key, discovery.dataCenterQuery(), discovery.dataCenterPattern()), 64);
            String region = Text.line(batch.locate(key, discovery.regionQuery(), discovery.regionPattern()), 64);
            String env = Text.line(batch.locate(key, discovery.physicalEnvironmentQuery(),
                    discovery.physicalEnvironmentPattern()), 64);
            String alias = replication == null ? Text.line(batch.queryFirst(key, discovery.clusterAliasQuery()), 255)
                    : "";
            DetectedValues answers = detected.read(batch, key, settings.get(), replication != null,
                    discovery.mysqlHostnameResolveMethod());
            long latency = (System.nanoTime() - start) / 1_000_000;
            return new ServerState(id.serverId(), gtid.uuid(), id.version(), ProbeParser.nz(id.versionComment()),
                    id.flavor(), id.readOnly(), gtid.superReadOnly(), id.logBin(), id.logSlaveUpdates(),
                    ProbeParser.nz(id.binlogFormat()), ProbeParser.nz(id.rowImage()), self, replication,
                    gtid.state(), semiSync, replicas, dc, region, env, alias, uptime, latency, answers);
        } catch (SQLException e) {
            connections.forgetDialect(key);
            throw e;
        }
    }

    /** The server's dialect, asked of it once per connection. */
    private ServerDialect dialect(Connection c, InstanceKey key) throws SQLException {
        ServerDialect dialect = connections.dialect(key);
        if (dialect == null) {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(ProbeBatch.IDENTITY)) {
                rs.next();
                dialect = ServerDialect.of(Flavor.of(rs.getString(2), rs.getString(3)),
                        rs.getString(2));
            }
            connections.rememberDialect(key, dialect);
        }
        return dialect;
    }

    /** A failure's first line, from the root cause when the driver only says the link failed. */
    static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && t.getMessage() != null
                && t.getMessage().contains("Communications link failure")) {
            t = t.getCause();
        }
        String m = t.getMessage();
        if (m == null) {
            return t.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl) : m;
    }

    @PreDestroy
    void closeAll() {
        connections.closeAll();
    }
}
