package io.quorch.mysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import io.quorch.domain.InstanceKey;

/**
 * The statements of one probe, sent in one multi-statement round trip, and a walker over their
 * result sets in order; plus the operator's optional queries (data center, region, environment,
 * cluster alias), run one by one on a second statement of the same connection. The batch goes as a
 * client-side prepared statement, which the driver parses once per connection (probe connections
 * cache it): a plain statement's text is scanned again on every execution, which cost a tenth of
 * quorch's CPU at a few thousand servers.
 */
final class ProbeBatch implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ProbeBatch.class);

    static final String IDENTITY = "SELECT @@global.server_id, @@global.version, @@global.version_comment,"
            + " @@global.read_only, @@global.log_bin, @@global.log_slave_updates, @@global.binlog_format,"
            + " @@global.binlog_row_image";
    static final String SEMI_SYNC_VARIABLES = "SHOW GLOBAL VARIABLES WHERE Variable_name IN ("
            + "'rpl_semi_sync_master_enabled', 'rpl_semi_sync_source_enabled', 'rpl_semi_sync_slave_enabled',"
            + " 'rpl_semi_sync_replica_enabled', 'rpl_semi_sync_master_timeout', 'rpl_semi_sync_source_timeout',"
            + " 'rpl_semi_sync_master_wait_for_slave_count', 'rpl_semi_sync_source_wait_for_replica_count')";
    static final String STATUS = "SHOW GLOBAL STATUS WHERE Variable_name IN ('Uptime',"
            + " 'Rpl_semi_sync_master_status', 'Rpl_semi_sync_source_status', 'Rpl_semi_sync_slave_status',"
            + " 'Rpl_semi_sync_replica_status', 'Rpl_semi_sync_master_clients', 'Rpl_semi_sync_source_clients')";
    static final String BINLOG_DUMP_HOSTS = "SELECT DISTINCT SUBSTRING_INDEX(host, ':', 1)"
            + " FROM information_schema.processlist WHERE command IN ('Binlog Dump', 'Binlog Dump GTID')";

    private final PreparedStatement st;
    private Statement queries;
    private boolean first = true;

    private ProbeBatch(PreparedStatement st) {
        this.st = st;
    }

    /** The statements of a probe in the order {@link InstanceProber} reads their results. */
    static String sql(ServerDialect dialect) {
        return String.join("; ", IDENTITY, dialect.gtidSql(), dialect.binlogStatusSql(),
                dialect.replicationStatusSql(), dialect.replicasSql(), BINLOG_DUMP_HOSTS, SEMI_SYNC_VARIABLES,
                STATUS);
    }

    /** Sends the whole batch; the caller walks the results with {@link #next()} and closes it. */
    static ProbeBatch send(Connection c, ServerDialect dialect) throws SQLException {
        PreparedStatement st = c.prepareStatement(sql(dialect));
        try {
            st.execute();
            return new ProbeBatch(st);
        } catch (SQLException | RuntimeException e) {
            st.close();
            throw e;
        }
    }

    /** The next statement's result set. */
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

    /** Data center, region or environment: the configured query's first column, else the pattern's first group. */
    String locate(InstanceKey key, Optional<String> query, Optional<String> pattern) throws SQLException {
        if (query.isPresent() && !query.get().isBlank()) {
            return queryFirst(key, query);
        }
        if (pattern.isPresent() && !pattern.get().isBlank()) {
            Matcher m = Pattern.compile(pattern.get()).matcher(key.hostname());
            if (m.find() && m.groupCount() >= 1 && m.group(1) != null) {
                return m.group(1);
            }
        }
        return "";
    }

    /**
     * The first column of the query's first row; "" when there is no query, no row, or the query itself
     * fails. A lost connection or a timeout fails the whole probe instead: a server that dies between
     * two statements of a probe must not be recorded as answering with blanks (its region, alias ...).
     */
    String queryFirst(InstanceKey key, Optional<String> query) throws SQLException {
        if (query.isEmpty() || query.get().isBlank()) {
            return "";
        }
        if (queries == null) {
            queries = st.getConnection().createStatement();
        }
        try (ResultSet rs = queries.executeQuery(query.get())) {
            return rs.next() ? ProbeParser.nz(rs.getString(1)) : "";
        } catch (SQLException e) {
            if (connectionLost(e)) {
                throw e;
            }
            LOG.debugf("query on %s failed: %s: %s", key, query.get(), e.getMessage());
            return "";
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            if (queries != null) {
                queries.close();
            }
        } finally {
            st.close();
        }
    }

    /** The server stopped answering (the connection broke or the statement timed out), not the query failed. */
    static boolean connectionLost(SQLException e) {
        return e instanceof SQLRecoverableException || e instanceof SQLNonTransientConnectionException
                || e instanceof SQLTimeoutException || (e.getSQLState() != null && e.getSQLState().startsWith("08"));
    }
}
