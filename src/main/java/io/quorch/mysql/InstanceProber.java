package io.quorch.mysql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quorch.config.DiscoveryConfig;
import io.quorch.domain.BinlogCoordinates;
import io.quorch.domain.Flavor;
import io.quorch.domain.GtidState;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.ReplicationStatus;
import io.quorch.domain.SemiSyncStatus;
import io.quorch.domain.ServerState;

/**
 * Reads a managed server's identity, binlog, GTID and replication state. Keeps one connection per
 * server between probes; a failed probe drops it. Callers never probe the same server twice at once.
 */
@ApplicationScoped
public class InstanceProber {

    private static final Logger LOG = Logger.getLogger(InstanceProber.class);

    private static final String IDENTITY = "SELECT @@global.server_id, @@global.version, @@global.version_comment,"
            + " @@global.read_only, @@global.log_bin, @@global.log_slave_updates, @@global.binlog_format,"
            + " @@global.binlog_row_image";
    private static final String SEMI_SYNC_VARIABLES = "SHOW GLOBAL VARIABLES WHERE Variable_name IN ("
            + "'rpl_semi_sync_master_enabled', 'rpl_semi_sync_source_enabled', 'rpl_semi_sync_slave_enabled',"
            + " 'rpl_semi_sync_replica_enabled', 'rpl_semi_sync_master_timeout', 'rpl_semi_sync_source_timeout',"
            + " 'rpl_semi_sync_master_wait_for_slave_count', 'rpl_semi_sync_source_wait_for_replica_count')";
    private static final String STATUS = "SHOW GLOBAL STATUS WHERE Variable_name IN ('Uptime',"
            + " 'Rpl_semi_sync_master_status', 'Rpl_semi_sync_source_status', 'Rpl_semi_sync_slave_status',"
            + " 'Rpl_semi_sync_replica_status', 'Rpl_semi_sync_master_clients', 'Rpl_semi_sync_source_clients')";
    private static final String BINLOG_DUMP_HOSTS = "SELECT DISTINCT SUBSTRING_INDEX(host, ':', 1)"
            + " FROM information_schema.processlist WHERE command IN ('Binlog Dump', 'Binlog Dump GTID')";

    private final MySqlConnector connector;
    private final DiscoveryConfig discovery;
    private final Map<InstanceKey, Connection> connections = new ConcurrentHashMap<>();
    private final Map<InstanceKey, ServerDialect> dialects = new ConcurrentHashMap<>();

    public InstanceProber(MySqlConnector connector, DiscoveryConfig discovery) {
        this.connector = connector;
        this.discovery = discovery;
    }

    /** Probes the server; throws ProbeException when it cannot be reached or read. */
    public ServerState probe(InstanceKey key) {
        long start = System.nanoTime();
        Connection c = null;
        try {
            c = connection(key);
            ServerState state = read(c, key, start);
            return state;
        } catch (SQLException | RuntimeException e) {
            drop(key);
            throw new ProbeException(key, describe(e), e);
        }
    }

    private Connection connection(InstanceKey key) throws SQLException {
        Connection c = connections.get(key);
        if (c != null && !c.isClosed()) {
            return c;
        }
        c = connector.connectForProbes(key);
        connections.put(key, c);
        return c;
    }

    /** Forgets the cached connection of a server (after a failure, or when it is forgotten). */
    public void drop(InstanceKey key) {
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

    /**
     * One round trip: every statement of the probe in one multi-statement batch. The statements
     * depend on the flavor and version, learned once (and again whenever the batch fails).
     */
    private ServerState read(Connection c, InstanceKey key, long start) throws SQLException {
        ServerDialect dialect = dialects.get(key);
        if (dialect == null) {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(IDENTITY)) {
                rs.next();
                dialect = ServerDialect.of(Flavor.of(rs.getString(2), rs.getString(3)), rs.getString(2));
            }
            dialects.put(key, dialect);
        }
        try (Statement st = c.createStatement()) {
            st.execute(String.join("; ", IDENTITY, dialect.gtidSql(), dialect.binlogStatusSql(),
                    dialect.replicationStatusSql(), dialect.replicasSql(), BINLOG_DUMP_HOSTS, SEMI_SYNC_VARIABLES,
                    STATUS));
            Batch batch = new Batch(st);
            ResultSet rs = batch.next();
            rs.next();
            long serverId = rs.getLong(1);
            String version = rs.getString(2);
            String versionComment = rs.getString(3);
            boolean readOnly = rs.getBoolean(4);
            boolean logBin = rs.getBoolean(5);
            boolean logSlaveUpdates = rs.getBoolean(6);
            String binlogFormat = rs.getString(7);
            String rowImage = rs.getString(8);
            Flavor flavor = Flavor.of(version, versionComment);
            if (!ServerDialect.of(flavor, version).equals(dialect)) {
                dialects.remove(key);
                throw new SQLException("server version changed to " + version + ": probing again");
            }
            String uuid = "";
            boolean superReadOnly = false;
            GtidState gtid;
            rs = batch.next();
            rs.next();
            if (dialect.isMariaDb()) {
                gtid = new GtidState("", "", "", nz(rs.getString(1)), nz(rs.getString(2)), nz(rs.getString(3)),
                        rs.getBoolean(4));
            } else {
                uuid = nz(rs.getString(1));
                gtid = new GtidState(nz(rs.getString(2)), oneLine(rs.getString(3)), oneLine(rs.getString(4)), "", "",
                        "", false);
                superReadOnly = rs.getBoolean(5);
            }
            BinlogCoordinates self = BinlogCoordinates.NONE;
            rs = batch.next();
            if (logBin && rs.next()) {
                self = new BinlogCoordinates(rs.getString(1), rs.getLong(2));
            }
            ReplicationStatus replication = null;
            rs = batch.next();
            if (rs.next()) {
                replication = ReplicationStatusParser.parse(StatusRow.of(rs));
            }
            List<StatusRow> hosts = rows(batch.next());
            List<String> dumpHosts = new ArrayList<>();
            rs = batch.next();
            while (rs.next()) {
                dumpHosts.add(rs.getString(1));
            }
            // SHOW SLAVE HOSTS tells servers on one host apart (report_host/report_port); the
            // processlist's binlog dump threads only when it lists nothing
            List<InstanceKey> replicas = hosts.isEmpty() ? ReplicationStatusParser.dumpThreadHosts(key, dumpHosts)
                    : ReplicationStatusParser.replicas(key, hosts);
            Map<String, String> vars = nameValues(batch.next());
            Map<String, String> status = nameValues(batch.next());
            SemiSyncStatus semiSync = semiSync(vars, status);
            long uptime = parseLong(status.get("uptime"));
            String dc = locate(st, key, discovery.dataCenterQuery(), discovery.dataCenterPattern());
            String region = locate(st, key, discovery.regionQuery(), discovery.regionPattern());
            String env = locate(st, key, discovery.physicalEnvironmentQuery(), discovery.physicalEnvironmentPattern());
            String alias = replication == null ? queryFirst(st, key, discovery.clusterAliasQuery()) : "";
            long latency = (System.nanoTime() - start) / 1_000_000;
            return new ServerState(serverId, uuid, version, nz(versionComment), flavor, readOnly, superReadOnly, logBin,
                    logSlaveUpdates, nz(binlogFormat), nz(rowImage), self, replication, gtid, semiSync, replicas, dc,
                    region, env, alias, uptime, latency);
        } catch (SQLException e) {
            dialects.remove(key);
            throw e;
        }
    }

    /** Walks the result sets of a multi-statement batch in order. */
    private static final class Batch {
        private final Statement st;
        private boolean first = true;

        Batch(Statement st) {
            this.st = st;
        }

        ResultSet next() throws SQLException {
            if (!first && !st.getMoreResults()) {
                throw new SQLException("probe batch returned fewer results than statements");
            }
            first = false;
            ResultSet rs = st.getResultSet();
            if (rs == null) {
                throw new SQLException("probe batch statement returned no result set");
            }
            return rs;
        }
    }

    private static List<StatusRow> rows(ResultSet rs) throws SQLException {
        List<StatusRow> rows = new ArrayList<>();
        while (rs.next()) {
            rows.add(StatusRow.of(rs));
        }
        return rows;
    }

    private static Map<String, String> nameValues(ResultSet rs) throws SQLException {
        Map<String, String> m = new HashMap<>();
        while (rs.next()) {
            m.put(rs.getString(1).toLowerCase(java.util.Locale.ROOT).replace("source", "master")
                    .replace("replica", "slave"), rs.getString(2));
        }
        return m;
    }

    static SemiSyncStatus semiSync(Map<String, String> vars, Map<String, String> status) {
        boolean available = vars.containsKey("rpl_semi_sync_master_enabled")
                || vars.containsKey("rpl_semi_sync_slave_enabled");
        return new SemiSyncStatus(available,
                on(vars.get("rpl_semi_sync_master_enabled")),
                on(vars.get("rpl_semi_sync_slave_enabled")),
                on(status.get("rpl_semi_sync_master_status")),
                on(status.get("rpl_semi_sync_slave_status")),
                parseLong(vars.get("rpl_semi_sync_master_timeout")),
                (int) parseLong(vars.get("rpl_semi_sync_master_wait_for_slave_count")),
                (int) parseLong(status.get("rpl_semi_sync_master_clients")));
    }

    /** Data center, region or environment: the configured query's first column, else the pattern's first group. */
    private static String locate(Statement st, InstanceKey key, Optional<String> query, Optional<String> pattern) {
        if (query.isPresent() && !query.get().isBlank()) {
            return queryFirst(st, key, query);
        }
        if (pattern.isPresent() && !pattern.get().isBlank()) {
            Matcher m = Pattern.compile(pattern.get()).matcher(key.hostname());
            if (m.find() && m.groupCount() >= 1 && m.group(1) != null) {
                return m.group(1);
            }
        }
        return "";
    }

    private static String queryFirst(Statement st, InstanceKey key, Optional<String> query) {
        if (query.isEmpty() || query.get().isBlank()) {
            return "";
        }
        try (ResultSet rs = st.executeQuery(query.get())) {
            return rs.next() ? nz(rs.getString(1)) : "";
        } catch (SQLException e) {
            LOG.debugf("query on %s failed: %s: %s", key, query.get(), e.getMessage());
            return "";
        }
    }

    private static boolean on(String v) {
        return v != null && (v.equalsIgnoreCase("ON") || v.equals("1") || v.equalsIgnoreCase("YES"));
    }

    private static long parseLong(String v) {
        if (v == null || v.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace("\n", "").trim();
    }

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
        connections.keySet().forEach(this::drop);
    }
}
