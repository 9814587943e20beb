package io.quorch.mysql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quorch.config.MySqlAccessConfig;
import io.quorch.config.Reloadable;
import io.quorch.config.ReloadableSettings;
import io.quorch.domain.BinlogCoordinates;
import io.quorch.domain.Flavor;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.ServerState;
import io.quorch.security.Redactor;

/**
 * Every change quorch makes to a managed server: replication threads, CHANGE MASTER, read_only,
 * promotion. One short connection per operation; failures become {@link CommandException}.
 */
@ApplicationScoped
public class ReplicationCommander implements ReplicaCommands {

    private static final int COMMAND_READ_TIMEOUT_MILLIS = 30_000;
    static final String NO_BACKSLASH_ESCAPES = "SET SESSION sql_mode = IF(@@SESSION.sql_mode = '',"
            + " 'NO_BACKSLASH_ESCAPES', CONCAT(@@SESSION.sql_mode, ',NO_BACKSLASH_ESCAPES'))";

    private static final Logger LOG = Logger.getLogger(ReplicationCommander.class);
    /** Longest replication user name accepted from ReplicationCredentialsQuery (MariaDB allows 80). */
    static final int MAX_USER = 80;

    private final MySqlConnector connector;
    private final MySqlAccessConfig config;
    private final ReloadableSettings settings;

    @Inject
    public ReplicationCommander(MySqlConnector connector, MySqlAccessConfig config, ReloadableSettings settings) {
        this.connector = connector;
        this.config = config;
        this.settings = settings;
    }

    /** Without reloadable settings: no ReplicationCredentialsQuery. */
    public ReplicationCommander(MySqlConnector connector, MySqlAccessConfig config) {
        this(connector, config, new ReloadableSettings(Reloadable.DEFAULTS));
    }

    /** Which statements a server takes: from its last probe. */
    public record Target(InstanceKey key, Flavor flavor, String version) {
        public static Target of(InstanceKey key, ServerState state) {
            return new Target(key, state.flavor(), state.version());
        }

        ServerDialect dialect() {
            return ServerDialect.of(flavor, version);
        }

        boolean replicaTerms() {
            return dialect().replicationStatusSql().contains("REPLICA");
        }
    }

    public void stopReplication(Target t) {
        exec(t, t.replicaTerms() ? "STOP REPLICA" : "STOP SLAVE");
    }

    public void stopIoThread(Target t) {
        exec(t, t.replicaTerms() ? "STOP REPLICA IO_THREAD" : "STOP SLAVE IO_THREAD");
    }

    public void startReplication(Target t) {
        exec(t, t.replicaTerms() ? "START REPLICA" : "START SLAVE");
    }

    /**
     * Sets read_only, for recoveries and takeovers. With UseSuperReadOnly, turning it on sets
     * super_read_only (which implies read_only) on servers that have it (not MariaDB); turning
     * read_only off clears both.
     */
    public void setReadOnly(Target t, boolean readOnly) {
        exec(t, readOnlySql(t, readOnly, config.useSuperReadOnly()));
    }

    static String readOnlySql(Target t, boolean readOnly, boolean useSuperReadOnly) {
        if (readOnly && useSuperReadOnly && t.flavor() != Flavor.MARIADB) {
            return "SET GLOBAL super_read_only = 1";
        }
        return "SET GLOBAL read_only = " + (readOnly ? "1" : "0");
    }

    /** Forgets the server's replication configuration: it is a primary now. */
    public void resetReplicaAll(Target t) {
        exec(t, t.replicaTerms() ? "STOP REPLICA" : "STOP SLAVE");
        exec(t, t.replicaTerms() ? "RESET REPLICA ALL" : "RESET SLAVE ALL");
    }

    /**
     * Points the server at a new primary by GTID (MariaDB slave_pos or MySQL auto-position),
     * keeping its replication credentials, or setting MySQLReplicaUser/Password when configured
     * and withCredentials is true. Replication must be stopped. A failure's message shows the
     * statement with the password replaced.
     */
    public void changeMaster(Target t, InstanceKey master, boolean withCredentials) {
        Credentials c = withCredentials ? credentialsFor(master) : null;
        exec(t, changeMasterSql(t, master, c, false), changeMasterSql(t, master, c, true),
                c == null ? null : c.password());
    }

    /** A replication user and password; the password is never shown. */
    record Credentials(String user, String password) {
        @Override
        public String toString() {
            return "Credentials[" + user + "]";
        }
    }

    /**
     * The credentials a server pointed at master gets: ReplicationCredentialsQuery's first two columns,
     * run on master, when configured and usable; else MySQLReplicaUser/Password; else none (the server
     * keeps its own). What the query returns is never logged.
     */
    Credentials credentialsFor(InstanceKey master) {
        var query = settings.get().replicationCredentialsQuery();
        if (query.isPresent()) {
            try (Connection c = connector.connect(master, COMMAND_READ_TIMEOUT_MILLIS);
                    Statement st = statement(c);
                    ResultSet rs = st.executeQuery(query.get())) {
                Credentials found = rs.next() && rs.getMetaData().getColumnCount() >= 2
                        ? new Credentials(rs.getString(1), rs.getString(2)) : null;
                if (found != null && usableUser(found.user())) {
                    return new Credentials(found.user(), found.password() == null ? "" : found.password());
                }
                LOG.warnf("ReplicationCredentialsQuery on %s gave no usable user and password (two columns, a user"
                        + " name of 1 to %d printable characters)%s", master, MAX_USER, fallback());
            } catch (SQLException e) {
                LOG.warnf("ReplicationCredentialsQuery on %s failed: %s%s", master,
                        Redactor.redact(InstanceProber.describe(e), secrets()), fallback());
            }
        }
        return config.replicationUser().map(u -> new Credentials(u, config.replicationPassword().orElse("")))
                .orElse(null);
    }

    private String fallback() {
        return config.replicationUser().isPresent() ? "; using MySQLReplicaUser" : "; the server keeps its own";
    }

    static boolean usableUser(String user) {
        return user != null && !user.isEmpty() && user.length() <= MAX_USER
                && user.chars().noneMatch(ch -> ch < 0x20 || ch == 0x7f);
    }

    public void detachMasterHost(Target t, InstanceKey master) {
        exec(t, t.replicaTerms() ? "STOP REPLICA" : "STOP SLAVE");
        exec(t, detachSql(t, master));
    }

    String detachSql(Target t, InstanceKey master) {
        String host = master.hostname().startsWith("//") ? master.hostname() : "//" + master.hostname();
        return t.flavor() != Flavor.MARIADB && ServerDialect.atLeast(ServerDialect.numbers(t.version()), 8, 0, 23)
                ? "CHANGE REPLICATION SOURCE TO SOURCE_HOST = " + literal(host)
                : "CHANGE MASTER TO MASTER_HOST = " + literal(host);
    }

    String changeMasterSql(Target t, InstanceKey master, boolean withCredentials, boolean shown) {
        return changeMasterSql(t, master, withCredentials ? credentialsFor(master) : null, shown);
    }

    private String changeMasterSql(Target t, InstanceKey master, Credentials withCredentials, boolean shown) {
        StringBuilder sql = new StringBuilder();
        if (t.flavor() == Flavor.MARIADB) {
            sql.append("CHANGE MASTER TO MASTER_HOST = ").append(literal(master.hostname())).append(", MASTER_PORT = ")
                    .append(master.port()).append(", MASTER_USE_GTID = slave_pos, MASTER_CONNECT_RETRY = 1")
                    .append(credentials("MASTER", withCredentials, shown));
        } else if (ServerDialect.atLeast(ServerDialect.numbers(t.version()), 8, 0, 23)) {
            sql.append("CHANGE REPLICATION SOURCE TO SOURCE_HOST = ").append(literal(master.hostname()))
                    .append(", SOURCE_PORT = ").append(master.port()).append(", SOURCE_AUTO_POSITION = 1")
                    .append(", SOURCE_CONNECT_RETRY = 1").append(credentials("SOURCE", withCredentials, shown));
        } else {
            sql.append("CHANGE MASTER TO MASTER_HOST = ").append(literal(master.hostname())).append(", MASTER_PORT = ")
                    .append(master.port()).append(", MASTER_AUTO_POSITION = 1, MASTER_CONNECT_RETRY = 1")
                    .append(credentials("MASTER", withCredentials, shown));
        }
        return sql.toString();
    }

    private static String credentials(String prefix, Credentials c, boolean shown) {
        if (c == null) {
            return "";
        }
        return ", " + prefix + "_USER = " + literal(c.user()) + ", " + prefix + "_PASSWORD = "
                + (shown ? "'" + Redactor.MASK + "'" : literal(c.password()));
    }

    /**
     * Points the replica at a source by binlog coordinates (no GTID: MariaDB MASTER_USE_GTID=no, MySQL
     * auto-position off). Credentials and MASTER_SSL* settings are not named, so they stay as they are, unless
     * withCredentials asks for MySQLReplicaUser/Password (for a server that never replicated). Replication
     * must be stopped.
     */
    public void changeMasterToCoordinates(Target t, InstanceKey master, BinlogCoordinates at, boolean withCredentials) {
        Credentials c = withCredentials ? credentialsFor(master) : null;
        exec(t, coordinatesSql(t, master, at, c, false), coordinatesSql(t, master, at, c, true),
                c == null ? null : c.password());
    }

    String coordinatesSql(Target t, InstanceKey master, BinlogCoordinates at, boolean withCredentials, boolean shown) {
        return coordinatesSql(t, master, at, withCredentials ? credentialsFor(master) : null, shown);
    }

    private String coordinatesSql(Target t, InstanceKey master, BinlogCoordinates at, Credentials withCredentials,
            boolean shown) {
        String p = sourceTerms(t) ? "SOURCE" : "MASTER";
        StringBuilder sql = new StringBuilder(sourceTerms(t) ? "CHANGE REPLICATION SOURCE TO " : "CHANGE MASTER TO ");
        sql.append(p).append("_HOST = ").append(literal(master.hostname())).append(", ").append(p).append("_PORT = ")
                .append(master.port()).append(", ").append(p).append("_LOG_FILE = ").append(literal(at.logFile()))
                .append(", ").append(p).append("_LOG_POS = ").append(at.logPos());
        sql.append(t.flavor() == Flavor.MARIADB ? ", MASTER_USE_GTID = no" : ", " + p + "_AUTO_POSITION = 0");
        return sql.append(credentials(p, withCredentials, shown)).toString();
    }

    /**
     * START SLAVE UNTIL the given position in the source's binary logs, waits for the SQL thread to get there,
     * then stops replication. Returns whether it stopped exactly there (false on timeout or overshoot).
     */
    public boolean startReplicationUntil(Target t, BinlogCoordinates at, Duration timeout) {
        String p = t.replicaTerms() ? "SOURCE" : "MASTER";
        exec(t, (t.replicaTerms() ? "START REPLICA" : "START SLAVE") + " UNTIL " + p + "_LOG_FILE = "
                + literal(at.logFile()) + ", " + p + "_LOG_POS = " + at.logPos());
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                ReplicaSettings s = replicaSettings(t);
                if (s == null) {
                    return false;
                }
                int cmp = s.exec().compareTo(at);
                if (cmp >= 0) {
                    return cmp == 0;
                }
                if (!s.sqlRunning() || System.nanoTime() > deadline) {
                    return false;
                }
                sleep(20);
            }
        } finally {
            stopReplication(t);
        }
    }

    /** How the server replicates now (null when it is not a replica): source, position, user, TLS settings. */
    public ReplicaSettings replicaSettings(Target t) {
        String gtidSql = t.flavor() == Flavor.MARIADB ? "SELECT @@global.gtid_slave_pos" : "SELECT @@global.gtid_executed";
        try (Connection c = connector.connect(t.key(), COMMAND_READ_TIMEOUT_MILLIS);
                Statement st = statement(c)) {
            StatusRow row;
            try (ResultSet rs = st.executeQuery(t.dialect().replicationStatusSql())) {
                if (!rs.next()) {
                    return null;
                }
                row = StatusRow.of(rs);
            }
            try (ResultSet rs = st.executeQuery(gtidSql)) {
                return ReplicaSettings.of(row, rs.next() ? rs.getString(1) : "");
            }
        } catch (SQLException e) {
            throw failure(t, "reading replication status", e);
        }
    }

    /** The server's own binary log position (SHOW MASTER STATUS); NONE without binary logs. */
    public BinlogCoordinates binlogPosition(Target t) {
        try (Connection c = connector.connect(t.key(), COMMAND_READ_TIMEOUT_MILLIS);
                Statement st = statement(c);
                ResultSet rs = st.executeQuery(t.dialect().binlogStatusSql())) {
            return rs.next() ? new BinlogCoordinates(rs.getString(1), rs.getLong(2)) : BinlogCoordinates.NONE;
        } catch (SQLException e) {
            throw failure(t, t.dialect().binlogStatusSql(), e);
        }
    }

    /** Sets the MASTER_SSL* options back to what they were (a move found them changed). Replication must be stopped. */
    public void restoreTls(Target t, ReplicaSettings before) {
        if (before == null || before.ssl().isEmpty()) {
            return;
        }
        String p = sourceTerms(t) ? "SOURCE" : "MASTER";
        StringBuilder sql = new StringBuilder(sourceTerms(t) ? "CHANGE REPLICATION SOURCE TO " : "CHANGE MASTER TO ");
        boolean first = true;
        for (var e : before.ssl().entrySet()) {
            String option = p + e.getKey().substring("MASTER".length());
            boolean flag = e.getKey().equals("MASTER_SSL") || e.getKey().equals("MASTER_SSL_VERIFY_SERVER_CERT");
            sql.append(first ? "" : ", ").append(option).append(" = ").append(flag ? e.getValue() : literal(e.getValue()));
            first = false;
        }
        exec(t, sql.toString());
    }

    /** MySQL 8.0.23 and later: CHANGE REPLICATION SOURCE with SOURCE_* options. */
    private static boolean sourceTerms(Target t) {
        return t.flavor() != Flavor.MARIADB && ServerDialect.atLeast(ServerDialect.numbers(t.version()), 8, 0, 23);
    }

    /** The server's own executed GTID position: MariaDB gtid_binlog_pos, MySQL gtid_executed. */
    public String gtidPosition(Target t) {
        String sql = t.flavor() == Flavor.MARIADB ? "SELECT @@global.gtid_binlog_pos" : "SELECT @@global.gtid_executed";
        return query(t, sql);
    }

    /** Waits until the server has applied the GTID position; false on timeout. */
    public boolean waitForGtid(Target t, String position, Duration timeout) {
        if (position == null || position.isBlank()) {
            return true;
        }
        double seconds = Math.max(0.001, timeout.toMillis() / 1000.0);
        String sql = t.flavor() == Flavor.MARIADB
                ? "SELECT MASTER_GTID_WAIT(" + literal(position) + ", " + seconds + ")"
                : "SELECT WAIT_FOR_EXECUTED_GTID_SET(" + literal(position) + ", " + seconds + ")";
        return "0".equals(query(t, sql));
    }

    /** Waits until the SQL thread has applied everything the IO thread received; false on timeout. */
    public boolean waitRelayLogApplied(Target t, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Connection c = connector.connect(t.key(), COMMAND_READ_TIMEOUT_MILLIS);
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery(t.dialect().replicationStatusSql())) {
                if (!rs.next()) {
                    return true;
                }
                StatusRow row = StatusRow.of(rs);
                boolean applied = row.string("Master_Log_File").equals(row.string("Relay_Master_Log_File"))
                        && row.longValue("Read_Master_Log_Pos") == row.longValue("Exec_Master_Log_Pos");
                if (applied || !row.yes("Slave_SQL_Running")) {
                    return applied;
                }
            } catch (SQLException e) {
                throw new CommandException(t.key(), "reading replication status", e);
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep(20);
        }
    }

    private void exec(Target t, String sql) {
        exec(t, sql, sql, null);
    }

    /**
     * Runs sql; a failure is reported with shown (the statement as it may be read) and a redacted
     * cause, from which secret (a password not configured here, or null) is removed too.
     */
    private void exec(Target t, String sql, String shown, String secret) {
        try (Connection c = connector.connect(t.key(), COMMAND_READ_TIMEOUT_MILLIS);
                Statement st = statement(c)) {
            st.execute(sql);
        } catch (SQLException e) {
            CommandException failure = failure(t, shown, e);
            if (secret == null || secret.isEmpty()) {
                throw failure;
            }
            SQLException cause = (SQLException) failure.getCause();
            throw new CommandException(t.key(), shown, new SQLException(Redactor.redact(cause.getMessage(),
                    List.of(secret)), cause.getSQLState(), cause.getErrorCode()));
        }
    }

    private String query(Target t, String sql) {
        try (Connection c = connector.connect(t.key(), COMMAND_READ_TIMEOUT_MILLIS);
                Statement st = statement(c);
                ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? String.valueOf(rs.getString(1)) : "";
        } catch (SQLException e) {
            throw failure(t, sql, e);
        }
    }

    /**
     * A statement on a session where a backslash in a string literal is an ordinary character
     * (NO_BACKSLASH_ESCAPES added to the session's sql_mode), so {@link #literal} is right whatever
     * the server's sql_mode is; the driver's own escape processing is off.
     */
    private static Statement statement(Connection c) throws SQLException {
        Statement st = c.createStatement();
        try {
            st.setEscapeProcessing(false);
            st.execute(NO_BACKSLASH_ESCAPES);
            return st;
        } catch (SQLException e) {
            st.close();
            throw e;
        }
    }

    /** The driver's message may quote the statement: it leaves with every configured secret replaced. */
    private CommandException failure(Target t, String shown, SQLException e) {
        String message = Redactor.redact(InstanceProber.describe(e), secrets());
        SQLException clean = new SQLException(message, e.getSQLState(), e.getErrorCode());
        return new CommandException(t.key(), shown, clean);
    }

    private List<String> secrets() {
        List<String> s = new ArrayList<>(2);
        config.replicationPassword().ifPresent(s::add);
        config.password().ifPresent(s::add);
        return s;
    }

    /** A SQL string literal, given NO_BACKSLASH_ESCAPES: the text in single quotes, each quote doubled. */
    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
