package io.quorch.app;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduler;

/**
 * Starts the scheduled jobs (discovery, recovery, watchdogs, gauges) once every other startup step has
 * passed: the scheduler is created halted (quarkus.scheduler.start-mode). A start that fails (a bad
 * configuration key, a backend or raft that cannot start) stops before any job ran, instead of a job
 * firing while the application shuts down and printing a stack trace after the one-line error.
 */
@ApplicationScoped
public class ScheduledJobsStart {

    void onStart(@Observes @Priority(Integer.MAX_VALUE) StartupEvent event, Scheduler scheduler) {
        scheduler.resume();
    }
}
