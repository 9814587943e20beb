package io.quorch.consensus.local;

import java.util.List;
import java.util.Optional;

import io.quorch.consensus.LeadershipContext;
import io.quorch.domain.NodeIdentity;

/** Single-node mode: this node is always the leader of a group of one. */
public class LocalLeadershipContext implements LeadershipContext {

    private final NodeIdentity node;
    private final String httpUri;

    public LocalLeadershipContext(NodeIdentity node, String httpUri) {
        this.node = node;
        this.httpUri = httpUri;
    }

    @Override
    public boolean isLeader() {
        return true;
    }

    @Override
    public String leader() {
        return node.hostname();
    }

    @Override
    public boolean healthy() {
        return true;
    }

    @Override
    public String state() {
        return "Leader";
    }

    @Override
    public Optional<String> leaderUri() {
        return Optional.of(httpUri);
    }

    @Override
    public List<String> peers() {
        return List.of();
    }

    @Override
    public String self() {
        return "";
    }

    @Override
    public List<String> healthyMembers() {
        return List.of(node.hostname());
    }

    @Override
    public boolean yieldTo(Optional<String> target) {
        return false;
    }

    @Override
    public long snapshot() {
        return 0;
    }
}
