package io.quorch.app;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/** Entry point: runs quorch until asked to stop, and turns a failed start into a short, clear message. */
@QuarkusMain
public class QuorchMain {

    public static void main(String... args) {
        Quarkus.run(Node.class, QuorchMain::exit, args);
    }

    private static void exit(int code, Throwable failure) {
        if (failure != null) {
            StartupFailure.describe(failure).forEach(line -> System.err.println("quorch: " + line));
            System.out.flush();
            System.err.flush();
            // nothing half-started (a raft server, scheduled jobs) may hold the process up
            Runtime.getRuntime().halt(StartupFailure.exitCode(failure));
        }
        System.exit(code);
    }

    /** The running node: everything happens in beans; the main thread waits for shutdown. */
    public static class Node implements QuarkusApplication {
        @Override
        public int run(String... args) {
            Quarkus.waitForExit();
            return 0;
        }
    }
}
