package io.quorch.discovery;

import java.time.Instant;
import java.util.function.Predicate;

import io.quorch.config.Reloadable;
import io.quorch.config.ReloadableSettings;
import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.ReplicationStatus;

/**
 * What a probe result, this node's own or a peer's, leads to next: the servers it names that this node has
 * not recorded are probed once (its primary and its replicas, unless the DiscoveryIgnore settings exclude
 * them), and a replica whose IO thread lost its primary has that primary probed at once.
 */
final class TopologyFollower {

    private final ReloadableSettings settings;
    private final HostnameResolver names;
    private final ProbeQueue queue;
    private final DiscoveryMemory memory;
    private final Predicate<InstanceKey> polled;

    /** polled: whether a server is already polled here (on the poll timer). */
    TopologyFollower(ReloadableSettings settings, HostnameResolver names, ProbeQueue queue, DiscoveryMemory memory,
            Predicate<InstanceKey> polled) {
        this.settings = settings;
        this.names = names;
        this.queue = queue;
        this.memory = memory;
        this.polled = polled;
    }

    /** Follows a recorded result: the servers it names, and the evidence it carries, gathered at evidenceAt. */
    void follow(Instance instance, Instant evidenceAt) {
        crawl(instance);
        followEvidence(instance, evidenceAt);
    }

    /** DiscoveryIgnoreHostnameFilters, as reloaded last. */
    boolean isIgnored(InstanceKey key) {
        return settings.get().discoveryIgnore().matches(key);
    }

    /**
     * Follows the topology both ways: up to the primary (unless DiscoveryIgnoreMasterHostnameFilters
     * match it) and down to every replica (unless DiscoveryIgnoreReplicaHostnameFilters match it).
     */
    private void crawl(Instance instance) {
        Reloadable s = settings.get();
        if (instance.masterKey() != null && !s.discoveryIgnoreMaster().matches(instance.masterKey())) {
            discoverIfNew(instance.masterKey());
        }
        instance.state().replicaKeys().stream().filter(r -> !s.discoveryIgnoreReplica().matches(r))
                .forEach(this::discoverIfNew);
    }

    /**
     * A server this node has never recorded is probed here once, whoever owns it; from then on a plain replica
     * is polled by its owner only. A new replica left to its owner alone could be learnt late or not at all by
     * the others: they learn it only from the owner's results, and a node that does not yet know the server
     * it hangs under follows nothing to it.
     */
    private void discoverIfNew(InstanceKey reported) {
        InstanceKey key = names.resolve(reported);
        if (polled.test(key) || memory.isForgotten(key) || isIgnored(key)) {
            return;
        }
        queue.poll(key);
    }

    /**
     * A replica whose IO thread lost its primary is evidence: re-probe the primary now, unless a
     * probe of it started after this evidence was gathered.
     */
    private void followEvidence(Instance instance, Instant evidenceAt) {
        ReplicationStatus r = instance.state().replication();
        if (r == null || r.ioThreadRunning() && !r.ioThreadConnecting() && r.lastIoErrno() == 0) {
            return;
        }
        Instant last = memory.lastProbeStart(r.masterKey());
        if (last == null || last.isBefore(evidenceAt)) {
            queue.request(r.masterKey());
        }
    }
}
