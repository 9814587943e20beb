package io.quorch.consensus.ratis;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.apache.ratis.server.RaftServer;
import org.jboss.logging.Logger;

import io.quorch.consensus.ReplicatedCommand;

/**
 * On taking office, the leader publishes its HTTP address through the log (SetLeaderUri) so
 * followers can proxy to it; it counts as leader only once that is done for its current term.
 */
final class LeaderUriPublisher {

    private static final Logger LOG = Logger.getLogger(LeaderUriPublisher.class);

    private final RaftServer server;
    private final RatisMembers members;
    private final LeaderLease lease;
    private final String httpUri;
    private final Consumer<ReplicatedCommand> replicate;
    /** The term in which this node published its HTTP address as leader; followers proxy to it from then on. */
    private volatile long publishedTerm = -1;
    private final AtomicBoolean publishing = new AtomicBoolean();

    LeaderUriPublisher(RaftServer server, RatisMembers members, LeaderLease lease, String httpUri,
            Consumer<ReplicatedCommand> replicate) {
        this.server = server;
        this.members = members;
        this.lease = lease;
        this.httpUri = httpUri;
        this.replicate = replicate;
    }

    /** True once this node published its address in its current term; else starts publishing it. */
    boolean publishedForCurrentTerm() {
        if (publishedTerm != RatisGroup.info(server).getCurrentTerm()) {
            onLeadership();
            return false;
        }
        return true;
    }

    /** On taking office: once ready, publish this node's HTTP address (on a thread of its own, once at a time). */
    void onLeadership() {
        if (!publishing.compareAndSet(false, true)) {
            return;
        }
        Thread.ofVirtual().name("quorch-raft-leader-uri").start(() -> {
            try {
                publish();
            } finally {
                publishing.set(false);
            }
        });
    }

    private void publish() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (lease.leadsWithMajority()) {
                try {
                    long term = RatisGroup.info(server).getCurrentTerm();
                    replicate.accept(new ReplicatedCommand.SetLeaderUri(members.self().getId().toString(), httpUri,
                            Instant.now()));
                    publishedTerm = term;
                    LOG.infof("raft: %s leads (term %d)", members.self().getId(), term);
                    return;
                } catch (RuntimeException e) {
                    LOG.debugf("publishing leader URI: %s", e.getMessage());
                }
            }
            RatisSubmitter.sleep(20);
        }
    }
}
