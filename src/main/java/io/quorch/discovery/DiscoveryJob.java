package io.quorch.discovery;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.quorch.store.BackendMonitor;

/** Every second: keep one poll timer per known server and try new seeds. Runs on every node. */
@ApplicationScoped
public class DiscoveryJob {

    private final DiscoveryService discovery;
    private final BackendMonitor backend;

    public DiscoveryJob(DiscoveryService discovery, BackendMonitor backend) {
        this.discovery = discovery;
        this.backend = backend;
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sync() {
        if (backend.isStarted() && backend.healthy()) {
            discovery.sync();
        }
    }
}
