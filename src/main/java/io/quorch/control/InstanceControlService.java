package io.quorch.control;

import java.sql.SQLException;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.quorch.config.MySqlAccessConfig;
import io.quorch.domain.BinlogCoordinates;
import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.ReplicationStatus;
import io.quorch.domain.Text;
import io.quorch.mysql.CommandException;
import io.quorch.mysql.InstanceControl;
import io.quorch.mysql.ReplicationControl;
import io.quorch.mysql.ReplicationCommander.Target;
import io.quorch.recovery.DemotedPrimaryGuard;
import io.quorch.store.InstanceStore;

/**
 * Server-wide changes on one instance, with orchestrator's rules: read_only (and super_read_only
 * under UseSuperReadOnly), flushing and purging binary logs (never past what a known replica still
 * needs unless forced), killing a query, the semi-sync switches.
 */
@ApplicationScoped
public class InstanceControlService {

    /** A binary log file name as servers make them: no path, no quotes. */
    static final Pattern LOG_FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");

    /** The server's "Unknown thread id" error. */
    static final int ER_NO_SUCH_THREAD = 1094;

    private final ControlContext ctx;
    private final InstanceControl servers;
    private final ReplicationControl replication;
    private final InstanceStore instances;
    private final DemotedPrimaryGuard demoted;
    private final MySqlAccessConfig config;

    public InstanceControlService(ControlContext ctx, InstanceControl servers, ReplicationControl replication,
            InstanceStore instances, DemotedPrimaryGuard demoted, MySqlAccessConfig config) {
        this.ctx = ctx;
        this.servers = servers;
        this.replication = replication;
        this.instances = instances;
        this.demoted = demoted;
        this.config = config;
    }

    public Instance setReadOnly(InstanceKey key, boolean readOnly, String who) {
        Instance before = ctx.begin(key, readOnly ? "setting read_only" : "clearing read_only");
        if (!readOnly && before.masterKey() == null && demoted.wasReplaced(key)) {
            throw ControlException.refused("set-writeable refused: " + key + " is a primary a recovery replaced;"
                    + " quorch keeps it read-only so it never takes writes beside its successor (point it at a"
                    + " primary, or forget it, first)");
        }
        servers.setReadOnly(ControlContext.target(before), readOnly, config.useSuperReadOnly());
        Instance after = ctx.fresh(key);
        ctx.audit("read-only", who, before, after, "set as " + readOnly
                + (config.useSuperReadOnly() ? " (with super_read_only)" : ""));
        return after;
    }

    public Instance flushBinaryLogs(InstanceKey key, String who) {
        Instance before = ctx.begin(key, "flushing binary logs");
        requireBinlog(before);
        servers.flushBinaryLogs(ControlContext.target(before));
        Instance after = ctx.fresh(key);
        ctx.audit("flush-binary-logs", who, before, after, "success");
        return after;
    }

    /**
     * PURGE BINARY LOGS TO logFile ("latest": the current one). Unless forced, refused when a known
     * replica has not applied past the start of that file, in orchestrator's words.
     */
    public Instance purgeBinaryLogs(InstanceKey key, String logFile, boolean force, String who) {
        if (logFile == null || !(logFile.equals("latest") || LOG_FILE.matcher(logFile).matches())) {
            throw ControlException.badArgument("purge-binary-logs: expected log file name or 'latest', got \""
                    + Text.shown(logFile, 60) + "\"");
        }
        Instance before = ctx.begin(key, "purging binary logs");
        requireBinlog(before);
        String file = logFile.equals("latest") ? before.state().selfBinlogCoordinates().logFile() : logFile;
        if (!force) {
            BinlogCoordinates purge = new BinlogCoordinates(file, 0);
            for (Instance replica : instances.replicasOf(key)) {
                ReplicationStatus r = replica.state().replication();
                BinlogCoordinates applied = r == null ? BinlogCoordinates.NONE : r.execBinlogCoordinates();
                if (purge.compareTo(applied) >= 0) {
                    throw ControlException.refused("Unsafe to purge binary logs on " + key + " up to " + file
                            + " because replica " + replica.key() + " has only applied up to " + applied);
                }
            }
        }
        servers.purgeBinaryLogsTo(ControlContext.target(before), file);
        Instance after = ctx.fresh(key);
        ctx.audit("purge-binary-logs", who, before, after, "purged to " + file + (force ? " (forced)" : ""));
        return after;
    }

    public Instance killQuery(InstanceKey key, String process, String who) {
        long id;
        try {
            id = Long.parseLong(process);
        } catch (NumberFormatException e) {
            id = -1;
        }
        if (id <= 0) {
            throw ControlException.badArgument("kill-query: process id must be a positive number, got \""
                    + Text.shown(process, 60) + "\"");
        }
        Instance before = ctx.begin(key, "killing a query");
        try {
            servers.killQuery(ControlContext.target(before), id);
        } catch (CommandException e) {
            if (e.getCause() instanceof SQLException s && s.getErrorCode() == ER_NO_SUCH_THREAD) {
                throw new ControlException(404, "kill-query: no process " + id + " on " + key);
            }
            throw e;
        }
        Instance after = ctx.fresh(key);
        ctx.audit("kill-query", who, before, after, "Killed query " + id);
        return after;
    }

    public Instance semiSyncMaster(InstanceKey key, boolean enabled, String who) {
        Instance before = ctx.begin(key, "setting semi-sync on the master side");
        servers.setSemiSync(ControlContext.target(before), false, enabled);
        Instance after = ctx.fresh(key);
        ctx.audit("semi-sync-master", who, before, after, "master semi-sync set to " + enabled);
        return after;
    }

    /** The replica side; a running IO thread is restarted so the change takes effect, as orchestrator does. */
    public Instance semiSyncReplica(InstanceKey key, boolean enabled, String who) {
        Instance before = ctx.begin(key, "setting semi-sync on the replica side");
        if (before.state().semiSync().replicaEnabled() == enabled) {
            return before;
        }
        Target t = ControlContext.target(before);
        servers.setSemiSync(t, true, enabled);
        ReplicationStatus r = before.state().replication();
        if (r != null && r.ioThreadRunning()) {
            replication.restartIoThread(t);
        }
        Instance after = ctx.fresh(key);
        ctx.audit("semi-sync-replica", who, before, after, "replica semi-sync set to " + enabled);
        return after;
    }

    private static void requireBinlog(Instance i) {
        if (!i.state().logBinEnabled()) {
            throw ControlException.refused("binary logging is off on " + i.key() + " (log_bin=OFF)");
        }
    }
}
