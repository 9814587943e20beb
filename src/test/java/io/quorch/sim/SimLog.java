package io.quorch.sim;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the simulator could not answer: every statement it does not know is printed (loudly: an
 * unknown statement means quorch sends something a test does not cover) and kept for tests to check.
 */
public final class SimLog {

    private final List<String> unknown = new CopyOnWriteArrayList<>();

    void unknown(String host, String statement) {
        if (unknown.size() < 1000) {
            unknown.add(statement);
        }
        System.err.println("sim: WARNING: " + host + " does not know the statement: " + statement);
    }

    /** The statements no simulated server could answer, at most the first thousand. */
    public List<String> unknownStatements() {
        return List.copyOf(unknown);
    }
}
