package io.quorch.mysql;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quorch.config.MySqlAccessConfig;
import io.quorch.domain.BinlogCoordinates;
import io.quorch.domain.Flavor;
import io.quorch.mysql.ReplicationCommander.Target;

/**
 * The replication statements an operator asks for on one replica: the threads, RESET, the
 * reversible detaches, skipping a statement, delaying. CHANGE MASTER to another source is
 * {@link ReplicationCommander}'s; here it only rewrites the current source's host, position or
 * delay. Each call is one short session; failures are {@link CommandException}s with secrets
 * replaced.
 */
@ApplicationScoped
public class ReplicationControl {

    private final ServerSession session;

    public ReplicationControl(MySqlConnector connector, MySqlAccessConfig config) {
        this.session = new ServerSession(connector, config);
    }

    public void stop(Target t) {
        session.exec(t.key(), "STOP " + word(t));
    }

    public void start(Target t) {
        session.exec(t.key(), "START " + word(t));
    }

    /** Stops the IO thread and (re)starts the SQL thread: the first half of stopping nicely. */
    public void stopIoKeepApplying(Target t) {
        session.exec(t.key(), "STOP " + word(t) + " IO_THREAD", "START " + word(t) + " SQL_THREAD");
    }

    /** Stops and starts the IO thread, so a changed setting (semi-sync) takes effect. */
    public void restartIoThread(Target t) {
        session.exec(t.key(), "STOP " + word(t) + " IO_THREAD", "START " + word(t) + " IO_THREAD");
    }

    /** Forgets the replica's replication configuration (RESET SLAVE ALL); replication must be stopped. */
    public void reset(Target t) {
        session.exec(t.key(), "RESET " + word(t) + " ALL");
    }

    /**
     * Points the replica at another Master_Host, keeping its port and credentials (detaching and
     * reattaching the master host). Without GTID the executed position travels along, so the
     * replica resumes exactly where it stopped. Replication must be stopped.
     */
    public void changeMasterHost(Target t, String host, BinlogCoordinates keep) {
        String sql = change(t) + " " + option(t, "HOST") + " = " + ServerSession.literal(host);
        if (keep != null) {
            sql += ", " + option(t, "LOG_FILE") + " = " + ServerSession.literal(keep.logFile()) + ", "
                    + option(t, "LOG_POS") + " = " + keep.logPos();
        }
        session.exec(t.key(), sql);
    }

    /** Sets the replica's executed position on its current source; replication must be stopped. */
    public void changeCoordinates(Target t, BinlogCoordinates c) {
        session.exec(t.key(), change(t) + " " + option(t, "LOG_FILE") + " = " + ServerSession.literal(c.logFile())
                + ", " + option(t, "LOG_POS") + " = " + c.logPos());
    }

    /** MASTER_DELAY: the replica applies each transaction this many seconds after its source did. */
    public void setDelay(Target t, long seconds) {
        session.exec(t.key(), change(t) + " " + option(t, "DELAY") + " = " + seconds);
    }

    /** Skips the next event group of the stopped SQL thread (sql_slave_skip_counter). */
    public void skipCounter(Target t) {
        String var = t.replicaTerms() && t.flavor() != Flavor.MARIADB ? "sql_replica_skip_counter"
                : "sql_slave_skip_counter";
        session.exec(t.key(), "SET GLOBAL " + var + " = 1");
    }

    /**
     * Commits an empty transaction under the given GTID (MySQL), so the replica counts it executed
     * and its SQL thread passes over the statement that failed with it.
     */
    public void injectEmptyTransaction(Target t, String gtid) {
        session.exec(t.key(), List.of(ServerSession.Sql.of("SET GTID_NEXT = " + ServerSession.literal(gtid)),
                ServerSession.Sql.of("BEGIN"), ServerSession.Sql.of("COMMIT"),
                ServerSession.Sql.of("SET GTID_NEXT = 'AUTOMATIC'")));
    }

    /**
     * What restart-replica-statements answers: the statements that stop the running threads, run
     * the given statement, and start them again; not run here.
     */
    public static List<String> restartPreserving(boolean ioRunning, boolean sqlRunning, String injected) {
        List<String> out = new ArrayList<>();
        if (ioRunning) {
            out.add("stop slave io_thread;");
        }
        if (sqlRunning) {
            out.add("stop slave sql_thread;");
        }
        if (injected != null && !injected.isBlank()) {
            String s = injected.strip();
            out.add(s.endsWith(";") ? s : s + ";");
        }
        if (sqlRunning) {
            out.add("start slave sql_thread;");
        }
        if (ioRunning) {
            out.add("start slave io_thread;");
        }
        return out;
    }

    /** "REPLICA" or "SLAVE", as the server's version speaks. */
    private static String word(Target t) {
        return t.replicaTerms() ? "REPLICA" : "SLAVE";
    }

    private static boolean sourceTerms(Target t) {
        return t.flavor() != Flavor.MARIADB && ServerDialect.atLeast(ServerDialect.numbers(t.version()), 8, 0, 23);
    }

    private static String change(Target t) {
        return sourceTerms(t) ? "CHANGE REPLICATION SOURCE TO" : "CHANGE MASTER TO";
    }

    private static String option(Target t, String name) {
        return (sourceTerms(t) ? "SOURCE_" : "MASTER_") + name;
    }
}
