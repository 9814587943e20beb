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
        var results = runner(10).run("pre", List.of("echo before; exit 3", "echo never"), context(), true, r -> {
        });
        assertEquals(1, results.size());
        assertEquals(3, results.get(0).exitCode());
        assertEquals("before\n", results.get(0).output());
        assertFalse(results.get(0).ok());
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
}
