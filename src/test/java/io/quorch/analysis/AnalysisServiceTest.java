package io.quorch.analysis;

import static io.quorch.topology.TopologyTestData.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.config.HostnameFilters;
import io.quorch.config.Reloadable;
import io.quorch.config.ReloadableSettings;
import io.quorch.domain.Instance;
import io.quorch.testing.TestBackend;

/** The analysis as the API and recovery get it: RecoveryIgnoreHostnameFilters leave servers out entirely. */
class AnalysisServiceTest {

    @Test
    void aServerRecoveryIgnoreHostnameFiltersMatchIsNeverAnalysedSoNeverRecovered(@TempDir Path dir) {
        try (TestBackend backend = TestBackend.sqlite(dir)) {
            // a dead primary whose replicas lost it: DeadMaster
            for (Instance i : List.of(AnalyzerTest.server(23306, null, true, false, "0-23306-10"),
                    AnalyzerTest.server(23307, AnalyzerTest.status(23306, "Connecting", true, 2003), true, true,
                            "0-23306-10"))) {
                backend.instances().writeProbe(i.key(), i.state(), NOW);
            }
            backend.instances().writeFailure(new io.quorch.domain.InstanceKey("127.0.0.1", 23306), NOW, "down");
            var settings = new ReloadableSettings(Reloadable.DEFAULTS);
            var analysis = new AnalysisService(backend.instances(), backend.downtimes(), settings);
            assertEquals(List.of(AnalysisCode.DeadMaster), analysis.analyzeAll().stream().map(a -> a.code()).toList());

            var ignoring = new ReloadableSettings(new Reloadable(HostnameFilters.NONE, HostnameFilters.NONE,
                    HostnameFilters.NONE, HostnameFilters.NONE,
                    HostnameFilters.of("RecoveryIgnoreHostnameFilters", List.of("^127\\.0\\.0\\.1$"), new ArrayList<>()),
                    10, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
            assertEquals(List.of(), new AnalysisService(backend.instances(), backend.downtimes(), ignoring).analyzeAll());
        }
    }
}
