package io.quorch.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.quorch.analysis.AnalysisCode;
import io.quorch.analysis.ReplicationAnalysis;
import io.quorch.config.DiscoveryConfig;
import io.quorch.consensus.RaftStats;
import io.quorch.consensus.ReplicatedCommand;
import io.quorch.domain.NodeIdentity;
import io.quorch.domain.RecoveryType;
import io.quorch.store.BackendMonitor;
import io.quorch.store.InstanceStore;
import io.quorch.store.NodeStore;
import io.quorch.testing.ConfigStub;
import io.quorch.testing.FakeLeadership;

/**
 * The Grafana dashboard and the Prometheus alert rules under deploy/ are well-formed and use only
 * metric names quorch serves, as Prometheus shows them: they cannot drift from the code.
 */
class DashboardAndAlertsTest {

    private static final Path DEPLOY = Path.of("deploy");
    private static final Pattern QUORCH_NAME = Pattern.compile("\\bquorch_[a-z0-9_]+");

    /** Every family recorded once into a Prometheus registry, and the names its scrape shows. */
    static Set<String> servedNames() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        QuorchMetrics m = new QuorchMetrics(registry);
        m.probed(3);
        m.probeFailed(new RuntimeException("x"));
        m.analyzed(List.of(new ReplicationAnalysis(AnalysisCode.DeadMaster, null, List.of(), Instant.now())));
        Instant now = Instant.now();
        m.recovered(QuorchMetricsTest.recovery("DeadMaster", RecoveryType.AUTOMATIC, false, now, now));
        m.hookRan("PreFailoverProcesses", false);
        m.committed(ReplicatedCommand.SetGlobalRecoveries.class, 1000, true);
        m.applied(ReplicatedCommand.SetGlobalRecoveries.class, 1000);
        m.backendCall("query", 1000);
        InstanceStore store = (InstanceStore) java.lang.reflect.Proxy.newProxyInstance(
                InstanceStore.class.getClassLoader(), new Class<?>[] {InstanceStore.class},
                (self, method, args) -> List.of());
        NodeStore nodes = (NodeStore) java.lang.reflect.Proxy.newProxyInstance(NodeStore.class.getClassLoader(),
                new Class<?>[] {NodeStore.class}, (self, method, args) -> null);
        new FleetGauges(store, new BackendMonitor(nodes, new NodeIdentity("q", "t", "v", now)),
                ConfigStub.of(DiscoveryConfig.class, Map.of())).bind(registry);
        FakeLeadership leader = FakeLeadership.leading();
        leader.raftStats = Optional.of(new RaftStats(1, 1, 1, 1, Map.of("b:10008", 0L), Map.of("b:10008", 0L)));
        RaftGauges raft = new RaftGauges(() -> leader);
        raft.bind(registry);
        raft.refreshFollowers();
        Set<String> names = new TreeSet<>();
        for (String line : registry.scrape().split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    @Test
    void everyMetricNameIsServed() {
        Set<String> served = servedNames();
        for (String name : MetricNames.ALL) {
            String base = name.replace('.', '_');
            assertTrue(served.stream().anyMatch(s -> s.startsWith(base)), name + " is not served: " + served);
        }
    }

    @Test
    void theDashboardUsesOnlyServedNames() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DEPLOY.resolve("grafana/quorch.json").toFile());
        assertEquals("quorch", dashboard.path("uid").asText());
        List<String> exprs = new ArrayList<>();
        dashboard.findValues("expr").forEach(e -> exprs.add(e.asText()));
        assertTrue(exprs.size() > 15, "panels: " + exprs.size());
        assertUsesServedNames("deploy/grafana/quorch.json", exprs);
        for (String panel : List.of("Probe age", "Problems by analysis code", "Recoveries by analysis", "Leader",
                "Follower lag")) {
            assertTrue(dashboard.findValues("title").stream().anyMatch(t -> t.asText().startsWith(panel)), panel);
        }
    }

    @Test
    void theAlertRulesUseOnlyServedNames() throws IOException {
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(
                DEPLOY.resolve("prometheus/quorch-alerts.yml").toFile());
        List<String> alerts = new ArrayList<>();
        List<String> exprs = new ArrayList<>();
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                alerts.add(rule.path("alert").asText());
                exprs.add(rule.path("expr").asText());
                assertTrue(rule.path("annotations").has("summary"), rule.toString());
            }
        }
        assertTrue(alerts.containsAll(List.of("QuorchNoLeader", "QuorchProbesStale", "QuorchRecoveryFailed",
                "QuorchRaftFollowerLagging")), alerts.toString());
        assertUsesServedNames("deploy/prometheus/quorch-alerts.yml", exprs);
        try (Stream<Path> files = Files.list(DEPLOY.resolve("prometheus"))) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().endsWith("-test.yml")), "promtool rule tests");
        }
    }

    private static void assertUsesServedNames(String file, List<String> exprs) {
        Set<String> served = servedNames();
        Set<String> unknown = new TreeSet<>();
        for (String expr : exprs) {
            Matcher m = QUORCH_NAME.matcher(expr);
            while (m.find()) {
                if (!served.contains(m.group())) {
                    unknown.add(m.group());
                }
            }
        }
        assertEquals(Set.of(), unknown, file + " uses names quorch does not serve");
    }
}
