package io.quorch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quorch.config.ConfigProblemsException;
import io.quorch.store.BackendUnavailableException;

class StartupFailureTest {

    @Test
    void translatesPropertyNamesToOrchestratorKeys() {
        assertEquals("InstancePollSeconds (quorch.discovery.instance-poll-seconds): must be greater than 0, got -1.0",
                StartupFailure.translate("quorch.discovery.instance-poll-seconds must be greater than 0, got -1.0"));
        assertEquals("quarkus.http.port is odd", StartupFailure.translate("quarkus.http.port is odd"));
    }

    @Test
    void configProblemsAreOneLineEachWithExitCode2() {
        var failure = new RuntimeException(new ConfigProblemsException(List.of("A: bad", "B: worse")));
        assertEquals(List.of("invalid configuration: A: bad", "invalid configuration: B: worse"),
                StartupFailure.describe(failure));
        assertEquals(StartupFailure.EXIT_CONFIG, StartupFailure.exitCode(failure));
    }

    @Test
    void backendFailureHasItsOwnExitCode() {
        var failure = new BackendUnavailableException("backend mysql db:3306/quorch unreachable", null);
        assertEquals(List.of("backend mysql db:3306/quorch unreachable"), StartupFailure.describe(failure));
        assertEquals(StartupFailure.EXIT_BACKEND, StartupFailure.exitCode(failure));
    }

    @Test
    void anythingElseNamesTheRootCause() {
        var failure = new IllegalStateException("outer", new java.io.IOException("disk full"));
        assertEquals(List.of("failed to start: IOException: disk full"), StartupFailure.describe(failure));
        assertEquals(StartupFailure.EXIT_OTHER, StartupFailure.exitCode(failure));
    }
}
