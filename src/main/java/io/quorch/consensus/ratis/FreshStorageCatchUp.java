package io.quorch.consensus.ratis;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.jboss.logging.Logger;

import io.quorch.domain.Errors;

/**
 * Gets a member that started from empty raft storage its missed entries when the leader it finds
 * still counts what this member had before its storage was lost.
 * <p>
 * Raft assumes a member never loses its log. A Ratis leader never lowers the index it knows a
 * follower to hold (its match index), and answers "my log is empty" only by resending from just
 * above that index: a member replaced under the same name with empty storage is then heard (so it
 * counts as healthy) yet never receives the entries, or the snapshot, from before its loss. It
 * does receive everything from a leader that took office after the loss, since a new leader
 * starts without match indexes, goes back as far as the follower asks, and sends its snapshot
 * where its log was purged. No Ratis setting changes this, so the fresh member, once it has heard
 * a live leader for a while without applying a single entry, asks that leader to step down, and
 * says so in its log. A group formed from scratch never gets here: its leader has never counted
 * entries on the new member, which receives them at once.
 */
final class FreshStorageCatchUp {

    private static final Logger LOG = Logger.getLogger(FreshStorageCatchUp.class);
    private static final int MAX_STEP_DOWNS = 3;
    private static final long POLL_MILLIS = 200;

    private final RaftServer server;
    private final RaftClient client;
    private final long electionTimeoutMaxMillis;
    /** How long a live leader may leave this member without a single applied entry. */
    private final long stuckMillis;

    private FreshStorageCatchUp(RaftServer server, RaftClient client, long electionTimeoutMaxMillis) {
        this.server = server;
        this.client = client;
        this.electionTimeoutMaxMillis = electionTimeoutMaxMillis;
        this.stuckMillis = Math.max(5000, 5 * electionTimeoutMaxMillis);
    }

    /** Watches a member whose raft storage was just created, on a thread of its own, until it applied an entry. */
    static void watch(RaftServer server, RaftClient client, long electionTimeoutMaxMillis) {
        FreshStorageCatchUp watch = new FreshStorageCatchUp(server, client, electionTimeoutMaxMillis);
        Thread.ofVirtual().name("quorch-raft-fresh-storage").start(watch::run);
    }

    private void run() {
        int stepDowns = 0;
        long stuckSince = -1;
        try {
            while (true) {
                DivisionInfo info = RatisGroup.info(server);
                if (!info.isAlive() || info.getLastAppliedIndex() >= 0) {
                    return;
                }
                long now = System.nanoTime();
                boolean hears = hearsLiveLeader(info);
                // not reset when the leader goes quiet for a moment: such a member, answering every append
                // with "inconsistent", keeps timing out and losing its leader for a while
                if (stuckSince < 0) {
                    stuckSince = hears ? now : -1;
                } else if (hears && now - stuckSince >= TimeUnit.MILLISECONDS.toNanos(stuckMillis)) {
                    if (stepDowns == MAX_STEP_DOWNS) {
                        LOG.errorf("raft: this member started from empty storage and still receives nothing from"
                                + " leader %s after %d leader changes; replace its data again", info.getLeaderId(),
                                stepDowns);
                        return;
                    }
                    stepDowns++;
                    askToStepDown(info.getLeaderId());
                    stuckSince = -1;
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the server is closing
            LOG.debugf("raft: fresh storage watch ends: %s", Errors.rootMessage(e));
        }
    }

    private boolean hearsLiveLeader(DivisionInfo info) {
        return info.isFollower() && info.getLeaderId() != null
                && info.getRoleInfoProto().getFollowerInfo().getLeaderInfo()
                        .getLastRpcElapsedTimeMs() <= electionTimeoutMaxMillis;
    }

    private void askToStepDown(RaftPeerId leader) {
        LOG.warnf("raft: this member started from empty storage and leader %s sends it nothing: it still counts"
                + " the entries this member held before; asking it to step down so that the next leader sends"
                + " them (or its snapshot)", leader);
        try {
            // no new leader named: the leader steps down and the members elect one with the whole log
            RaftClientReply reply = client.admin().transferLeadership(null, leader, 3000);
            if (!reply.isSuccess()) {
                LOG.warnf("raft: leader %s did not step down: %s", leader, reply.getException());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("raft: asking leader %s to step down: %s", leader, Errors.rootMessage(e));
        }
    }
}
