package io.quorch.discovery;

import java.time.Duration;
import java.util.List;

import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;

/** What recovery asks of discovery: probe a server now or soon, its known replicas, the poll interval. */
public interface TopologyProbes {

    /** Probes the server now (joining a probe already running) and returns what was recorded. */
    Instance probeNow(InstanceKey key, Duration timeout);

    /** Asks for a probe as soon as a worker is free; returns at once. */
    void requestProbe(InstanceKey key);

    /** The known replicas of a server. */
    List<InstanceKey> replicaKeys(InstanceKey key);

    Duration pollInterval();
}
