package io.quorch.mysql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.quorch.config.MySqlAccessConfig;
import io.quorch.domain.Flavor;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.ServerState;

/**
 * Every change quorch makes to a managed server: replication threads, CHANGE MASTER, read_only,
 * promotion. One short connection per operation; failures become {@link CommandException}.
 */
@ApplicationScoped
public class ReplicationCommander implements ReplicaCommands {

    private static final int COMMAND_READ_TIMEOUT_MILLIS = 30_000;

    private final MySqlConnector connector;
    private final MySqlAccessConfig config;

    public ReplicationCommander(MySqlConnector connector, MySqlAccessConfig config) {
        this.connector = connector;
        this.config = config;
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

    public void setReadOnly(Target t, boolean readOnly) {
        exec(t, "SET GLOBAL read_only = " + (readOnly ? "1" : "0"));
    }

    /** Forgets the server's replication configuration: it is a primary now. */
    public void resetReplicaAll(Target t) {
        exec(t, t.replicaTerms() ? "STOP REPLICA" : "STOP SLAVE");
        exec(t, t.replicaTerms() ? "RESET REPLICA ALL" : "RESET SLAVE ALL");
    }

    /**
     * Points the server at a new primary by GTID (MariaDB slave_pos or MySQL auto-position),
     * keeping its replication credentials, or setting MySQLReplicaUser/Password when configured
     * and withCredentials is true. Replication must be stopped.
     */
    public void changeMaster(Target t, InstanceKey master, boolean withCredentials) {
        StringBuilder sql = new StringBuilder();
        if (t.flavor() == Flavor.MARIADB) {
            sql.append("CHANGE MASTER TO MASTER_HOST = '").append(quote(master.hostname())).append("', MASTER_PORT = ")
                    .append(master.port()).append(", MASTER_USE_GTID = slave_pos, MASTER_CONNECT_RETRY = 1")
                    .append(credentials("MASTER", withCredentials));
        } else if (ServerDialect.atLeast(ServerDialect.numbers(t.version()), 8, 0, 23)) {
            sql.append("CHANGE REPLICATION SOURCE TO SOURCE_HOST = '").append(quote(master.hostname()))
                    .append("', SOURCE_PORT = ").append(master.port()).append(", SOURCE_AUTO_POSITION = 1")
                    .append(", SOURCE_CONNECT_RETRY = 1").append(credentials("SOURCE", withCredentials));
        } else {
            sql.append("CHANGE MASTER TO MASTER_HOST = '").append(quote(master.hostname())).append("', MASTER_PORT = ")
                    .append(master.port()).append(", MASTER_AUTO_POSITION = 1, MASTER_CONNECT_RETRY = 1")
                    .append(credentials("MASTER", withCredentials));
        }
        exec(t, sql.toString());
    }

    private String credentials(String prefix, boolean wanted) {
        if (!wanted || config.replicationUser().isEmpty()) {
            return "";
        }
        return ", " + prefix + "_USER = '" + quote(config.replicationUser().get()) + "', " + prefix + "_PASSWORD = '"
                + quote(config.replicationPassword().orElse("")) + "'";
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
                ? "SELECT MASTER_GTID_WAIT('" + quote(position) + "', " + seconds + ")"
                : "SELECT WAIT_FOR_EXECUTED_GTID_SET('" + quote(position) + "', " + seconds + ")";
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
        try (Connection c = connector.connect(t.key(), COMMAND_READ_TIMEOUT_MILLIS);
                Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new CommandException(t.key(), sql, e);
        }
    }

    private String query(Target t, String sql) {
        try (Connection c = connector.connect(t.key(), COMMAND_READ_TIMEOUT_MILLIS);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? String.valueOf(rs.getString(1)) : "";
        } catch (SQLException e) {
            throw new CommandException(t.key(), sql, e);
        }
    }

    static String quote(String s) {
        return s.replace("\\", "\\\\").replace("'", "\\'");
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
