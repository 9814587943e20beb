package io.quorch.consensus;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.quorch.config.BackendConfig;
import io.quorch.store.AuditStore;
import io.quorch.store.BackendMonitor;

/**
 * Keeps history bounded (AuditPurgeDays): every node purges its own audit log and blocked
 * recoveries; the leader purges the replicated history through the raft log, with the cutoff in
 * the command, so every node drops exactly the same rows.
 */
@ApplicationScoped
public class HistoryPurgeJob {

    private static final Logger LOG = Logger.getLogger(HistoryPurgeJob.class);

    private final BackendConfig config;
    private final BackendMonitor backend;
    private final LeadershipContext leadership;
    private final CommandBus commands;
    private final AuditStore audit;

    public HistoryPurgeJob(BackendConfig config, BackendMonitor backend, LeadershipContext leadership,
            CommandBus commands, AuditStore audit) {
        this.config = config;
        this.backend = backend;
        this.leadership = leadership;
        this.commands = commands;
        this.audit = audit;
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!backend.isStarted() || !backend.healthy()) {
            return;
        }
        Instant now = Instant.now();
        Instant cutoff = now.minus(Duration.ofDays(config.auditPurgeDays()));
        try {
            int local = audit.purgeBefore(cutoff);
            if (local > 0) {
                LOG.infof("purged %d audit and blocked-recovery rows older than %s", local, cutoff);
            }
            if (leadership.isLeader()) {
                commands.submit(new ReplicatedCommand.PurgeHistory(cutoff, now));
            }
        } catch (RuntimeException e) {
            LOG.warnf("purging history older than %s: %s", cutoff, e.getMessage());
        }
    }
}
