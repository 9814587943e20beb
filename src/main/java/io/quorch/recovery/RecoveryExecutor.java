package io.quorch.recovery;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

/**
 * Owns the background work of recovery (analysis passes, detection hooks, snapshots after a
 * failover): each task runs on its own virtual thread, and all are interrupted at shutdown.
 */
@ApplicationScoped
public class RecoveryExecutor implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RecoveryExecutor.class);

    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("quorch-recovery-", 0).factory());

    /** Runs the task soon; a task submitted after shutdown is dropped (and said so). */
    public void submit(String what, Runnable task) {
        try {
            threads.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warnf("%s failed: %s", what, e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debugf("not running %s: shutting down", what);
        }
    }

    @PreDestroy
    @Override
    public void close() {
        threads.shutdownNow();
    }
}
