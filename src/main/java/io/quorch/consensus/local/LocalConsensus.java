package io.quorch.consensus.local;

import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.quorch.consensus.CommandApplier;
import io.quorch.consensus.CommandBus;
import io.quorch.consensus.Consensus;
import io.quorch.consensus.LeadershipContext;
import io.quorch.domain.NodeIdentity;

/** Single-node mode: this node is the whole group; commands apply here, at once. */
public final class LocalConsensus implements Consensus {

    private static final Logger LOG = Logger.getLogger(LocalConsensus.class);

    private final LocalCommandBus bus;
    private final LocalLeadershipContext leadership;

    public LocalConsensus(CommandApplier applier, NodeIdentity node, String httpUri) {
        this.bus = new LocalCommandBus(applier);
        this.leadership = new LocalLeadershipContext(node, httpUri);
    }

    @Override
    public CommandBus bus() {
        return bus;
    }

    @Override
    public LeadershipContext leadership() {
        return leadership;
    }

    @Override
    public void start(Consumer<RuntimeException> failed) {
        LOG.infof("consensus: %s", leadership.state());
    }

    @Override
    public void close() {
        // nothing runs in the background
    }
}
