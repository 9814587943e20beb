package io.quorch.topology;

import static io.quorch.topology.Servers.k;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** orchestrator's CanReplicateFrom and CanMove, case by case, with its wording. */
class ReplicationRulesTest {

    /** replica 3 (under 1) asks whether it can replicate from its sibling 2, after changes to 2 and to 3. */
    static Stream<Arguments> canReplicateFrom() {
        UnaryOperator<Servers.S> none = s -> s;
        return Stream.of(
                Arguments.of("allowed", none, none, ""),
                Arguments.of("source without binlogs", (UnaryOperator<Servers.S>) s -> {
                    s.logBin = false;
                    return s;
                }, none, "instance does not have binary logs enabled: 127.0.0.1:2"),
                Arguments.of("replica source without log_slave_updates", (UnaryOperator<Servers.S>) s -> {
                    s.logSlaveUpdates = false;
                    return s;
                }, none, "instance does not have log_slave_updates enabled: 127.0.0.1:2"),
                Arguments.of("older replica", none, (UnaryOperator<Servers.S>) s -> {
                    s.version = "10.6.20-MariaDB-log";
                    return s;
                }, "instance 127.0.0.1:3 has version 10.6.20-MariaDB-log, which is lower than 10.11.19-MariaDB-log on"
                        + " 127.0.0.1:2"),
                Arguments.of("newer replica is fine", none, (UnaryOperator<Servers.S>) s -> {
                    s.version = "11.4.2-MariaDB";
                    return s;
                }, ""),
                Arguments.of("statement replica of a row source", none, (UnaryOperator<Servers.S>) s -> {
                    s.format = "STATEMENT";
                    return s;
                }, "Cannot replicate from ROW binlog format on 127.0.0.1:2 to STATEMENT on 127.0.0.1:3"),
                Arguments.of("statement replica without log_slave_updates relays nothing: fine", none,
                        (UnaryOperator<Servers.S>) s -> {
                            s.format = "STATEMENT";
                            s.logSlaveUpdates = false;
                            return s;
                        }, ""),
                Arguments.of("same server_id", (UnaryOperator<Servers.S>) s -> {
                    s.serverId = 7;
                    return s;
                }, (UnaryOperator<Servers.S>) s -> {
                    s.serverId = 7;
                    return s;
                }, "Identical server id: 127.0.0.1:2, 127.0.0.1:3 both have 7"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void canReplicateFrom(String name, UnaryOperator<Servers.S> source, UnaryOperator<Servers.S> replica, String want) {
        Servers t = new Servers().primary(1).replica(2, 1).replica(3, 1).change(2, source).change(3, replica);
        assertEquals(want, ReplicationRules.canReplicateFrom(t.get(3), t.get(2)).orElse(""));
    }

    @Test
    void aServerCannotReplicateFromItself() {
        Servers t = new Servers().primary(1).replica(2, 1);
        assertEquals(Optional.of("instance cannot replicate from itself: 127.0.0.1:2"),
                ReplicationRules.canReplicateFrom(t.get(2), t.get(2)));
    }

    static Stream<Arguments> canMove() {
        return Stream.of(
                Arguments.of("replicating, small lag", (UnaryOperator<Servers.S>) s -> s, ""),
                Arguments.of("lag beyond ReasonableMaintenanceReplicationLagSeconds", (UnaryOperator<Servers.S>) s -> {
                    s.lag = 21L;
                    return s;
                }, "127.0.0.1:2: lags too much"),
                Arguments.of("not replicating", (UnaryOperator<Servers.S>) s -> {
                    s.replicating = false;
                    return s;
                }, "127.0.0.1:2: instance is not replicating"),
                Arguments.of("lag unknown", (UnaryOperator<Servers.S>) s -> {
                    s.lag = null;
                    return s;
                }, "127.0.0.1:2: cannot determine slave lag"),
                Arguments.of("last check failed", (UnaryOperator<Servers.S>) s -> {
                    s.valid = false;
                    return s;
                }, "127.0.0.1:2: last check invalid"),
                Arguments.of("stale", (UnaryOperator<Servers.S>) s -> {
                    s.recent = false;
                    return s;
                }, "127.0.0.1:2: not recently checked"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void canMove(String name, UnaryOperator<Servers.S> change, String want) {
        Servers t = new Servers().primary(1).replica(2, 1).change(2, change);
        assertEquals(want, ReplicationRules.canMove(t.get(2), TopologyTestData.NOW, Duration.ofSeconds(1), 20)
                .orElse(""));
    }

    @Test
    void aGtidMoveNeedsTheSourceToHaveWhatTheReplicaApplied() {
        Servers t = new Servers().primary(1).replica(2, 1).replica(3, 1)
                .change(2, s -> {
                    s.currentPos = "0-1-8";
                    return s;
                }).change(3, s -> {
                    s.slavePos = "0-1-10";
                    return s;
                });
        assertTrue(ReplicationRules.hasNeededTransactions(t.get(3), t.get(2)).orElse("")
                .startsWith("127.0.0.1:2 has not got all transactions 127.0.0.1:3 has applied"));
        assertFalse(ReplicationRules.hasNeededTransactions(t.get(2), t.get(3)).isPresent());
    }

    @Test
    void gtidMovesNeedBothSidesOnGtid() {
        Servers t = new Servers().primary(1).replica(2, 1).replica(3, 1).change(3, s -> {
            s.gtid = false;
            return s;
        });
        assertTrue(ReplicationRules.gtidCompatible(t.get(2), t.get(3)));
        assertEquals(Optional.of("Cannot move via GTID as not both instances use GTID: 127.0.0.1:3, 127.0.0.1:2"),
                ReplicationRules.canMoveViaGtid(t.get(3), t.get(2)));
    }

    @Test
    void descendantsAreFoundThroughChains() {
        Servers t = new Servers().primary(1).replica(2, 1).replica(3, 2).replica(4, 3);
        var all = t.snapshot().instances();
        assertTrue(ReplicationRules.isDescendantOf(k(4), k(2), all));
        assertFalse(ReplicationRules.isDescendantOf(k(2), k(4), all));
    }

    @Test
    void delayedReplicasLagBeyondTheirDelay() {
        var r = TopologyTestData.replicating(k(1), 3605);
        var delayed = new io.quorch.domain.ReplicationStatus(r.masterKey(), true, true, "Yes", "",
                r.readBinlogCoordinates(), r.execBinlogCoordinates(), r.relaylogCoordinates(), "", "", 0, 0, 3605L,
                3600, "", 1, false, "Slave_Pos", "", "", false);
        assertTrue(ReplicationRules.reasonableLag(delayed, 20));
        assertFalse(ReplicationRules.reasonableLag(r, 20));
    }
}
