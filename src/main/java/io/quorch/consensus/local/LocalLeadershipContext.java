package io.quorch.consensus.local;

import jakarta.enterprise.context.ApplicationScoped;

import io.quorch.consensus.LeadershipContext;
import io.quorch.domain.NodeIdentity;

/** Single-node mode: this node is always the leader. */
@ApplicationScoped
public class LocalLeadershipContext implements LeadershipContext {

    private final NodeIdentity node;

    public LocalLeadershipContext(NodeIdentity node) {
        this.node = node;
    }

    @Override
    public boolean isLeader() {
        return true;
    }

    @Override
    public String leader() {
        return node.hostname();
    }
}
