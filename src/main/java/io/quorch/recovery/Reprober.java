package io.quorch.recovery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

import org.jboss.logging.Logger;

import io.quorch.discovery.DiscoveryException;
import io.quorch.discovery.TopologyProbes;
import io.quorch.domain.InstanceKey;

/**
 * The second look at servers that a decision on a failure rests on: each server probed now, all of them at once,
 * and the decision waits until every probe has ended or its timeout has passed. A probe that fails is no error
 * here: the failure is recorded as the probe's result, and that is the evidence the decision reads next.
 *
 * <p>Both such looks are taken here: the one the leader takes before a recovery acts ({@link FailureRefresh}: the
 * server and its replicas, reused while fresh) and the one a follower takes before it sends a failure verdict
 * ({@link VerdictReporter}: within a poll interval, never reused). Which servers, how long and whether an earlier
 * look will do stay the caller's decision.
 */
final class Reprober {

    private static final Logger LOG = Logger.getLogger(Reprober.class);

    private final TopologyProbes probes;

    Reprober(TopologyProbes probes) {
        this.probes = probes;
    }

    /** The server followed by its known replicas. */
    List<InstanceKey> withReplicas(InstanceKey key) {
        List<InstanceKey> keys = new ArrayList<>();
        keys.add(key);
        keys.addAll(probes.replicaKeys(key));
        return keys;
    }

    /** Probes the server and its known replicas now, in parallel, each waited for at most timeout. */
    void serverAndReplicas(InstanceKey key, Duration timeout) {
        probe(withReplicas(key), timeout);
    }

    /**
     * Probes each server named (once, however often it is named) now, in parallel, and returns when every probe
     * has ended or has taken longer than timeout.
     */
    void probe(Collection<InstanceKey> keys, Duration timeout) {
        List<InstanceKey> distinct = List.copyOf(new LinkedHashSet<>(keys));
        if (distinct.isEmpty()) {
            return;
        }
        for (var failed : Parallel.forEach(distinct, k -> {
            try {
                probes.probeNow(k, timeout);
            } catch (DiscoveryException e) {
                // expected for a dead server: the failure is recorded, and that is the evidence
            }
        })) {
            // not a failed probe (that is recorded) but a failure to record one: the decision reads older state
            LOG.warnf("looking again at %s before a decision failed: %s", failed.item(), failed.message());
        }
    }
}
