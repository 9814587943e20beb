package io.quorch.recovery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quorch.config.RecoveryConfig;
import io.quorch.domain.Text;
import io.quorch.metrics.QuorchMetrics;

/**
 * Runs hook commands through ProcessesShellCommand (bash): {placeholders} are replaced in the
 * command, each value quoted for the shell, and the same values are given as ORC_* environment
 * variables. A hook's environment is PATH, HOME and ORC_* only: never quorch's own settings or
 * credentials. Output goes to the log and to the caller. A trailing "&" runs a hook in the
 * background, its result ignored.
 */
@ApplicationScoped
public class HookRunner {

    private static final Logger LOG = Logger.getLogger(HookRunner.class);

    private final String shell;
    private final Duration timeout;
    /** Set by CDI; {@link QuorchMetrics#NONE} when built outside it. */
    @Inject
    QuorchMetrics quorchMetrics = QuorchMetrics.NONE;

    public HookRunner(RecoveryConfig config) {
        this.shell = config.hooks().shell();
        this.timeout = Duration.ofSeconds(config.hooks().timeoutSeconds());
    }

    /** The outcome of one hook. */
    public record Result(String command, int exitCode, String output, boolean async) {
        public boolean ok() {
            return async || exitCode == 0;
        }
    }

    /**
     * Runs each hook in order; stops at the first failure when stopOnFailure. Each result is also
     * given to the listener as it arrives (for the recovery's steps).
     */
    public List<Result> run(String stage, List<String> hooks, HookContext context, boolean stopOnFailure,
            Consumer<Result> listener) {
        List<Result> results = new ArrayList<>();
        for (String hook : hooks) {
            Result r = runOne(hook, context);
            quorchMetrics.hookRan(stage, r.ok());
            LOG.infof("%s hook exited %s: %s%s", stage, r.async() ? "(async)" : r.exitCode(), r.command(),
                    r.output().isBlank() ? "" : " | " + r.output().strip());
            results.add(r);
            listener.accept(r);
            if (stopOnFailure && !r.ok()) {
                break;
            }
        }
        return results;
    }

    Result runOne(String hook, HookContext context) {
        String template = hook.strip();
        boolean async = template.endsWith("&") && !template.endsWith("&&");
        if (async) {
            template = template.substring(0, template.length() - 1).strip();
        }
        String command;
        try {
            command = context.substitute(template);
        } catch (IllegalArgumentException e) {
            return new Result(template, -1, "refused: " + e.getMessage(), false);
        }
        ProcessBuilder pb = new ProcessBuilder(shell, "-c", command).redirectErrorStream(true);
        environment(pb.environment(), context);
        try {
            Process p = pb.start();
            if (async) {
                p.getOutputStream().close();
                Thread.ofVirtual().start(() -> drain(p));
                return new Result(command, 0, "", true);
            }
            p.getOutputStream().close();
            var out = new StringBuilder();
            Thread reader = Thread.ofVirtual().start(() -> out.append(read(p)));
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                return new Result(command, -1, "timed out after " + timeout.toSeconds() + " s", false);
            }
            reader.join(1000);
            return new Result(command, p.exitValue(), truncate(out.toString()), false);
        } catch (IOException e) {
            return new Result(command, -1, "cannot run: " + e.getMessage(), async);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(command, -1, "interrupted", async);
        }
    }

    /** PATH, HOME and the ORC_* variables; nothing else of quorch's environment. */
    static void environment(Map<String, String> env, HookContext context) {
        String path = System.getenv("PATH");
        String home = System.getenv("HOME");
        env.clear();
        env.put("PATH", path == null || path.isBlank() ? "/usr/local/bin:/usr/bin:/bin" : path);
        if (home != null && !home.isBlank()) {
            env.put("HOME", home);
        }
        env.putAll(context.environment());
    }

    private static String read(Process p) {
        try {
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void drain(Process p) {
        String out = read(p);
        try {
            int code = p.waitFor();
            LOG.infof("async hook exited %d%s", code, out.isBlank() ? "" : " | " + out.strip());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What a hook printed, as a log line and a recovery step can hold it. */
    private static String truncate(String s) {
        return Text.lines(s, 4000);
    }
}
