package io.quorch.analysis;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.store.InstanceStore;

/**
 * The known servers as the read API, the web UI and the gauges see them. In the application it
 * is {@link FleetMemory}, kept in memory; {@link #of(InstanceStore)} reads the backend on every
 * call (for code built outside CDI).
 */
public interface FleetView {

    /** Clusters are listed by name, their servers by depth, then host and port, as the backend orders them. */
    Comparator<Instance> ORDER = Comparator.comparingInt(Instance::replicationDepth)
            .thenComparing(i -> i.key().hostname()).thenComparingInt(i -> i.key().port());

    List<String> clusterNames();

    List<Instance> cluster(String clusterName);

    List<Instance> all();

    Optional<Instance> read(InstanceKey key);

    /** When each known server was last probed. */
    List<Instant> lastCheckedTimes();

    List<InstanceKey> keys();

    /** Every call goes to the store. */
    static FleetView of(InstanceStore store) {
        return new FleetView() {
            @Override
            public List<String> clusterNames() {
                return store.clusterNames();
            }

            @Override
            public List<Instance> cluster(String clusterName) {
                return store.readCluster(clusterName);
            }

            @Override
            public List<Instance> all() {
                return store.readAll();
            }

            @Override
            public Optional<Instance> read(InstanceKey key) {
                return store.read(key);
            }

            @Override
            public List<Instant> lastCheckedTimes() {
                return store.lastCheckedTimes();
            }

            @Override
            public List<InstanceKey> keys() {
                return store.keys();
            }
        };
    }
}
