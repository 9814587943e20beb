package io.quorch.discovery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.quorch.config.DiscoveryConfig;
import io.quorch.consensus.CommandBus;
import io.quorch.consensus.LeadershipContext;
import io.quorch.consensus.ReplicatedCommand;
import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.NodeIdentity;
import io.quorch.store.BackendMonitor;
import io.quorch.store.InstanceStore;

/**
 * UnseenInstanceForgetHours, as orchestrator: a server not seen for that long is forgotten. The
 * leader decides and forgets it through the raft log, so every node forgets it. Only a server this
 * process has tried to probe since it started counts: a node that was stopped for days must not
 * forget every server before it has looked at them again.
 */
@ApplicationScoped
public class UnseenInstanceForgetJob {

    private static final Logger LOG = Logger.getLogger(UnseenInstanceForgetJob.class);

    private final InstanceStore instances;
    private final CommandBus commands;
    private final LeadershipContext leadership;
    private final BackendMonitor backend;
    private final Duration unseen;
    private final Instant startedAt;

    public UnseenInstanceForgetJob(InstanceStore instances, CommandBus commands, LeadershipContext leadership,
            BackendMonitor backend, DiscoveryConfig config, NodeIdentity node) {
        this.instances = instances;
        this.commands = commands;
        this.leadership = leadership;
        this.backend = backend;
        this.unseen = Duration.ofHours(config.unseenInstanceForgetHours());
        this.startedAt = node.startedAt();
    }

    @Scheduled(every = "1m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!backend.isStarted() || !backend.healthy() || !leadership.isLeader()) {
            return;
        }
        Instant now = Instant.now();
        for (InstanceKey key : unseen(instances.readAll(), now, unseen, startedAt)) {
            try {
                LOG.infof("forgetting %s: not seen for more than %d hours (UnseenInstanceForgetHours)", key,
                        unseen.toHours());
                commands.submit(new ReplicatedCommand.Forget(key, now));
            } catch (RuntimeException e) {
                LOG.warnf("forgetting unseen %s: %s", key, e.getMessage());
                return;
            }
        }
    }

    /** Servers last seen before now - unseen, and tried since startedAt. */
    static List<InstanceKey> unseen(List<Instance> all, Instant now, Duration unseen, Instant startedAt) {
        Instant cutoff = now.minus(unseen);
        return all.stream().filter(i -> i.lastSeen() != null && i.lastSeen().isBefore(cutoff))
                .filter(i -> i.lastChecked() != null && i.lastChecked().isAfter(startedAt)).map(Instance::key)
                .toList();
    }
}
