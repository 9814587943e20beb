package io.quorch.app;

import java.util.ArrayList;
import java.util.List;

import io.quarkus.runtime.QuarkusBindException;
import io.quorch.config.ConfigKeys;
import io.quorch.config.ConfigProblemsException;
import io.quorch.store.BackendUnavailableException;
import io.smallrye.config.ConfigValidationException;

/** Turns a startup failure into one line per problem and an exit code; no stack traces for known causes. */
public final class StartupFailure {

    /** Exit code for a configuration that cannot be used. */
    public static final int EXIT_CONFIG = 2;
    /** Exit code for a backend that could not be reached or used. */
    public static final int EXIT_BACKEND = 3;
    /** Exit code for a raft member that cannot start, or whose log cannot be applied. */
    public static final int EXIT_RAFT = 4;
    /** Exit code for anything else. */
    public static final int EXIT_OTHER = 1;

    private StartupFailure() {
    }

    public static List<String> describe(Throwable failure) {
        List<String> lines = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConfigProblemsException p) {
                p.problems().forEach(m -> lines.add("invalid configuration: " + m));
                return lines;
            }
            if (t instanceof ConfigValidationException v) {
                for (int i = 0; i < v.getProblemCount(); i++) {
                    lines.add("invalid configuration: " + translate(v.getProblem(i).getMessage()));
                }
                return lines;
            }
            if (t instanceof BackendUnavailableException b) {
                lines.add(b.getMessage());
                return lines;
            }
            if (t instanceof io.quorch.consensus.ratis.RaftStartupException r) {
                lines.add(r.getMessage());
                return lines;
            }
            if (t instanceof QuarkusBindException bind) {
                lines.add("cannot listen (ListenAddress): " + bind.getMessage());
                return lines;
            }
        }
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        lines.add("failed to start: " + root.getClass().getSimpleName() + ": " + root.getMessage());
        return lines;
    }

    public static int exitCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConfigProblemsException || t instanceof ConfigValidationException) {
                return EXIT_CONFIG;
            }
            if (t instanceof BackendUnavailableException) {
                return EXIT_BACKEND;
            }
            if (t instanceof io.quorch.consensus.ratis.RaftStartupException) {
                return EXIT_RAFT;
            }
        }
        return EXIT_OTHER;
    }

    /** "quorch.discovery.instance-poll-seconds must be ..." becomes "InstancePollSeconds (quorch.discovery...): must be ...". */
    static String translate(String message) {
        int space = message.indexOf(' ');
        if (space <= 0) {
            return message;
        }
        String property = message.substring(0, space);
        var key = ConfigKeys.byProperty(property);
        return key.map(k -> k.json() + " (" + property + "): " + message.substring(space + 1)).orElse(message);
    }
}
