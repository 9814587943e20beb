package io.quorch.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quorch.domain.Errors;
import io.quorch.domain.NodeIdentity;

/**
 * Knows whether this node's backend works: each check writes the node's heartbeat. Health checks
 * and the API read this state instead of touching the backend themselves.
 */
@ApplicationScoped
public class BackendMonitor {

    private static final Logger LOG = Logger.getLogger(BackendMonitor.class);

    private final NodeStore nodes;
    private final NodeIdentity node;

    private volatile boolean started;
    private volatile Instant lastSuccess;
    private volatile Instant failingSince;
    private volatile String lastError;

    public BackendMonitor(NodeStore nodes, NodeIdentity node) {
        this.nodes = nodes;
        this.node = node;
    }

    /** Writes the heartbeat; returns whether the backend worked. */
    public boolean check() {
        Instant now = Instant.now();
        try {
            nodes.heartbeat(node, now);
            if (failingSince != null) {
                LOG.infof("backend is back after %d ms", Duration.between(failingSince, now).toMillis());
            }
            lastSuccess = now;
            failingSince = null;
            lastError = null;
            return true;
        } catch (RuntimeException e) {
            if (failingSince == null) {
                failingSince = now;
                LOG.warnf("backend lost: %s", Errors.rootMessage(e));
            }
            lastError = Errors.rootMessage(e);
            return false;
        }
    }

    /** Called once the backend is connected and its schema is current; checks before that are skipped. */
    public void started() {
        started = true;
        check();
    }

    public boolean isStarted() {
        return started;
    }

    public boolean healthy() {
        return lastSuccess != null && failingSince == null;
    }

    /** How long the backend has been failing, zero when it works. */
    public Duration failingFor() {
        Instant since = failingSince;
        return since == null ? Duration.ZERO : Duration.between(since, Instant.now());
    }

    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    public Optional<Instant> lastSuccess() {
        return Optional.ofNullable(lastSuccess);
    }
}
