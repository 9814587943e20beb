package io.quorch.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quorch.domain.FailureDetection;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.PromotionRule;
import io.quorch.domain.RecoveryStep;
import io.quorch.domain.TopologyRecovery;
import io.quorch.domain.AckSelector;

class CommandCodecTest {

    private static final Instant AT = Instant.parse("2026-11-26T12:00:00.123Z");
    private static final InstanceKey K = new InstanceKey("db1", 3306);

    static List<ReplicatedCommand> everyKind() {
        return List.of(
                new ReplicatedCommand.Discover(K, AT),
                new ReplicatedCommand.Forget(K, AT),
                new ReplicatedCommand.ForgetCluster("db1:3306", AT),
                new ReplicatedCommand.SetClusterAlias("db1:3306", "main", AT),
                new ReplicatedCommand.BeginDowntime(K, "ops", "maintenance", AT.plusSeconds(60), AT),
                new ReplicatedCommand.EndDowntime(K, AT),
                new ReplicatedCommand.BeginMaintenance(K, "ops", "disk swap", AT.plusSeconds(600), AT),
                new ReplicatedCommand.EndMaintenance(K, AT),
                new ReplicatedCommand.RegisterCandidate(K, PromotionRule.PREFER_NOT, AT),
                new ReplicatedCommand.AckRecovery(new AckSelector.All(), "me", "ok", AT),
                new ReplicatedCommand.AckRecovery(new AckSelector.Cluster("db1:3306"), "me", "ok", AT),
                new ReplicatedCommand.AckRecovery(new AckSelector.Id(7), "me", "ok", AT),
                new ReplicatedCommand.AckRecovery(new AckSelector.Uid("u-1"), "me", "ok", AT),
                new ReplicatedCommand.AckRecovery(new AckSelector.Instance(K), "me", "ok", AT),
                new ReplicatedCommand.SetGlobalRecoveries(true, AT),
                new ReplicatedCommand.RegisterFailureDetection(new FailureDetection(3, K, "DeadMaster", "db1:3306",
                        "main", 2, true, "q1", "t1", AT, "{\"a\":1}")),
                new ReplicatedCommand.WriteRecovery(new TopologyRecovery(4, "u-1", K, "DeadMaster", "db1:3306", "main",
                        "q1", "t1", AT, null, null, false, List.of(), List.of(K), List.of(), false, null, "", "", 3,
                        "{}", io.quorch.domain.RecoveryType.AUTOMATIC)),
                new ReplicatedCommand.WriteRecoveryStep(new RecoveryStep("u-1", 2, AT, "promoted db2:3306")),
                new ReplicatedCommand.SetLeaderUri("n1_10008", "http://n1:3000", AT),
                new ReplicatedCommand.ResolveRecovery("u-1", true, new InstanceKey("db2", 3306),
                        List.of(new InstanceKey("db3", 3306)), List.of(K), List.of("an error"), AT),
                new ReplicatedCommand.PurgeHistory(AT.minusSeconds(7 * 86400), AT),
                new ReplicatedCommand.ReloadConfiguration("/etc/quorch/extra.conf.json", AT),
                new ReplicatedCommand.SetProbeAssignment(List.of(new io.quorch.domain.ProbeNode("n1:10008",
                        "http://n1:3000", "east"), new io.quorch.domain.ProbeNode("n2:10008", "https://n2:3000", "")),
                        AT));
    }

    @Test
    void everyCommandKindSurvivesTheRoundTrip() {
        List<ReplicatedCommand> all = everyKind();
        assertEquals(ReplicatedCommand.class.getPermittedSubclasses().length,
                all.stream().map(Object::getClass).distinct().count(), "a case for every kind");
        for (ReplicatedCommand c : all) {
            assertEquals(c, CommandCodec.decode(CommandCodec.encode(c)), c.getClass().getSimpleName());
        }
    }

    @Test
    void theEnvelopeIsVersionedAndNamed() {
        String json = new String(CommandCodec.encode(new ReplicatedCommand.EndDowntime(K, AT)), StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\"v\":1,\"type\":\"EndDowntime\",\"data\":{"), json);
        assertTrue(json.contains("\"2026-11-26T12:00:00.123Z\""), json);
    }

    @Test
    void refusesWhatItCannotApply() {
        assertThrows(CommandCodec.CorruptCommandException.class,
                () -> CommandCodec.decode("not json".getBytes(StandardCharsets.UTF_8)));
        assertThrows(CommandCodec.CorruptCommandException.class,
                () -> CommandCodec.decode("{\"v\":2,\"type\":\"EndDowntime\",\"data\":{}}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(CommandCodec.CorruptCommandException.class,
                () -> CommandCodec.decode("{\"v\":1,\"type\":\"DropAll\",\"data\":{}}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(CommandCodec.CorruptCommandException.class,
                () -> CommandCodec.decode("{\"v\":1,\"type\":\"EndDowntime\",\"data\":{\"key\":{\"hostname\":\"\",\"port\":0}}}"
                        .getBytes(StandardCharsets.UTF_8)));
    }
}
