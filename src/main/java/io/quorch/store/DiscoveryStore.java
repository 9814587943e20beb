package io.quorch.store;

import java.time.Instant;
import java.util.List;

import io.quorch.domain.InstanceKey;

/** Seeds to discover: servers a user asked for, which each node then probes on its own. */
public interface DiscoveryStore {

    void addSeed(InstanceKey key, Instant at);

    List<InstanceKey> seeds();

    void removeSeed(InstanceKey key);
}
