package io.quorch.mysql;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quorch.config.MySqlAccessConfig;
import io.quorch.domain.Flavor;
import io.quorch.mysql.ReplicationCommander.Target;

/**
 * Server-wide statements an operator asks for: read_only, binary logs, killing a query, semi-sync
 * switches, and the GTID repairs for errant transactions. One short session per call; failures
 * are {@link CommandException}s with secrets replaced.
 */
@ApplicationScoped
public class InstanceControl {

    private static final Logger LOG = Logger.getLogger(InstanceControl.class);

    private final ServerSession session;

    public InstanceControl(MySqlConnector connector, MySqlAccessConfig config) {
        this.session = new ServerSession(connector, config);
    }

    /**
     * read_only, and with superReadOnly also super_read_only where the server has it (MySQL and
     * Percona; a server without it is told read_only only, as orchestrator does on a best effort).
     */
    public void setReadOnly(Target t, boolean readOnly, boolean superReadOnly) {
        boolean withSuper = superReadOnly && t.flavor() != Flavor.MARIADB;
        String value = readOnly ? "1" : "0";
        if (withSuper && !readOnly) {
            superReadOnly(t, value);
        }
        session.exec(t.key(), "SET GLOBAL read_only = " + value);
        if (withSuper && readOnly) {
            superReadOnly(t, value);
        }
    }

    private void superReadOnly(Target t, String value) {
        try {
            session.exec(t.key(), "SET GLOBAL super_read_only = " + value);
        } catch (CommandException e) {
            LOG.warnf("%s: super_read_only not set: %s", t.key(), e.getMessage());
        }
    }

    public void flushBinaryLogs(Target t) {
        session.exec(t.key(), "FLUSH BINARY LOGS");
    }

    public void purgeBinaryLogsTo(Target t, String logFile) {
        session.exec(t.key(), "PURGE BINARY LOGS TO " + ServerSession.literal(logFile));
    }

    /** The server's binary logs, oldest first (SHOW BINARY LOGS). */
    public List<String> binaryLogs(Target t) {
        return session.column(t.key(), "SHOW BINARY LOGS");
    }

    public void killQuery(Target t, long processId) {
        session.exec(t.key(), "KILL QUERY " + processId);
    }

    /**
     * rpl_semi_sync_master_enabled, or with replica rpl_semi_sync_slave_enabled; on MySQL 8.0.26+
     * the source/replica plugin's names first, the older plugin's when the server has only those.
     */
    public void setSemiSync(Target t, boolean replica, boolean enabled) {
        String value = enabled ? "1" : "0";
        String old = replica ? "rpl_semi_sync_slave_enabled" : "rpl_semi_sync_master_enabled";
        if (t.flavor() != Flavor.MARIADB && ServerDialect.atLeast(ServerDialect.numbers(t.version()), 8, 0, 26)) {
            String current = replica ? "rpl_semi_sync_replica_enabled" : "rpl_semi_sync_source_enabled";
            try {
                session.exec(t.key(), "SET GLOBAL " + current + " = " + value);
                return;
            } catch (CommandException e) {
                LOG.debugf("%s: %s not known, trying %s: %s", t.key(), current, old, e.getMessage());
            }
        }
        session.exec(t.key(), "SET GLOBAL " + old + " = " + value);
    }

    /** GTID_SUBTRACT(set, subset), computed by the (MySQL) server itself. */
    public String gtidSubtract(Target t, String set, String subset) {
        return session.value(t.key(), "SELECT GTID_SUBTRACT(" + ServerSession.literal(set) + ", "
                + ServerSession.literal(subset) + ")");
    }

    /** The Previous_gtids event of a binary log: the GTIDs executed before it began (MySQL); "" when none. */
    public String previousGtids(Target t, String binlog) {
        for (java.util.Map<String, String> row : session.rows(t.key(), "SHOW BINLOG EVENTS IN "
                + ServerSession.literal(binlog) + " LIMIT 2")) {
            if ("Previous_gtids".equalsIgnoreCase(row.get("Event_type"))) {
                return row.getOrDefault("Info", "").replace("\n", "").strip();
            }
        }
        return "";
    }

    /**
     * RESET MASTER, then gtid_purged set to what the server had executed, so replicas can still
     * attach without asking for the transactions it no longer has (MySQL).
     */
    public void resetMasterKeepingGtidPurged(Target t, String gtidPurged) {
        session.exec(t.key(), "RESET MASTER", "SET GLOBAL gtid_purged = " + ServerSession.literal(gtidPurged));
    }

    public String executedGtidSet(Target t) {
        return session.value(t.key(), "SELECT @@global.gtid_executed");
    }
}
