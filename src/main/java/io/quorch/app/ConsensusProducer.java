package io.quorch.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;
import io.quorch.config.ApiConfig;
import io.quorch.config.RaftConfig;
import io.quorch.consensus.CommandApplier;
import io.quorch.consensus.CommandBus;
import io.quorch.consensus.Consensus;
import io.quorch.consensus.LeadershipContext;
import io.quorch.consensus.ValidatingCommandBus;
import io.quorch.consensus.local.LocalConsensus;
import io.quorch.consensus.ratis.RatisStartup;
import io.quorch.consensus.ratis.StartingRaft;
import io.quorch.domain.NodeIdentity;
import io.quorch.metrics.QuorchMetrics;
import io.quorch.metrics.TimedCommandBus;
import io.quorch.store.NodeStateStore;
import io.quorch.store.ReplicatedStateStore;

/**
 * Mode selection, the one place that knows whether raft is on: everything else sees a
 * {@link CommandBus} and a {@link LeadershipContext}.
 */
@ApplicationScoped
public class ConsensusProducer {

    private static final Logger LOG = Logger.getLogger(ConsensusProducer.class);

    @Produces
    @Singleton
    Consensus consensus(RaftConfig raft, ApiConfig api, CommandApplier applier, ReplicatedStateStore state,
            NodeStateStore nodeState, NodeIdentity node,
            @ConfigProperty(name = "quarkus.http.port", defaultValue = "3000") int httpPort,
            @ConfigProperty(name = "quorch.security.use-ssl", defaultValue = "false") boolean https) {
        String httpUri = httpUri(raft, api, node, httpPort, https);
        if (!raft.enabled()) {
            return new LocalConsensus(applier, node, httpUri);
        }
        RatisStartup.logTransport(raft);
        // members and the raft port are checked now; the server itself starts after the schema
        // migration, in the background (BackendStartup), so the HTTP API does not wait for it
        return new StartingRaft(RatisStartup.preflight(raft),
                () -> RatisStartup.start(raft, applier, state, nodeState, httpUri, message -> {
                    LOG.error(message + ": stopping this node so that its backend does not diverge");
                    Quarkus.asyncExit(StartupFailure.EXIT_RAFT);
                }));
    }

    void close(@Disposes Consensus consensus) throws Exception {
        consensus.close();
    }

    @Produces
    @Singleton
    CommandBus bus(Consensus consensus, QuorchMetrics metrics) {
        // every command is checked here, whatever the mode, before it can reach a log
        return new ValidatingCommandBus(new TimedCommandBus(consensus.bus(), metrics));
    }

    @Produces
    @Singleton
    LeadershipContext leadership(Consensus consensus) {
        return consensus.leadership();
    }

    /** HTTPAdvertise, else http(s)://{RaftAdvertise host, or this host}:{HTTP port} (https with UseSSL). */
    public static String httpUri(RaftConfig raft, ApiConfig api, NodeIdentity node, int httpPort, boolean https) {
        if (api.httpAdvertise().isPresent() && !api.httpAdvertise().get().isBlank()) {
            return api.httpAdvertise().get().replaceAll("/+$", "");
        }
        String host = raft.advertise().filter(a -> !a.isBlank()).or(raft::bind)
                .map(a -> a.contains(":") ? a.substring(0, a.lastIndexOf(':')) : a).filter(h -> !h.isBlank())
                .orElse(node.hostname());
        return (https ? "https://" : "http://") + host + ":" + httpPort;
    }
}
