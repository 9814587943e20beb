package io.quorch.web;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;

/** Once a second, on every node: tell the web UI's listeners when what it draws has changed. */
@ApplicationScoped
public class LiveEventsJob {

    private final LiveEventsService events;

    public LiveEventsJob(LiveEventsService events) {
        this.events = events;
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        events.tick();
    }
}
