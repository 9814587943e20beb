package io.quorch.app;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;
import io.quarkus.scheduler.Scheduled;
import io.quorch.store.BackendMonitor;
import io.quorch.config.BackendConfig;

/**
 * Every second: prove the backend is writable. A backend lost for longer than
 * BackendBailOutSeconds makes the node exit, as orchestrator does, so that a supervisor restarts it.
 */
@ApplicationScoped
public class BackendWatchdogJob {

    private static final Logger LOG = Logger.getLogger(BackendWatchdogJob.class);

    private final BackendMonitor monitor;
    private final BackendConfig config;

    public BackendWatchdogJob(BackendMonitor monitor, BackendConfig config) {
        this.monitor = monitor;
        this.config = config;
    }

    @Scheduled(every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!monitor.isStarted() || monitor.check()) {
            return;
        }
        long lost = monitor.failingFor().toSeconds();
        if (lost >= config.bailOutSeconds()) {
            LOG.errorf("backend lost for %d s (BackendBailOutSeconds=%d): exiting; last error: %s", lost,
                    config.bailOutSeconds(), monitor.lastError().orElse("?"));
            Quarkus.asyncExit(StartupFailure.EXIT_BACKEND);
        }
    }
}
