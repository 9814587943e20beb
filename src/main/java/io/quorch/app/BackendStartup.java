package io.quorch.app;

import java.time.Duration;
import java.time.Instant;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quorch.store.BackendMonitor;
import io.quorch.domain.Errors;
import io.quorch.config.BackendConfig;
import io.quorch.consensus.Consensus;
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
        if ("sqlite".equals(dialect.name())) {
            SqliteNativeLibrary.load();
        }
        awaitBackend(config, dialect, jdbc);
        int version = new SchemaMigrator(jdbc, dialect, Migrations.all()).migrate();
        LOG.infof("backend %s ready (schema version %d)", dialect.describe(), version);
        // the consensus mode (a Ratis server when raft is on) applies to the backend: start it now,
        // a Ratis server in the background so that the HTTP API answers meanwhile
        consensus.get().start(BackendStartup::raftFailed);
        monitor.started();
    }

    /**
     * Stops the consensus first on shutdown, while the backend is still open: the Ratis server
     * takes its last snapshot from the backend as it stops.
     */
    void onStop(@Observes @Priority(1) ShutdownEvent event, Instance<Consensus> consensus)
            throws Exception {
        if (consensus.isResolvable()) {
            consensus.get().close();
        }
    }

    /** The consensus mode could not start: the same one-line message and exit code as any startup failure. */
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
                            + timeout.toSeconds() + " s (BackendStartupTimeoutSeconds): " + Errors.rootMessage(e), e);
                }
                if (!warned) {
                    LOG.warnf("backend %s unreachable, retrying for up to %d s: %s", dialect.describe(),
                            timeout.toSeconds(), Errors.rootMessage(e));
                    warned = true;
                }
                sleep();
            }
        }
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
