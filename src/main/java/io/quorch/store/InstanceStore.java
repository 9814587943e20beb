package io.quorch.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.ServerState;

/** The node's picture of every known server (never through the raft log: probed here or received from a peer). */
public interface InstanceStore {

    /** Records a successful probe; places the server in its cluster from its primary's row. */
    Instance writeProbe(InstanceKey key, ServerState state, Instant now);

    /** Records a failed probe of a known server; unknown servers are left unknown. */
    Optional<Instance> writeFailure(InstanceKey key, Instant now, String error);

    Optional<Instance> read(InstanceKey key);

    List<Instance> readAll();

    List<Instance> readCluster(String clusterName);

    List<Instance> replicasOf(InstanceKey key);

    List<InstanceKey> keys();

    List<String> clusterNames();

    /** When each known server was last probed (cheap: no details). */
    List<Instant> lastCheckedTimes();

    boolean forget(InstanceKey key);

    int forgetCluster(String clusterName);
}
