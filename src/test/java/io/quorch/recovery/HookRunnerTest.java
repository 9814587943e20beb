package io.quorch.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.config.RecoveryConfig;
import io.quorch.domain.InstanceKey;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Hooks run through a real bash. */
class HookRunnerTest {

    @TempDir
    Path dir;

    static HookRunner runner(int timeoutSeconds) {
        var config = new SmallRyeConfigBuilder().withMapping(RecoveryConfig.class)
                .withSources(new PropertiesConfigSource(Map.of("quorch.recovery.hooks.timeout-seconds",
                        Integer.toString(timeoutSeconds)), "test", 100))
                .build().getConfigMapping(RecoveryConfig.class);
        return new HookRunner(config);
    }

    static HookContext context() {
        return new HookContext("DeadMaster", "Primary cannot be reached", new InstanceKey("db1", 3306), "db1:3306",
                "main", 2, List.of(new InstanceKey("db2", 3306), new InstanceKey("db3", 3306)), true, false,
                new InstanceKey("db2", 3306), List.of(new InstanceKey("db3", 3306)), true, "recover", "q1");
    }

    @Test
    void placeholdersAndEnvironment() throws Exception {
        Path out = dir.resolve("out");
        List<HookRunner.Result> seen = new ArrayList<>();
        var results = runner(10).run("test", List.of(
                "echo {failureType} {failedHost}:{failedPort} {failureCluster} {failureClusterAlias} {countReplicas}"
                        + " {successorHost}:{successorPort} {lostReplicas} {isSuccessful} {command} > " + out,
                "echo $ORC_FAILURE_TYPE $ORC_FAILED_HOST $ORC_SUCCESSOR_HOST $ORC_REPLICA_HOSTS >> " + out),
                context(), true, seen::add);
        assertEquals(2, results.size());
        assertEquals(2, seen.size());
        assertTrue(results.stream().allMatch(HookRunner.Result::ok));
        assertEquals("DeadMaster db1:3306 db1:3306 main 2 db2:3306 db3:3306 true recover\n"
                + "DeadMaster db1 db2 db2:3306,db3:3306\n", Files.readString(out));
    }

    @Test
    void aFailingHookStopsTheRestWhenAsked() {
        var runner = runner(10);
        var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        runner.quorchMetrics = new io.quorch.metrics.QuorchMetrics(registry);
        var results = runner.run("pre", List.of("echo before; exit 3", "echo never"), context(), true, r -> {
        });
        assertEquals(1, results.size());
        assertEquals(3, results.get(0).exitCode());
        assertEquals("before\n", results.get(0).output());
        assertFalse(results.get(0).ok());
        runner.run("post", List.of("true"), context(), false, r -> {
        });
        // each hook that ran is counted by stage and outcome; the one never run is not
        assertEquals(1, registry.get("quorch.hooks").tags("stage", "pre", "outcome", "failed").counter().count());
        assertEquals(1, registry.get("quorch.hooks").tags("stage", "post", "outcome", "ok").counter().count());
        assertEquals(2, registry.get("quorch.hooks").counters().stream().mapToDouble(c -> c.count()).sum());
    }

    @Test
    void asyncHooksDoNotWaitAndTimeoutsKill() {
        long start = System.nanoTime();
        var async = runner(10).runOne("sleep 5 &", context());
        assertTrue(async.async() && async.ok());
        var slow = runner(1).runOne("sleep 30", context());
        assertEquals(-1, slow.exitCode());
        assertTrue(slow.output().contains("timed out"));
        assertTrue((System.nanoTime() - start) / 1_000_000 < 5000);
    }

    static final List<String> HOSTILE = List.of(
            "x;touch %s",
            "x$(touch %s)",
            "x`touch %s`",
            "x'; touch %s; echo '",
            "x\"; touch %s; echo \"",
            "x\ntouch %s",
            "x\\'$(touch %s)\\",
            "x}{failedHost}$(touch %s)",
            "x' \"$(touch %s)\" `touch %s` '");

    static HookContext hostile(String alias, String description) {
        return new HookContext("DeadMaster", description, new InstanceKey("db1", 3306), "db1:3306", alias, 1,
                List.of(new InstanceKey("db2", 3306)), true, false, null, List.of(), null, "recover", "q1");
    }

    /** Every place a placeholder can stand in; each line writes what the hook saw, one value per line. */
    static List<String> hooksWriting(Path out) {
        return List.of(
                "printf '%s\\n' {failureClusterAlias} >> " + out,
                "printf '%s\\n' '{failureClusterAlias}' >> " + out,
                "printf '%s\\n' \"{failureClusterAlias}\" >> " + out,
                "printf '%s\\n' \"$(printf '%s' {failureClusterAlias})\" >> " + out,
                "printf '%s\\n' \"`printf '%s' {failureClusterAlias}`\" >> " + out,
                "printf '%s\\n' \"$ORC_FAILURE_CLUSTER_ALIAS\" >> " + out,
                "# it's a comment {failureClusterAlias}\nprintf '%s\\n' {failureClusterAlias} >> " + out,
                "printf '%s\\n' \"pre-{failureDescription}-post\" >> " + out);
    }

    @Test
    void hostileValuesNeverRunAndArriveLiterally() throws Exception {
        Path out = dir.resolve("out");
        for (String pattern : HOSTILE) {
            Path marker = dir.resolve("pwned");
            String value = pattern.replace("%s", marker.toString());
            Files.deleteIfExists(out);
            var results = runner(10).run("test", hooksWriting(out), hostile(value, value), false, r -> {
            });
            assertFalse(Files.exists(marker), "a value ran a command: " + value + " -> "
                    + results.stream().map(HookRunner.Result::command).toList());
            for (var r : results) {
                assertEquals(0, r.exitCode(), r.command() + ": " + r.output());
            }
            String expected = (value + "\n").repeat(7) + "pre-" + value + "-post\n";
            assertEquals(expected, Files.readString(out), "for " + value);
        }
    }

    @Test
    void aPlaceholderInAHereDocumentWithAnUnsafeValueIsRefused() throws Exception {
        Path marker = dir.resolve("pwned");
        var r = runner(10).runOne("cat <<EOF\n{failureClusterAlias}\nEOF", hostile("x$(touch " + marker + ")", "d"));
        assertEquals(-1, r.exitCode());
        assertTrue(r.output().contains("here-document"), r.output());
        assertFalse(Files.exists(marker));
        var plain = runner(10).runOne("cat <<EOF\n{failureClusterAlias}\nEOF", hostile("main-2", "d"));
        assertEquals("main-2\n", plain.output());
    }

    @Test
    void aValueEndingInAnAmpersandDoesNotMakeAHookAsynchronous() {
        var r = runner(10).runOne("echo {failureClusterAlias}", hostile("x &", "d"));
        assertFalse(r.async());
        assertEquals("x &\n", r.output());
    }

    @Test
    void hooksSeeOnlyPathHomeAndOrcVariables() throws Exception {
        var r = runner(10).runOne("env", context());
        for (String line : r.output().split("\n")) {
            String name = line.substring(0, Math.max(0, line.indexOf('=')));
            assertTrue(name.equals("PATH") || name.equals("HOME") || name.startsWith("ORC_")
                    // variables the shell itself sets for every command
                    || name.equals("PWD") || name.equals("SHLVL") || name.equals("_"), "unexpected variable: " + line);
        }
        assertTrue(r.output().contains("ORC_FAILED_HOST=db1\n"), r.output());
        assertFalse(r.output().contains("QUORCH_"), r.output());
    }
}
