package io.quorch.app;

import java.time.Duration;
import java.time.Instant;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quorch.config.BackendConfig;
import io.quorch.consensus.Consensus;
import io.quorch.consensus.ratis.StartingRaft;
import io.quorch.store.BackendUnavailableException;
import io.quorch.store.StoreException;
import io.quorch.store.sql.Jdbc;
import io.quorch.store.sql.Migrations;
import io.quorch.store.sql.SchemaMigrator;
import io.quorch.store.sql.SqlDialect;

/**
 * Connects to the node's backend at startup, retrying for BackendStartupTimeoutSeconds, brings
 * its schema up to date, then starts the consensus mode. Runs right after the configuration check.
 */
@ApplicationScoped
public class BackendStartup {

    private static final Logger LOG = Logger.getLogger(BackendStartup.class);

    void onStart(@Observes @Priority(10) StartupEvent event, BackendConfig config, SqlDialect dialect, Jdbc jdbc,
            BackendMonitor monitor, Instance<Consensus> consensus) {
        awaitBackend(config, dialect, jdbc);
        int version = new SchemaMigrator(jdbc, dialect, Migrations.all()).migrate();
        LOG.infof("backend %s ready (schema version %d)", dialect.describe(), version);
        // the consensus mode (a Ratis server when raft is on) applies to the backend: start it now,
        // a Ratis server in the background so that the HTTP API answers meanwhile
        Consensus c = consensus.get();
        if (c.closer() instanceof StartingRaft raft) {
            raft.startInBackground(BackendStartup::raftFailed);
        } else {
            LOG.infof("consensus: %s", c.leadership().state());
        }
        monitor.started();
    }

    /**
     * Stops the consensus first on shutdown, while the backend is still open: the Ratis server
     * takes its last snapshot from the backend as it stops.
     */
    void onStop(@Observes @Priority(1) io.quarkus.runtime.ShutdownEvent event, Instance<Consensus> consensus)
            throws Exception {
        if (consensus.isResolvable()) {
            consensus.get().closer().close();
        }
    }

    /** The raft server could not start: the same one-line message and exit code as any startup failure. */
    private static void raftFailed(RuntimeException e) {
        StartupFailure.describe(e).forEach(line -> System.err.println("quorch: " + line));
        System.err.flush();
        io.quarkus.runtime.Quarkus.asyncExit(StartupFailure.exitCode(e));
    }

    private static void awaitBackend(BackendConfig config, SqlDialect dialect, Jdbc jdbc) {
        Duration timeout = Duration.ofSeconds(config.startupTimeoutSeconds());
        Instant deadline = Instant.now().plus(timeout);
        boolean warned = false;
        while (true) {
            try {
                jdbc.withConnection(c -> c.isValid(5));
                return;
            } catch (StoreException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new BackendUnavailableException("backend " + dialect.describe() + " unreachable for "
                            + timeout.toSeconds() + " s (BackendStartupTimeoutSeconds): " + rootMessage(e), e);
                }
                if (!warned) {
                    LOG.warnf("backend %s unreachable, retrying for up to %d s: %s", dialect.describe(),
                            timeout.toSeconds(), rootMessage(e));
                    warned = true;
                }
                sleep();
            }
        }
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendUnavailableException("interrupted while waiting for the backend", e);
        }
    }
}
