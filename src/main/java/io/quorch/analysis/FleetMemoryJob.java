package io.quorch.analysis;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.quorch.store.BackendMonitor;

/**
 * Every 30 seconds, compares the in-memory picture with the backend ({@link FleetMemory#reconcile}).
 * Discovery's events keep the picture current; this only bounds how long a row written some other
 * way could go unseen. It costs one read of every server's row.
 */
@ApplicationScoped
public class FleetMemoryJob {

    private static final Logger LOG = Logger.getLogger(FleetMemoryJob.class);

    private final FleetMemory fleet;
    private final BackendMonitor backend;

    public FleetMemoryJob(FleetMemory fleet, BackendMonitor backend) {
        this.fleet = fleet;
        this.backend = backend;
    }

    @Scheduled(every = "30s", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!backend.isStarted() || !backend.healthy()) {
            return;
        }
        try {
            fleet.reconcile();
        } catch (RuntimeException e) {
            LOG.debugf("the servers could not be compared with the backend: %s", e.toString());
        }
    }
}
