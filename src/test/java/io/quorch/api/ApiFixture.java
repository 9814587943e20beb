package io.quorch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.function.Executable;

import io.quorch.config.DiscoveryConfig;
import io.quorch.config.HostnameFilters;
import io.quorch.config.Reloadable;
import io.quorch.config.ReloadableSettings;
import io.quorch.config.RecoveryConfig;
import io.quorch.consensus.CommandBus;
import io.quorch.consensus.ReplicatedCommand;
import io.quorch.discovery.DiscoveryMetrics;
import io.quorch.discovery.DiscoveryService;
import io.quorch.discovery.WatchMetrics;
import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.mysql.InstanceProber;
import io.quorch.store.sql.SqlInstanceStore;
import io.quorch.testing.ConfigStub;
import io.quorch.testing.TestBackend;
import io.quorch.topology.TopologyTestData;

/**
 * The read API's parts built by hand over a real SQLite backend, with a command bus that only
 * records what it is given: resources are called as JAX-RS would call them, without HTTP.
 * Nothing here probes a server.
 */
final class ApiFixture implements AutoCloseable {

    /** Hosts matching this are refused by DiscoveryIgnoreHostnameFilters. */
    static final String IGNORED = "ignored\\..*";

    final TestBackend backend;
    final SqlInstanceStore instances;
    final DiscoveryService discovery;
    final List<ReplicatedCommand> submitted = new ArrayList<>();
    final CommandBus commands = submitted::add;
    final ClusterLookup lookup;
    final ReloadableSettings settings;

    ApiFixture(Path dir) {
        backend = TestBackend.sqlite(dir);
        instances = backend.instances();
        settings = new ReloadableSettings(new Reloadable(
                HostnameFilters.of("DiscoveryIgnoreHostnameFilters", List.of(IGNORED), new ArrayList<>()),
                HostnameFilters.NONE, HostnameFilters.NONE, HostnameFilters.NONE, HostnameFilters.NONE, 10,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        DiscoveryConfig config = ConfigStub.of(DiscoveryConfig.class,
                Map.of("ignoreHostnameFilters", Optional.of(List.of(IGNORED))));
        discovery = new DiscoveryService(new InstanceProber(null, config, settings), instances, backend.seeds(),
                backend.aliases(), new DiscoveryMetrics(), null, config, settings, null, new WatchMetrics());
        lookup = new ClusterLookup(instances, backend.aliases(), discovery,
                ConfigStub.of(RecoveryConfig.class, Map.of()), backend.downtimes(), backend.candidates(), settings);
    }

    /**
     * A cluster "127.0.0.1:23306": its primary on 23306 and replicas on the other ports; the
     * cluster is named after its primary's key, as discovery names it.
     */
    void cluster(int... replicaPorts) {
        write(23306, null);
        for (int port : replicaPorts) {
            write(port, 23306);
        }
    }

    Instance write(int port, Integer masterPort) {
        InstanceKey key = TopologyTestData.key(port);
        return instances.writeProbe(key, TopologyTestData.instance(port, masterPort, 0, true).state(),
                TopologyTestData.NOW);
    }

    /** The call is refused with this status, a message containing every given part, and nothing submitted. */
    ApiException refused(int status, Executable call, String... messageParts) {
        ApiException e = assertThrows(ApiException.class, call);
        assertEquals(status, e.status(), e.getMessage());
        for (String part : messageParts) {
            assertTrue(e.getMessage().contains(part), "\"" + e.getMessage() + "\" should name " + part);
        }
        assertEquals(List.of(), submitted, "a refused request must change nothing");
        return e;
    }

    @Override
    public void close() throws Exception {
        Method stop = DiscoveryService.class.getDeclaredMethod("stop");
        stop.setAccessible(true);
        stop.invoke(discovery);
        backend.close();
    }
}
