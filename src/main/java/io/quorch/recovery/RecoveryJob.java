package io.quorch.recovery;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.quorch.analysis.AnalysisService;
import io.quorch.store.BackendMonitor;
import io.quorch.consensus.LeadershipContext;

/**
 * Every second, on the leader: finish off recoveries a previous leader abandoned, and analyze
 * every cluster in case no probe event brought a failure to attention.
 */
@ApplicationScoped
public class RecoveryJob {

    private static final Logger LOG = Logger.getLogger(RecoveryJob.class);

    private final AnalysisService analysis;
    private final RecoveryTrigger trigger;
    private final AbandonedRecoveries abandoned;
    private final LeadershipContext leadership;
    private final BackendMonitor backend;
    private volatile boolean leading;

    public RecoveryJob(AnalysisService analysis, RecoveryTrigger trigger, AbandonedRecoveries abandoned,
            LeadershipContext leadership, BackendMonitor backend) {
        this.analysis = analysis;
        this.trigger = trigger;
        this.abandoned = abandoned;
        this.leadership = leadership;
        this.backend = backend;
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!backend.isStarted() || !backend.healthy() || !leadership.isLeader()) {
            leading = false;
            return;
        }
        if (!leading) {
            LOG.info("leading: finishing recoveries a previous leader left");
            leading = true;
        }
        // every tick: a recovery that could not be finished yet (a server did not answer) is tried again
        abandoned.finishAll();
        if (!trigger.ready()) {
            return;
        }
        analysis.analyzeAll().stream().filter(trigger::wants)
                .map(a -> a.clusterName()).distinct().forEach(trigger::evaluateSoon);
    }
}
