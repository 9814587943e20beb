package io.quorch.config;

import java.util.List;

/** Thrown when the configuration has problems; each problem is one line naming the key and the value. */
public class ConfigProblemsException extends RuntimeException {

    private final List<String> problems;

    public ConfigProblemsException(List<String> problems) {
        super("invalid configuration: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
