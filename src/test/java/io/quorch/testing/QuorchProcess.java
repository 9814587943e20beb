package io.quorch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The built quorch jar running as a separate process, as a user runs it. Output goes to a log
 * file; close() stops the process by its PID (TERM, then KILL).
 */
public final class QuorchProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Process process;
    private final Path log;

    private QuorchProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * The native executable the process tests run instead of the jar, when the quorch.binary
     * property names one (scripts/native-check --its); empty otherwise.
     */
    public static Optional<Path> binary() {
        String b = System.getProperty("quorch.binary", "").trim();
        if (b.isEmpty()) {
            return Optional.empty();
        }
        Path binary = Path.of(b);
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("quorch.binary=" + b + " is not an executable file");
        }
        return Optional.of(binary);
    }

    public static Path jar() {
        Path jar = Path.of(System.getProperty("quorch.jar", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException("no built jar at " + jar + ": run the package phase first");
        }
        return jar;
    }

    /** Starts the jar with QUORCH_CONFIG pointing at the given file, in the given working directory. */
    public static QuorchProcess start(Path config, Path workDir, Map<String, String> env) {
        return start(List.of(), config, workDir, env);
    }

    /** The same, with a command prefix (such as "ip netns exec NS") in front of java (or the native executable). */
    public static QuorchProcess start(List<String> prefix, Path config, Path workDir, Map<String, String> env) {
        try {
            Files.createDirectories(workDir);
            Path log = workDir.resolve("quorch-" + System.nanoTime() + ".log");
            List<String> cmd = new ArrayList<>(prefix);
            Optional<Path> binary = binary();
            if (binary.isPresent()) {
                cmd.add(binary.get().toAbsolutePath().toString());
            } else {
                cmd.addAll(List.of(ProcessHandle.current().info().command().orElse("java"), "-XX:+UseSerialGC"));
                cmd.addAll(classCache());
                cmd.addAll(List.of("-jar", jar().toAbsolutePath().toString()));
            }
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("QUORCH_CONFIG", config.toAbsolutePath().toString());
            pb.environment().putAll(env);
            return new QuorchProcess(pb.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The class cache scripts/aot-train left beside the jar, as scripts/run uses it (none when missing or stale). */
    static List<String> classCache() {
        Path jar = jar().toAbsolutePath();
        boolean aot = Runtime.version().feature() >= 25;
        Path cache = jar.resolveSibling(aot ? "app.aot" : "app.jsa");
        try {
            if (!Files.isRegularFile(cache)
                    || Files.getLastModifiedTime(cache).compareTo(Files.getLastModifiedTime(jar)) < 0) {
                return List.of();
            }
        } catch (IOException e) {
            return List.of();
        }
        return List.of((aot ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + cache);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to exit on its own; returns its exit code, or fails after the timeout. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("quorch still running after " + timeout + "; output:\n" + output());
        }
        return process.exitValue();
    }

    /** Polls GET url until it answers the status, or fails with the process output. */
    public HttpResponse<String> awaitHttp(String url, int status, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("quorch exited with " + process.exitValue() + "; output:\n" + output());
            }
            try {
                last = get(url);
                if (last.statusCode() == status) {
                    return last;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + status + " from " + url + " within " + timeout + " (last: "
                + (last == null ? "no answer" : last.statusCode() + " " + last.body()) + "); output:\n" + output());
    }

    public static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return get(url, Map.of());
    }

    public static HttpResponse<String> get(String url, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        ProcessHandle handle = process.toHandle();
        handle.descendants().forEach(ProcessHandle::destroy);
        handle.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                handle.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            handle.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
