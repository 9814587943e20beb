package io.quorch.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quorch.domain.InstanceKey;
import io.quorch.domain.RecoveryType;
import io.quorch.domain.TopologyRecovery;

/** The gate of automated recoveries as a table: facts in, decision out. */
class RecoveryGateTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final InstanceKey DEAD = new InstanceKey("db1", 3306);
    private static final InstanceKey OTHER = new InstanceKey("db9", 3306);

    private static TopologyRecovery recovery(long id, String cluster, InstanceKey failed, InstanceKey successor,
            Instant start, boolean resolved) {
        return new TopologyRecovery(id, "u" + id, failed, "DeadMaster", cluster, cluster, "q1", "t1", start,
                resolved ? start.plusSeconds(5) : null, successor, successor != null, List.of(), List.of(),
                List.of(), false, null, "", "", 0, "{}", RecoveryType.AUTOMATIC);
    }

    private static RecoveryGate.Facts facts(boolean disabled, List<String> filters, boolean downtimed,
            List<TopologyRecovery> unresolved, List<TopologyRecovery> unacknowledged) {
        return new RecoveryGate.Facts(DEAD, "DeadMaster", "db1:3306", "main", disabled, filters, downtimed,
                unresolved, unacknowledged, 3600, NOW);
    }

    static Stream<Arguments> cases() {
        List<String> all = List.of("*");
        TopologyRecovery recent = recovery(7, "db1:3306", DEAD, OTHER, NOW.minusSeconds(60), true);
        TopologyRecovery old = recovery(6, "db1:3306", DEAD, OTHER, NOW.minusSeconds(7200), true);
        TopologyRecovery elsewhere = recovery(5, "db5:3306", OTHER, OTHER, NOW.minusSeconds(60), true);
        TopologyRecovery promotedIt = recovery(4, "db5:3306", OTHER, DEAD, NOW.minusSeconds(60), true);
        TopologyRecovery running = recovery(8, "db1:3306", DEAD, null, NOW.minusSeconds(5), false);
        return Stream.of(
                Arguments.of("nothing in the way", facts(false, all, false, List.of(), List.of()), "Go"),
                Arguments.of("switched off", facts(true, all, false, List.of(), List.of()),
                        "Refused: recoveries are disabled globally"),
                Arguments.of("no filter", facts(false, List.of(), false, List.of(), List.of()),
                        "Refused: cluster db1:3306 does not match the recovery cluster filters"),
                Arguments.of("alias filter", facts(false, List.of("alias=main"), false, List.of(), List.of()), "Go"),
                Arguments.of("downtimed", facts(false, all, true, List.of(), List.of()),
                        "Refused: db1:3306 is downtimed"),
                Arguments.of("unfinished recovery", facts(false, all, false, List.of(running), List.of(running)),
                        "Refused: recovery 8 of db1:3306 has not finished"),
                Arguments.of("recent recovery", facts(false, all, false, List.of(), List.of(recent)),
                        "Blocked: blocked by recovery 7"),
                Arguments.of("old recovery", facts(false, all, false, List.of(), List.of(old)), "Go"),
                Arguments.of("another cluster", facts(false, all, false, List.of(), List.of(elsewhere)), "Go"),
                Arguments.of("promoted by a recent recovery", facts(false, all, false, List.of(), List.of(promotedIt)),
                        "Blocked: blocked by recovery 4"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(String name, RecoveryGate.Facts facts, String expected) {
        String got = switch (RecoveryGate.decide(facts)) {
            case RecoveryGate.Decision.Go g -> "Go";
            case RecoveryGate.Decision.Refused r -> "Refused: " + r.why();
            case RecoveryGate.Decision.Blocked b -> "Blocked: " + b.why();
        };
        assertEquals(expected, got);
    }
}
