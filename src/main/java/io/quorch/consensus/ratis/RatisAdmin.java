package io.quorch.consensus.ratis;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftPeer;
import org.jboss.logging.Logger;

import io.quorch.domain.Errors;

/** The operator's raft actions: hand leadership to another member, take a snapshot now. */
final class RatisAdmin {

    private static final Logger LOG = Logger.getLogger(RatisAdmin.class);

    private final RaftClient client;
    private final RatisMembers members;
    private final LeaderLease lease;

    RatisAdmin(RaftClient client, RatisMembers members, LeaderLease lease) {
        this.client = client;
        this.members = members;
        this.lease = lease;
    }

    /**
     * Transfers leadership to the target (address, id, or address prefix), or to any follower
     * heard recently; false when this node does not lead, the target is unknown, or Ratis refuses.
     */
    boolean yieldTo(Optional<String> target) {
        if (!lease.leadsWithMajority()) {
            return false;
        }
        List<RaftPeer> others = members.peers().stream().filter(p -> !p.getId().equals(members.self().getId()))
                .toList();
        Optional<RaftPeer> to = target.isPresent()
                ? others.stream().filter(p -> p.getAddress().equals(target.get())
                        || p.getId().toString().equals(target.get())).findFirst()
                        .or(() -> others.stream().filter(p -> p.getAddress().startsWith(target.get())).findFirst())
                : others.stream().filter(p -> lease.recentFollowers().contains(p.getAddress())).findFirst();
        if (to.isEmpty() || to.get().getId().equals(members.self().getId())) {
            return false;
        }
        try {
            return client.admin().transferLeadership(to.get().getId(), 3000).isSuccess();
        } catch (IOException e) {
            LOG.warnf("raft: leadership transfer to %s failed: %s", to.get().getAddress(), Errors.rootMessage(e));
            return false;
        }
    }

    /** Takes a snapshot on this node; its log index, or -1 when it failed. */
    long snapshot() {
        try {
            RaftClientReply reply = client.getSnapshotManagementApi(members.self().getId()).create(10_000);
            return reply.isSuccess() ? reply.getLogIndex() : -1;
        } catch (IOException e) {
            LOG.warnf("raft: snapshot failed: %s", Errors.rootMessage(e));
            return -1;
        }
    }
}
