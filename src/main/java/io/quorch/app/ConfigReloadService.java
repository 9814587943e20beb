package io.quorch.app;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.quorch.config.ConfigProblemsException;
import io.quorch.config.ReloadableSettings;
import io.quorch.consensus.CommandApplier;
import io.quorch.domain.NodeIdentity;
import io.quorch.store.BackendMonitor;
import io.quorch.store.NodeStateStore;

/**
 * Carries out the configuration reloads requested through the raft log (ReloadConfiguration): the
 * node that took the request reloads at once and answers with what it did; every other node notices
 * the request in its own state within a second and reloads too, logging the outcome. A request
 * issued before this process started is not carried out: the node read its configuration at start.
 */
@ApplicationScoped
public class ConfigReloadService {

    private static final Logger LOG = Logger.getLogger(ConfigReloadService.class);

    private final ReloadableSettings settings;
    private final NodeStateStore nodeState;
    private final BackendMonitor backend;
    private final Instant startedAt;
    /** The request carried out last, as recorded in node state. */
    private String applied;

    public ConfigReloadService(ReloadableSettings settings, NodeStateStore nodeState, BackendMonitor backend,
            NodeIdentity node) {
        this.settings = settings;
        this.nodeState = nodeState;
        this.backend = backend;
        this.startedAt = node.startedAt();
    }

    /** The node that took the request: reloads now (after the log applied it here) and reports. */
    public synchronized ReloadableSettings.Outcome reloadNow(String file, Instant at) {
        applied = at.toEpochMilli() + (file == null ? "" : " " + file);
        return settings.reload(file);
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (backend.isStarted() && backend.healthy()) {
            applyPending();
        }
    }

    /** Carries out a request recorded by the log and not carried out here yet. */
    synchronized void applyPending() {
        Optional<String> requested = nodeState.get(CommandApplier.CONFIG_RELOAD);
        if (requested.isEmpty() || requested.get().equals(applied)) {
            return;
        }
        String value = requested.get();
        applied = value;
        int space = value.indexOf(' ');
        long at;
        try {
            at = Long.parseLong(space < 0 ? value : value.substring(0, space));
        } catch (NumberFormatException e) {
            LOG.warnf("ignoring an unreadable configuration reload request: %s", value);
            return;
        }
        if (Instant.ofEpochMilli(at).isBefore(startedAt)) {
            return;
        }
        String file = space < 0 ? null : value.substring(space + 1);
        try {
            settings.reload(file);
        } catch (ConfigProblemsException e) {
            LOG.errorf("configuration reload requested through the raft log failed on this node, which keeps its"
                    + " settings: %s", String.join("; ", e.problems()));
        }
    }
}
