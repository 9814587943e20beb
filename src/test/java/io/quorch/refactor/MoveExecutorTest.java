package io.quorch.refactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quorch.config.MySqlAccessConfig;
import io.quorch.domain.BinlogCoordinates;
import io.quorch.domain.InstanceKey;
import io.quorch.mysql.ReplicaCommands;
import io.quorch.mysql.ReplicaSettings;
import io.quorch.mysql.ReplicationCommander.Target;
import io.quorch.recovery.RecoveryCommands;
import io.quorch.testing.FakeLeadership;
import io.quorch.topology.Move;
import io.quorch.topology.TopologySnapshot;
import io.quorch.topology.TopologyTestData;

/** The order of a move's statements, and what a move that fails half way leaves behind. */
class MoveExecutorTest {

    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    /** A call ("changeMasterToCoordinates 3") that matches throws. */
    String failing = "";

    ReplicaCommands servers() {
        return (ReplicaCommands) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ReplicaCommands.class},
                (proxy, method, args) -> {
                    String call = method.getName() + " " + ((Target) args[0]).key().port();
                    calls.add(call);
                    if (call.equals(failing)) {
                        throw new IllegalStateException("Lost connection to server during query");
                    }
                    return switch (method.getName()) {
                        case "replicaSettings" -> new ReplicaSettings(TopologyTestData.key(1), "repl",
                                new BinlogCoordinates("mysql-bin.000001", 100), true, true, "0-1-10",
                                Map.of("MASTER_SSL", "0"));
                        case "binlogPosition" -> new BinlogCoordinates("mysql-bin.000001", 100);
                        case "startReplicationUntil", "waitForGtid", "waitRelayLogApplied" -> true;
                        case "gtidPosition" -> "0-1-10";
                        default -> null;
                    };
                });
    }

    MoveExecutor executor() {
        MySqlAccessConfig mysql = new io.smallrye.config.SmallRyeConfigBuilder().withMapping(MySqlAccessConfig.class)
                .build().getConfigMapping(MySqlAccessConfig.class);
        return new MoveExecutor(new RecoveryCommands(servers(), FakeLeadership.leading()), mysql);
    }

    static TopologySnapshot chain() {
        return TopologySnapshot.of(List.of(TopologyTestData.instance(1, null, 0, true),
                TopologyTestData.instance(2, 1, 1, true), TopologyTestData.instance(3, 2, 2, true)), k -> false, 20,
                Instant.now(), Duration.ofSeconds(1));
    }

    static InstanceKey k(int port) {
        return TopologyTestData.key(port);
    }

    @Test
    void moveUpStopsTheParentThenRunsTheReplicaUntilTheParentsPosition() {
        List<String> notes = executor().run(new Move.MoveUp(k(3), k(2), k(1)), chain());
        List<String> changes = calls.stream().filter(c -> !c.startsWith("replicaSettings")).toList();
        assertEquals(List.of("stopReplication 2", "stopReplication 3", "binlogPosition 2",
                "changeMasterToCoordinates 3", "startReplication 2", "startReplication 3"), changes);
        assertTrue(notes.contains("127.0.0.1:3 kept user repl, MASTER_SSL=0"), notes.toString());
    }

    @Test
    void aMoveThatFailsAtChangeMasterStartsEveryServerItStoppedAgain() {
        failing = "changeMasterToCoordinates 3";
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> executor().run(new Move.MoveBelow(k(3), k(2)), chain()));
        assertTrue(e.getMessage().contains("Lost connection"), e.getMessage());
        assertTrue(calls.containsAll(List.of("startReplication 3", "startReplication 2")), calls.toString());
    }

    @Test
    void takeMasterByGtidCatchesTheReplicaUpBeforeSwapping() {
        executor().run(new Move.TakeMaster(k(3), k(2), k(1), true), chain());
        List<String> changes = calls.stream().filter(c -> !c.startsWith("replicaSettings")).toList();
        assertEquals(List.of("stopReplication 2", "gtidPosition 2", "waitForGtid 3", "stopReplication 3",
                "changeMaster 3", "changeMaster 2", "startReplication 2", "startReplication 3"), changes);
    }

    static TopologySnapshot flat() {
        return TopologySnapshot.of(List.of(TopologyTestData.instance(1, null, 0, true),
                TopologyTestData.instance(2, 1, 1, true), TopologyTestData.instance(3, 1, 1, true)), k -> false, 20,
                Instant.now(), Duration.ofSeconds(1));
    }

    @Test
    void aGtidMoveAsksTheNewSourceToAnswerRightBeforePointingTheReplicaAtIt() {
        executor().run(new Move.ViaGtid(k(3), k(2)), flat());
        List<String> changes = calls.stream().filter(c -> !c.startsWith("replicaSettings")).toList();
        assertEquals(List.of("stopReplication 3", "waitForGtid 2", "gtidPosition 2", "changeMaster 3",
                "startReplication 3"), changes);
    }

    @Test
    void aNewSourceThatDiedDuringTheMoveFailsItWithTheReplicaStartedWhereItWas() {
        failing = "gtidPosition 2";
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> executor().run(new Move.ViaGtid(k(3), k(2)), flat()));
        assertEquals("the new source 127.0.0.1:2 does not answer: Lost connection to server during query", e.getMessage());
        assertTrue(calls.stream().noneMatch(c -> c.startsWith("changeMaster")), calls.toString());
        assertEquals("startReplication 3", calls.get(calls.size() - 1), calls.toString());
    }
}
