package io.quorch.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quorch.config.DiscoveryConfig;
import io.quorch.config.MySqlAccessConfig;
import io.quorch.config.Reloadable;
import io.quorch.config.ReloadableSettings;
import io.quorch.domain.Flavor;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.ServerState;
import io.quorch.mysql.InstanceProber;
import io.quorch.mysql.MySqlConnector;
import io.quorch.mysql.ProbeException;
import io.quorch.mysql.ReplicationCommander;
import io.quorch.mysql.ReplicationCommander.Target;
import io.quorch.mysql.WatchConnection;
import io.quorch.testing.Await;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The simulator seen through quorch's own Connector/J code: the prober reads the identities and
 * topology it serves, a killed or paused server looks like one, and the commands of a failover
 * change what the next probes see. No statement quorch sends may be unknown to it.
 */
class SimulatorTest {

    private Simulator sim;
    private MySqlConnector connector;
    private InstanceProber prober;
    private ReplicationCommander commander;

    @BeforeEach
    void start() throws Exception {
        // two clusters of 1 + 4; the first has its last replica under its first (chained)
        sim = Simulator.start(10, 0, 4, 2);
        Map<String, String> props = Map.of("quorch.mysql.user", "quorch", "quorch.mysql.password", "quorch",
                "quorch.mysql.read-timeout-seconds", "1", "quorch.mysql.connect-timeout-seconds", "1");
        var config = new SmallRyeConfigBuilder().withMapping(MySqlAccessConfig.class).withMapping(DiscoveryConfig.class)
                .withSources(new PropertiesConfigSource(props, "test", 100)).build();
        connector = new MySqlConnector(config.getConfigMapping(MySqlAccessConfig.class));
        prober = new InstanceProber(connector, config.getConfigMapping(DiscoveryConfig.class),
                new ReloadableSettings(Reloadable.DEFAULTS));
        commander = new ReplicationCommander(connector, config.getConfigMapping(MySqlAccessConfig.class));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private InstanceKey key(int n) {
        return new InstanceKey(SimFleet.address(n), sim.port());
    }

    private ServerState probe(int n) {
        return prober.probe(key(n));
    }

    @Test
    void eachAddressIsItsOwnServerInItsCluster() {
        ServerState primary = probe(0);
        assertEquals(1000, primary.serverId());
        assertEquals(Flavor.MARIADB, primary.flavor());
        assertFalse(primary.readOnly());
        assertNull(primary.replication());
        assertEquals(List.of(key(1), key(2), key(3)), primary.replicaKeys(), "the chained replica is not the primary's");
        assertTrue(primary.logBinEnabled() && primary.logReplicationUpdatesEnabled());

        ServerState replica = probe(2);
        assertEquals(1002, replica.serverId());
        assertTrue(replica.readOnly());
        assertEquals(key(0), replica.replication().masterKey());
        assertTrue(replica.replication().replicating());
        assertTrue(replica.usingMariaDbGtid());
        assertEquals(0L, replica.replicationLagSeconds());

        assertEquals(key(1), probe(4).replication().masterKey(), "chained under the first replica");
        assertEquals(List.of(key(4)), probe(1).replicaKeys());
        assertEquals(key(5), probe(6).replication().masterKey(), "the second cluster is not chained");
        assertEquals(SimReplicaStatus.COLUMNS.size(), SimReplicaStatus.row(sim.fleet(), sim.fleet().server(
                SimFleet.address(2))).size());
        assertEquals(List.of(), sim.log().unknownStatements());
    }

    @Test
    void aKilledPrimaryRefusesAndItsReplicasLoseTheirIoThread() throws Exception {
        probe(0);
        try (WatchConnection watch = WatchConnection.open(connector, key(0), 1000)) {
            sim.fleet().kill(SimFleet.address(0));
            assertTrue(watch.awaitEnd(2000), "the open connection ends when the server is killed");
        }
        assertThrows(ProbeException.class, () -> probe(0));
        var r = probe(2).replication();
        assertFalse(r.ioThreadRunning());
        assertTrue(r.ioThreadConnecting());
        assertTrue(r.sqlThreadRunning());
        assertEquals(2003, r.lastIoErrno());
        assertNull(r.secondsBehindMaster());
        assertTrue(probe(4).replication().replicating(), "a replica under a live intermediate primary replicates");

        sim.fleet().revive(SimFleet.address(0));
        assertEquals(1000, probe(0).serverId());
        assertTrue(probe(2).replication().replicating());
    }

    @Test
    void aPausedServerAcceptsButNeverAnswersAndLatencyDelaysAnswers() {
        sim.fleet().latency(SimFleet.address(5), 300);
        assertTrue(probe(5).probeLatencyMillis() >= 300);
        sim.fleet().latency(SimFleet.address(5), 0);
        sim.fleet().pause(SimFleet.address(5), true);
        long start = System.nanoTime();
        assertThrows(ProbeException.class, () -> probe(5));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 900, "it timed out, was not refused");
        sim.fleet().pause(SimFleet.address(5), false);
        assertEquals(1005, probe(5).serverId());
    }

    @Test
    void aFailoverByGtidIsHonoured() {
        Target dead = Target.of(key(0), probe(0));
        Await.until("the primary's first transactions", Duration.ofSeconds(2),
                () -> !commander.gtidPosition(dead).isEmpty());
        sim.fleet().kill(SimFleet.address(0));
        Target promoted = Target.of(key(1), probe(1));
        Target other = Target.of(key(2), probe(2));
        commander.stopIoThread(promoted);
        assertTrue(commander.waitRelayLogApplied(promoted, Duration.ofSeconds(2)));
        commander.resetReplicaAll(promoted);
        commander.setReadOnly(promoted, false);
        commander.repointByGtid(other, key(1));
        String position = commander.gtidPosition(promoted);
        assertTrue(position.startsWith("0-"), position);
        assertTrue(commander.waitForGtid(other, position, Duration.ofSeconds(5)));

        ServerState p = probe(1);
        assertNull(p.replication());
        assertFalse(p.readOnly());
        assertTrue(p.replicaKeys().containsAll(List.of(key(2), key(4))), p.replicaKeys().toString());
        ServerState o = probe(2);
        assertEquals(key(1), o.replication().masterKey());
        assertTrue(o.replication().replicating());
        // the new primary writes: its transactions reach the repointed replica
        String later = Await.until("a transaction of the new primary", Duration.ofSeconds(2),
                () -> commander.gtidPosition(promoted).startsWith("0-1001-") ? commander.gtidPosition(promoted) : null);
        assertTrue(commander.waitForGtid(other, later, Duration.ofSeconds(5)));

        assertThrows(RuntimeException.class, () -> commander.changeMaster(other, key(3), false),
                "CHANGE MASTER on a running replica is refused, as MariaDB does");
        assertEquals(dead.key(), key(0));
        assertEquals(List.of(), sim.log().unknownStatements());
    }
}
