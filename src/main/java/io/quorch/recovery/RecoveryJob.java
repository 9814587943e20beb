package io.quorch.recovery;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.quorch.analysis.AnalysisService;
import io.quorch.store.BackendMonitor;
import io.quorch.consensus.LeadershipContext;
import io.quorch.discovery.TopologyProbes;

/**
 * Every second, on the leader: finish off recoveries a previous leader abandoned; and, once per
 * poll interval (every second at most), analyze every cluster in case no probe event brought a
 * failure to attention. Probes are what change the picture, each server's once per interval, and a
 * probe that finds trouble has its cluster analyzed at once ({@link RecoveryTrigger}): a full pass
 * every second over ten thousand servers would cost more than all their probes and find nothing new.
 */
@ApplicationScoped
public class RecoveryJob {

    private static final Logger LOG = Logger.getLogger(RecoveryJob.class);

    private final AnalysisService analysis;
    private final RecoveryTrigger trigger;
    private final AbandonedRecoveries abandoned;
    private final LeadershipContext leadership;
    private final BackendMonitor backend;
    private final TopologyProbes discovery;
    private volatile boolean leading;
    private long lastFullPass = System.nanoTime() - java.util.concurrent.TimeUnit.HOURS.toNanos(1);

    public RecoveryJob(AnalysisService analysis, RecoveryTrigger trigger, AbandonedRecoveries abandoned,
            LeadershipContext leadership, BackendMonitor backend, TopologyProbes discovery) {
        this.analysis = analysis;
        this.trigger = trigger;
        this.abandoned = abandoned;
        this.leadership = leadership;
        this.backend = backend;
        this.discovery = discovery;
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
        long now = System.nanoTime();
        if (!trigger.ready() || now - lastFullPass < discovery.pollInterval().toNanos() - 100_000_000L) {
            return;
        }
        lastFullPass = now;
        analysis.analyzeAll().stream().filter(trigger::wants)
                .map(a -> a.clusterName()).distinct().forEach(trigger::evaluateSoon);
    }
}
