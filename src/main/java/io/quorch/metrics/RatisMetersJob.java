package io.quorch.metrics;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.quorch.config.RaftConfig;
import io.quorch.consensus.ratis.RatisMeters;

/** Looks at Ratis' metric registries every five seconds and shows what is new ({@link RatisMeters}). */
@ApplicationScoped
public class RatisMetersJob {

    private final RatisMeters meters;

    public RatisMetersJob(MeterRegistry registry, RaftConfig raft) {
        this.meters = new RatisMeters(registry, raft);
    }

    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        meters.refresh();
    }
}
