package io.quorch.consensus;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quorch.consensus.ReplicatedCommand.AckRecovery;
import io.quorch.consensus.ReplicatedCommand.BeginDowntime;
import io.quorch.consensus.ReplicatedCommand.BeginMaintenance;
import io.quorch.consensus.ReplicatedCommand.EndMaintenance;
import io.quorch.consensus.ReplicatedCommand.Discover;
import io.quorch.consensus.ReplicatedCommand.EndDowntime;
import io.quorch.consensus.ReplicatedCommand.Forget;
import io.quorch.consensus.ReplicatedCommand.ForgetCluster;
import io.quorch.consensus.ReplicatedCommand.PurgeHistory;
import io.quorch.consensus.ReplicatedCommand.RegisterCandidate;
import io.quorch.consensus.ReplicatedCommand.RegisterFailureDetection;
import io.quorch.consensus.ReplicatedCommand.ResolveRecovery;
import io.quorch.consensus.ReplicatedCommand.SetClusterAlias;
import io.quorch.consensus.ReplicatedCommand.SetGlobalRecoveries;
import io.quorch.consensus.ReplicatedCommand.SetLeaderUri;
import io.quorch.consensus.ReplicatedCommand.WriteRecovery;
import io.quorch.consensus.ReplicatedCommand.WriteRecoveryStep;
import io.quorch.domain.AckSelector;
import io.quorch.domain.FailureDetection;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.PromotionRule;
import io.quorch.domain.RecoveryStep;
import io.quorch.domain.RecoveryType;
import io.quorch.domain.TopologyRecovery;

class CommandValidatorTest {

    private static final Instant AT = Instant.parse("2026-11-26T12:00:00Z");
    private static final InstanceKey K = new InstanceKey("db1", 3306);
    private static final String NUL = "a\u0000b";
    private static final String LONE_SURROGATE = "a\ud800b";

    private static String chars(int n) {
        return "x".repeat(n);
    }

    /** Refused, with a message that names the problem. */
    private static void refused(ReplicatedCommand c, String expected) {
        InvalidCommandException e = assertThrows(InvalidCommandException.class, () -> CommandValidator.validate(c),
                c.toString());
        assertTrue(e.getMessage().contains(expected), e.getMessage() + " should mention " + expected);
    }

    private static void accepted(ReplicatedCommand c) {
        assertDoesNotThrow(() -> CommandValidator.validate(c), c.getClass().getSimpleName());
    }

    @Test
    void everyKindAsTheApplicationIssuesItIsAccepted() {
        CommandCodecTest.everyKind().forEach(CommandValidatorTest::accepted);
        assertEquals(ReplicatedCommand.class.getPermittedSubclasses().length,
                CommandCodecTest.everyKind().stream().map(Object::getClass).distinct().count());
    }

    @Test
    void instantsStayWithinWhatEpochMillisAndTheBackendHold() {
        accepted(new Discover(K, CommandValidator.LATEST));
        accepted(new Discover(K, Instant.EPOCH));
        refused(new Discover(K, CommandValidator.LATEST.plusMillis(1)), "out of range");
        refused(new Discover(K, Instant.MAX), "out of range");
        refused(new Discover(K, Instant.EPOCH.minusMillis(1)), "out of range");
        refused(new Discover(K, null), "at missing");
        refused(new Forget(null, AT), "key missing");
        refused(new SetGlobalRecoveries(true, Instant.MIN), "out of range");
        refused(new EndDowntime(K, Instant.MAX), "out of range");
    }

    @Test
    void downtimeIsPositiveAndAtMostTenYears() {
        accepted(new BeginDowntime(K, "ops", "why", AT.plus(CommandValidator.MAX_DOWNTIME), AT));
        accepted(new BeginDowntime(K, "ops", "", AT.plusMillis(1), AT));
        refused(new BeginDowntime(K, "ops", "why", AT.plus(CommandValidator.MAX_DOWNTIME).plusMillis(1), AT),
                "longer than 3653 days");
        // the API example: a duration of 10^16 seconds
        refused(new BeginDowntime(K, "ops", "why", AT.plusSeconds(10_000_000_000_000_000L), AT), "out of range");
        refused(new BeginDowntime(K, "ops", "why", AT, AT), "must end after it begins");
        refused(new BeginDowntime(K, "ops", "why", AT.minusSeconds(1), AT), "must end after it begins");
        refused(new BeginDowntime(K, chars(129), "why", AT.plusSeconds(60), AT), "owner longer than 128");
        accepted(new BeginDowntime(K, chars(128), "why", AT.plusSeconds(60), AT));
        refused(new BeginDowntime(K, "", "why", AT.plusSeconds(60), AT), "owner must not be empty");
        refused(new BeginDowntime(K, NUL, "why", AT.plusSeconds(60), AT), "NUL");
        refused(new BeginDowntime(K, "ops", NUL, AT.plusSeconds(60), AT), "NUL");
        refused(new BeginDowntime(K, "ops", LONE_SURROGATE, AT.plusSeconds(60), AT), "unpaired surrogate");
        accepted(new BeginDowntime(K, "\ud83d\ude00".repeat(128), "\ud83d\ude00", AT.plusSeconds(60), AT));
        refused(new BeginDowntime(K, "ops", chars(SchemaLimits.TEXT_BYTES + 1), AT.plusSeconds(60), AT),
                "reason longer than");
        refused(new BeginDowntime(K, "ops", null, AT.plusSeconds(60), AT), "reason missing");
    }

    @Test
    void stringsFitTheirColumns() {
        accepted(new SetClusterAlias(chars(300), chars(255), AT));
        refused(new SetClusterAlias(chars(301), "a", AT), "cluster name longer than 300");
        refused(new SetClusterAlias("c", chars(256), AT), "alias longer than 255");
        refused(new SetClusterAlias("c", " ", AT), "alias must not be empty");
        refused(new SetClusterAlias("c", NUL, AT), "NUL");
        accepted(new ForgetCluster(chars(300), AT));
        refused(new ForgetCluster(chars(301), AT), "longer than 300");
        refused(new ForgetCluster("", AT), "must not be empty");
        refused(new AckRecovery(new AckSelector.All(), chars(129), "c", AT), "acknowledging user longer than 128");
        refused(new AckRecovery(new AckSelector.All(), "me", null, AT), "comment missing");
        refused(new AckRecovery(new AckSelector.Uid(chars(129)), "me", "c", AT), "uid longer than 128");
        refused(new AckRecovery(new AckSelector.Cluster(chars(301)), "me", "c", AT), "longer than 300");
        refused(new AckRecovery(new AckSelector.Id(0), "me", "c", AT), "must be positive");
        refused(new AckRecovery(new AckSelector.Id(-5), "me", "c", AT), "must be positive");
        refused(new AckRecovery(null, "me", "c", AT), "missing");
        refused(new AckRecovery(new AckSelector.Instance(null), "me", "c", AT), "instance missing");
    }

    @Test
    void rulesAreValid() {
        accepted(new RegisterCandidate(K, PromotionRule.MUST_NOT, AT));
        refused(new RegisterCandidate(K, null, AT), "promotion rule missing");
        refused(new RegisterCandidate(K, PromotionRule.MUST, AT), "\"must\"");
    }

    @Test
    void recoveryOutcomesFitTheirColumns() {
        FailureDetection good = new FailureDetection(3, K, "DeadMaster", "c", "", 0, true, "q1", "t1", AT, null);
        accepted(new RegisterFailureDetection(good));
        refused(new RegisterFailureDetection(null), "missing");
        accepted(new RegisterFailureDetection(new FailureDetection(0, K, "DeadMaster", "c", "", 0, true, "q1", "t1",
                AT, null)));
        refused(new RegisterFailureDetection(new FailureDetection(-1, K, "DeadMaster", "c", "", 0, true, "q1", "t1",
                AT, null)), "detection id must not be negative");
        refused(new RegisterFailureDetection(new FailureDetection(3, K, chars(129), "c", "", 0, true, "q1", "t1", AT,
                null)), "analysis longer than 128");
        refused(new RegisterFailureDetection(new FailureDetection(3, K, "DeadMaster", "c", null, 0, true, "q1", "t1",
                AT, null)), "cluster alias missing");
        refused(new RegisterFailureDetection(new FailureDetection(3, K, "DeadMaster", "c", "", -1, true, "q1", "t1",
                AT, null)), "must not be negative");
        TopologyRecovery r = new TopologyRecovery(4, "u-1", K, "DeadMaster", "c", "", "q1", "t1", AT, null, null,
                false, List.of(), List.of(K), List.of(), false, null, null, null, 0, null, RecoveryType.AUTOMATIC);
        accepted(new WriteRecovery(r));
        refused(new WriteRecovery(new TopologyRecovery(4, "u-1", K, "DeadMaster", "c", "", "q1", "t1", AT, null, null,
                false, List.of(), List.of(), List.of(), false, null, null, null, 0, null, null)),
                "recovery type missing");
        refused(new WriteRecovery(new TopologyRecovery(-1, "u-1", K, "DeadMaster", "c", "", "q1", "t1", AT, null, null,
                false, List.of(), List.of(), List.of(), false, null, null, null, 0, null, RecoveryType.MANUAL)),
                "recovery id must not be negative");
        refused(new WriteRecovery(new TopologyRecovery(4, "", K, "DeadMaster", "c", "", "q1", "t1", AT, null, null,
                false, List.of(), List.of(), List.of(), false, null, null, null, 0, null, RecoveryType.MANUAL)),
                "uid must not be empty");
        refused(new WriteRecoveryStep(new RecoveryStep("u-1", -1, AT, "m")), "must not be negative");
        refused(new WriteRecoveryStep(new RecoveryStep("u-1", 1, AT, NUL)), "NUL");
        refused(new WriteRecoveryStep(new RecoveryStep("u-1", 1, null, "m")), "step time missing");
        refused(new ResolveRecovery("u-1", true, null, null, List.of(), List.of(), AT), "lost replicas missing");
        refused(new ResolveRecovery("u-1", true, null, List.of(), List.of(), List.of(NUL), AT), "NUL");
        refused(new ResolveRecovery("u-1", true, null, List.of(), List.of(),
                List.of(chars(SchemaLimits.TEXT_BYTES / 2), chars(SchemaLimits.TEXT_BYTES / 2)), AT),
                "errors longer than");
        accepted(new ResolveRecovery("u-1", false, null, List.of(), List.of(), List.of(), AT));
    }

    @Test
    void leaderUriIsOneWordEach() {
        accepted(new SetLeaderUri("n1_10008", "http://n1:3000", AT));
        refused(new SetLeaderUri("n1 10008", "http://n1:3000", AT), "leader id");
        refused(new SetLeaderUri("n1", "", AT), "leader URI");
        refused(new SetLeaderUri("n1", null, AT), "leader URI");
    }

    @Test
    void purgeCutoffIsNotInTheFuture() {
        accepted(new PurgeHistory(AT.minus(Duration.ofDays(7)), AT));
        accepted(new PurgeHistory(AT, AT));
        refused(new PurgeHistory(AT.plusSeconds(1), AT), "after the purge itself");
        refused(new PurgeHistory(Instant.MIN, AT), "out of range");
    }

    @Test
    void hostsAreCheckedAgainWhereverAKeyCameFrom() {
        // InstanceKey refuses bad hosts when it is made; the validator also holds the key to its column
        accepted(new Discover(new InstanceKey(chars(63) + "." + chars(63) + "." + chars(63) + "." + chars(61), 1),
                AT));
        assertThrows(IllegalArgumentException.class, () -> new InstanceKey("db1; DROP", 3306));
    }

    @Test
    void aWholeEntryStaysSmall() {
        refused(new ResolveRecovery("u-1", true, null, java.util.stream.IntStream.range(0, 20_000)
                .mapToObj(i -> new InstanceKey("host-" + i + ".example.com", 3306)).toList(), List.of(),
                List.of(), AT), "longer than");
    }

    @Test
    void aReloadNamesNoFileOrAPlainOne() {
        accepted(new ReplicatedCommand.ReloadConfiguration(null, AT));
        accepted(new ReplicatedCommand.ReloadConfiguration("/etc/quorch/extra.conf.json", AT));
        refused(new ReplicatedCommand.ReloadConfiguration("", AT), "configuration file");
        refused(new ReplicatedCommand.ReloadConfiguration("a\nb.json", AT), "configuration file");
        refused(new ReplicatedCommand.ReloadConfiguration("x".repeat(5000), AT), "configuration file");
    }

    @Test
    void aProbeAssignmentNamesDistinctNodesWithPlainUrlsAndDataCenters() {
        var ok = new io.quorch.domain.ProbeNode("n1:10008", "http://n1:3000", "east-1");
        accepted(new ReplicatedCommand.SetProbeAssignment(List.of(), AT));
        accepted(new ReplicatedCommand.SetProbeAssignment(List.of(ok), AT));
        refused(new ReplicatedCommand.SetProbeAssignment(List.of(ok, ok), AT), "named twice");
        refused(new ReplicatedCommand.SetProbeAssignment(List.of(new io.quorch.domain.ProbeNode("n 1", "http://n1:3000",
                "")), AT), "one word");
        refused(new ReplicatedCommand.SetProbeAssignment(List.of(new io.quorch.domain.ProbeNode("n1", "file:///etc",
                "")), AT), "http(s)://");
        refused(new ReplicatedCommand.SetProbeAssignment(List.of(new io.quorch.domain.ProbeNode("n1", "http://n1/x?y",
                "")), AT), "http(s)://");
        refused(new ReplicatedCommand.SetProbeAssignment(List.of(new io.quorch.domain.ProbeNode("n1", "http://n1:3000",
                "a\tb")), AT), "data center");
        refused(new ReplicatedCommand.SetProbeAssignment(java.util.stream.IntStream.range(0, 65)
                .mapToObj(i -> new io.quorch.domain.ProbeNode("n" + i, "http://n:1", "")).toList(), AT), "0 to 64");
    }

    @Test
    void maintenanceIsPositiveAtMostTenYearsAndFitsItsColumns() {
        accepted(new BeginMaintenance(K, "ops", "why", AT.plusMillis(1), AT));
        accepted(new BeginMaintenance(K, "ops", "", AT.plus(CommandValidator.MAX_DOWNTIME), AT));
        refused(new BeginMaintenance(K, "ops", "why", AT.plus(CommandValidator.MAX_DOWNTIME).plusMillis(1), AT),
                "maintenance longer than 3653 days");
        refused(new BeginMaintenance(K, "ops", "why", AT, AT), "maintenance must end after it begins");
        refused(new BeginMaintenance(K, "ops", "why", AT.plusSeconds(10_000_000_000_000_000L), AT), "out of range");
        refused(new BeginMaintenance(K, chars(129), "why", AT.plusSeconds(60), AT), "owner longer than 128");
        refused(new BeginMaintenance(K, " ", "why", AT.plusSeconds(60), AT), "owner must not be empty");
        refused(new BeginMaintenance(K, "ops", NUL, AT.plusSeconds(60), AT), "NUL");
        refused(new BeginMaintenance(K, "ops", null, AT.plusSeconds(60), AT), "reason missing");
        refused(new BeginMaintenance(null, "ops", "why", AT.plusSeconds(60), AT), "key missing");
        refused(new BeginMaintenance(K, "ops", "why", null, AT), "maintenance end missing");
        refused(new EndMaintenance(null, AT), "key missing");
        refused(new EndMaintenance(K, Instant.MAX), "out of range");
    }
}
