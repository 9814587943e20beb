package io.quorch.control;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quorch.domain.BinlogCoordinates;
import io.quorch.domain.Flavor;
import io.quorch.domain.GtidSet;
import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.ReplicationStatus;
import io.quorch.mysql.ReplicationCommander;
import io.quorch.mysql.ReplicationCommander.Target;
import io.quorch.mysql.ReplicationControl;

/**
 * Replication control on one replica, with orchestrator's rules and refusals: start, stop (also
 * nicely), restart, reset, the reversible detaches of its position and of its master host,
 * skipping the statement its SQL thread failed on, and delaying it. Each runs on the leader from
 * the server's state read now and answers with the state read after.
 */
@ApplicationScoped
public class ReplicationControlService {

    /** How long a started replica may take to show both threads running. */
    static final Duration START_WAIT = Duration.ofSeconds(2);
    /** How long stopping nicely waits for the SQL thread to apply what the IO thread received. */
    static final Duration NICE_WAIT = Duration.ofSeconds(30);
    /** The longest MASTER_DELAY servers take: 2^31 - 1 seconds. */
    static final long MAX_DELAY = Integer.MAX_VALUE;

    private final ControlContext ctx;
    private final ReplicationControl servers;
    private final ReplicationCommander commander;

    public ReplicationControlService(ControlContext ctx, ReplicationControl servers, ReplicationCommander commander) {
        this.ctx = ctx;
        this.servers = servers;
        this.commander = commander;
    }

    public Instance start(InstanceKey key, String who) {
        Instance before = ctx.begin(key, "starting replication");
        ControlContext.requireReplica(before);
        servers.start(ControlContext.target(before));
        Instance after = ctx.awaitState(key, ReplicationControlService::running, START_WAIT);
        ctx.audit("start-slave", who, before, after, "replication started");
        if (!running(after)) {
            throw new ControlException(502, "Replication not running on " + key + " after START SLAVE: "
                    + ControlContext.summary(after) + lastError(after));
        }
        return after;
    }

    public Instance stop(InstanceKey key, String who) {
        Instance before = ctx.begin(key, "stopping replication");
        ControlContext.requireReplica(before);
        servers.stop(ControlContext.target(before));
        Instance after = ctx.fresh(key);
        ctx.audit("stop-slave", who, before, after, "replication stopped");
        return after;
    }

    /**
     * Stops the IO thread, lets the SQL thread apply everything received, then stops it: the
     * replica stops at a position it has fully applied. A delayed replica is not waited for.
     */
    public Instance stopNicely(InstanceKey key, String who) {
        Instance before = ctx.begin(key, "stopping replication nicely");
        ReplicationStatus r = ControlContext.requireReplica(before);
        Target t = ControlContext.target(before);
        servers.stopIoKeepApplying(t);
        if (r.sqlDelay() == 0 && !commander.waitRelayLogApplied(t, NICE_WAIT)) {
            Instance now = ctx.fresh(key);
            ctx.audit("stop-slave-nicely", who, before, now, "timed out waiting for the SQL thread; IO thread stopped");
            throw new ControlException(504, key + ": StopSlaveNicely timeout after " + NICE_WAIT.toSeconds()
                    + "s; the IO thread is stopped, the SQL thread still applying");
        }
        servers.stop(t);
        Instance after = ctx.fresh(key);
        ctx.audit("stop-slave-nicely", who, before, after, "replication stopped nicely");
        return after;
    }

    public Instance restart(InstanceKey key, String who) {
        Instance before = ctx.begin(key, "restarting replication");
        ControlContext.requireReplica(before);
        Target t = ControlContext.target(before);
        servers.stop(t);
        servers.start(t);
        Instance after = ctx.awaitState(key, ReplicationControlService::running, START_WAIT);
        ctx.audit("restart-slave", who, before, after, "replication restarted");
        if (!running(after)) {
            throw new ControlException(502, "Replication not running on " + key + " after restarting it: "
                    + ControlContext.summary(after) + lastError(after));
        }
        return after;
    }

    /** RESET SLAVE ALL on a stopped replica: it forgets its source (refused while replication runs). */
    public Instance reset(InstanceKey key, String who) {
        Instance before = ctx.begin(key, "resetting replication");
        ReplicationStatus r = ControlContext.requireReplica(before);
        if (r.ioThreadRunning() || r.sqlThreadRunning()) {
            throw ControlException.refused("Cannot reset slave on: " + key + " because replication is running");
        }
        ctx.requireNoMaintenance(key, "reset replica");
        servers.reset(ControlContext.target(before));
        Instance after = ctx.fresh(key);
        ctx.audit("reset-slave", who, before, after, key + " replication reset");
        return after;
    }

    /**
     * Breaks replication reversibly by marking the executed log file ("//file:pos"), as orchestrator's
     * detach-replica; binlog coordinates only (a GTID replica is positioned by GTID, not by them).
     */
    public Instance detach(InstanceKey key, String who) {
        Instance before = ctx.begin(key, "detaching the replica");
        ReplicationStatus r = ControlContext.requireReplica(before);
        if (r.ioThreadRunning() || r.sqlThreadRunning()) {
            throw ControlException.refused("Cannot detach slave on: " + key + " because replication is running");
        }
        if (r.coordinatesDetached()) {
            throw ControlException.refused("Cannot (need not) detach slave on: " + key
                    + " because slave is already detached");
        }
        requireNoGtid(before, "detach-replica");
        servers.changeCoordinates(ControlContext.target(before), detached(r.execBinlogCoordinates()));
        Instance after = ctx.fresh(key);
        ctx.audit("detach-slave", who, before, after, "replica detached at " + r.execBinlogCoordinates());
        return after;
    }

    public Instance reattach(InstanceKey key, String who) {
        Instance before = ctx.begin(key, "reattaching the replica");
        ReplicationStatus r = ControlContext.requireReplica(before);
        if (r.ioThreadRunning() || r.sqlThreadRunning()) {
            throw ControlException.refused("Cannot (need not) reattach slave on: " + key
                    + " because replication is running");
        }
        if (!r.coordinatesDetached()) {
            throw ControlException.refused("Cannot reattach slave on: " + key + " because slave is not detached");
        }
        BinlogCoordinates back = reattached(r.execBinlogCoordinates());
        servers.changeCoordinates(ControlContext.target(before), back);
        Instance after = ctx.fresh(key);
        ctx.audit("reattach-slave", who, before, after, "replica reattached at " + back);
        return after;
    }

    /** Points Master_Host at "//host": replication stops reversibly, as orchestrator's detach-replica-master-host. */
    public Instance detachMasterHost(InstanceKey key, String who) {
        Instance before = ctx.begin(key, "detaching the master host");
        ReplicationStatus r = ControlContext.requireReplica(before);
        if (r.masterHostDetached()) {
            throw ControlException.refused("instance already detached: " + key);
        }
        ctx.requireNoMaintenance(key, "detach-replica-master-host");
        String host = ReplicationStatus.DETACH_MARK + r.masterKey().hostname();
        Instance after = repointHost(before, host);
        ctx.audit("repoint", who, before, after, "replica " + key + " detached from master into " + host + ":"
                + r.masterKey().port());
        return after;
    }

    public Instance reattachMasterHost(InstanceKey key, String who) {
        Instance before = ctx.begin(key, "reattaching the master host");
        ReplicationStatus r = ControlContext.requireReplica(before);
        if (!r.masterHostDetached()) {
            throw ControlException.refused("instance does not seem to be detached: " + key);
        }
        ctx.requireNoMaintenance(key, "reattach-replica-master-host");
        Instance after = repointHost(before, r.masterKey().hostname());
        ctx.audit("repoint", who, before, after, "replica " + key + " reattached to master " + r.masterKey());
        return after;
    }

    /** Stops, rewrites Master_Host (keeping the position without GTID), starts again; the state after. */
    private Instance repointHost(Instance before, String host) {
        ReplicationStatus r = before.state().replication();
        Target t = ControlContext.target(before);
        servers.stop(t);
        try {
            servers.changeMasterHost(t, host, before.state().usingGtid() ? null : r.execBinlogCoordinates());
        } finally {
            // as orchestrator's cleanup: replication is started again whether the change took or not
            startQuietly(t);
        }
        return ctx.fresh(before.key());
    }

    /**
     * Skips the one statement the stopped SQL thread failed on: sql_slave_skip_counter (MariaDB, and
     * MySQL without GTID) or an empty transaction under the failed GTID (MySQL with GTID); then
     * starts replication.
     */
    public Instance skipQuery(InstanceKey key, String who) {
        Instance before = ctx.begin(key, "skipping a query");
        ReplicationStatus r = ControlContext.requireReplica(before);
        if (r.sqlThreadRunning()) {
            throw ControlException.refused("Slave SQL thread is running on " + key);
        }
        if (r.lastSqlError().isEmpty()) {
            throw ControlException.refused("No SQL error on " + key);
        }
        Target t = ControlContext.target(before);
        String how;
        if (before.state().usingOracleGtid()) {
            String gtid = nextGtid(r.masterUuid(), r.executedGtidSet().isEmpty() ? before.state().gtid().executed()
                    : r.executedGtidSet());
            servers.injectEmptyTransaction(t, gtid);
            how = "empty transaction " + gtid;
        } else {
            servers.skipCounter(t);
            how = "sql_slave_skip_counter=1";
        }
        servers.start(t);
        Instance after = ctx.awaitState(key, ReplicationControlService::running, START_WAIT);
        ctx.audit("skip-query", who, before, after, "Skipped one query (" + how + "): " + r.lastSqlError());
        return after;
    }

    /** MASTER_DELAY = seconds; replication is stopped for the change and restarted if it ran. */
    public Instance delay(InstanceKey key, long seconds, String who) {
        if (seconds < 0 || seconds > MAX_DELAY) {
            throw ControlException.badArgument("delay must be 0 to " + MAX_DELAY + " seconds, got " + seconds);
        }
        Instance before = ctx.begin(key, "delaying replication");
        ReplicationStatus r = ControlContext.requireReplica(before);
        Target t = ControlContext.target(before);
        boolean wasRunning = r.ioThreadRunning() || r.sqlThreadRunning();
        if (wasRunning) {
            servers.stop(t);
        }
        try {
            servers.setDelay(t, seconds);
        } finally {
            if (wasRunning) {
                startQuietly(t);
            }
        }
        Instance after = wasRunning ? ctx.awaitState(key, ReplicationControlService::running, START_WAIT)
                : ctx.fresh(key);
        ctx.audit("delay-replication", who, before, after, "replication delayed by " + seconds + "s");
        return after;
    }

    /** The statements that would run q with the running threads stopped around it (nothing is run). */
    public List<String> restartStatements(InstanceKey key, String query) {
        Instance now = ctx.begin(key, "listing restart statements");
        ReplicationStatus r = now.state().replication();
        return ReplicationControl.restartPreserving(r != null && r.ioThreadRunning(), r != null
                && r.sqlThreadRunning(), query);
    }

    /** Starts replication after a change; a failure here must not hide the change's own failure. */
    private void startQuietly(Target t) {
        try {
            servers.start(t);
        } catch (RuntimeException e) {
            org.jboss.logging.Logger.getLogger(ReplicationControlService.class).warnf(
                    "%s: replication not started again: %s", t.key(), e.getMessage());
        }
    }

    private static void requireNoGtid(Instance i, String what) {
        if (i.state().usingGtid()) {
            throw ControlException.refused(what + ": " + i.key() + " replicates by GTID ("
                    + (i.state().flavor() == Flavor.MARIADB ? "MariaDB Using_Gtid" : "MySQL auto-position")
                    + "), which binlog coordinates do not position; use detach-replica-master-host instead");
        }
    }

    static boolean running(Instance i) {
        ReplicationStatus r = i.state().replication();
        return r != null && r.ioThreadRunning() && r.sqlThreadRunning();
    }

    private static String lastError(Instance i) {
        ReplicationStatus r = i.state().replication();
        if (r == null) {
            return "";
        }
        String e = !r.lastSqlError().isEmpty() ? r.lastSqlError() : r.lastIoError();
        return e.isEmpty() ? "" : "; last error: " + e;
    }

    /** orchestrator's detach mark: "//file:pos" as the file, the position kept. */
    static BinlogCoordinates detached(BinlogCoordinates c) {
        return new BinlogCoordinates(ReplicationStatus.DETACH_MARK + c.logFile() + ":" + c.logPos(), c.logPos());
    }

    /** The coordinates a detach mark carries. */
    static BinlogCoordinates reattached(BinlogCoordinates c) {
        String f = c.logFile().substring(ReplicationStatus.DETACH_MARK.length());
        int colon = f.lastIndexOf(':');
        if (colon <= 0) {
            throw ControlException.refused("Cannot reattach: unreadable detached coordinates " + c.logFile());
        }
        try {
            return new BinlogCoordinates(f.substring(0, colon), Long.parseLong(f.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw ControlException.refused("Cannot reattach: unreadable detached coordinates " + c.logFile());
        }
    }

    /** The GTID after the last one of the source's UUID the replica executed (MySQL). */
    static String nextGtid(String masterUuid, String executed) {
        if (masterUuid == null || masterUuid.isBlank()) {
            throw ControlException.refused("Empty NextGTID(): the replica does not know its source's server_uuid");
        }
        String only;
        try {
            only = GtidSet.parse(executed).only(masterUuid.toLowerCase(java.util.Locale.ROOT)).toString();
        } catch (IllegalArgumentException e) {
            throw ControlException.refused("Empty NextGTID(): unreadable executed GTID set: " + e.getMessage());
        }
        long last = 0;
        if (!only.isEmpty()) {
            String tail = only.substring(Math.max(only.lastIndexOf(':'), only.lastIndexOf('-')) + 1);
            last = Long.parseLong(tail.trim());
        }
        return masterUuid.toLowerCase(java.util.Locale.ROOT) + ":" + (last + 1);
    }
}
