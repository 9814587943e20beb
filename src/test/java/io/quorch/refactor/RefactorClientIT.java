package io.quorch.refactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.testing.Await;
import io.quorch.testing.RaftCluster;
import io.quorch.testing.Sandbox;

/**
 * scripts/quorch-client's refactoring commands against a three-node raft group of the built jar and a
 * MariaDB primary with two replicas: their output is orchestrator-client's, a move sent to a follower runs
 * on the leader, and a refusal exits 1 with the reason.
 */
class RefactorClientIT {

    private static final Path SCRIPT = Path.of("scripts", "quorch-client").toAbsolutePath();
    private static final Duration SHORT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    record Result(int exit, String out, String err) {
    }

    static Result client(String apis, String... args) {
        try {
            Path out = Files.createTempFile("quorch-client", ".out");
            Path err = Files.createTempFile("quorch-client", ".err");
            try {
                List<String> cmd = new java.util.ArrayList<>(List.of("bash", SCRIPT.toString()));
                cmd.addAll(List.of(args));
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
                pb.environment().remove("ORCHESTRATOR_API");
                pb.environment().put("QUORCH_API", apis);
                Process p = pb.start();
                p.getOutputStream().close();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    fail(String.join(" ", args) + " still running after 120 s");
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8).strip(),
                        Files.readString(err, StandardCharsets.UTF_8).strip());
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String ok(String apis, String... args) {
        Result r = client(apis, args);
        assertEquals(0, r.exit(), String.join(" ", args) + ": " + r);
        return r.out();
    }

    static String key(int port) {
        return "127.0.0.1:" + port;
    }

    @Test
    void refactoringCommandsPrintWhatOrchestratorClientPrints() {
        try (Sandbox sandbox = Sandbox.up("refactor-client", 2, false);
                RaftCluster cluster = RaftCluster.start(dir, 3, "\"InstancePollSeconds\": 0.5,"
                        + " \"MySQLConnectTimeoutSeconds\": 0.5, \"MySQLReadTimeoutSeconds\": 1")) {
            int p = sandbox.primaryPort();
            int r1 = p + 1;
            int r2 = p + 2;
            String all = IntStream.range(0, 3).mapToObj(i -> cluster.url(i) + "/api").collect(Collectors.joining(" "));
            int leader = cluster.awaitSingleLeader(Duration.ofSeconds(90));
            ok(all, "-c", "discover", "-i", key(p));
            cluster.awaitEveryNodeKnows(key(p), 3, SHORT);

            assertEquals(key(r2) + "<" + key(r1), ok(all, "-c", "relocate", "-i", key(r2), "-d", key(r1)));
            assertEquals(key(p), ok(all, "-c", "can-replicate-from", "-i", key(r2), "-d", key(p)));

            // sent to a follower alone: it forwards the change to the leader, which runs it
            int follower = (leader + 1) % 3;
            String followerApi = cluster.url(follower) + "/api";
            Await.until("follower " + follower + " knows the leader's URL", SHORT,
                    () -> cluster.local(follower, "/api/raft-status").body().contains("\"LeaderURI\":\"http"));
            assertEquals(key(r2) + "<" + key(p), ok(followerApi, "-c", "move-up", "-i", key(r2)));

            assertEquals(key(r1) + "<" + key(p), ok(all, "-c", "take-siblings", "-i", key(r1)));
            Await.until("the sibling below " + r1, SHORT, () -> key(r1).equals(ok(all, "-c", "which-master", "-i", key(r2))));
            assertEquals(key(r2), ok(all, "-c", "move-up-replicas", "-i", key(r1)));
            Await.until("the replica back below the primary", SHORT,
                    () -> key(p).equals(ok(all, "-c", "which-master", "-i", key(r2))));

            Result cycle = client(all, "-c", "relocate", "-i", key(p), "-d", key(r1));
            assertEquals(1, cycle.exit(), cycle.toString());
            assertEquals("relocate: " + key(r1) + " is a descendant of " + key(p), cycle.err());
            Result missing = client(all, "-c", "move-below", "-i", key(r1));
            assertEquals(2, missing.exit(), missing.toString());
            assertTrue(client(all, "help").out().contains("relocate-replicas"));
        }
    }
}
