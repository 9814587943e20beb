package io.quorch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class ConfigRulesTest {

    private static List<String> check(Map<String, String> props) {
        SmallRyeConfig c = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(props, "test", 100))
                .withMapping(BackendConfig.class).withMapping(RaftConfig.class).withMapping(RecoveryConfig.class)
                .build();
        return ConfigRules.check(c.getConfigMapping(BackendConfig.class), c.getConfigMapping(RaftConfig.class),
                c.getConfigMapping(RecoveryConfig.class));
    }

    @Test
    void defaultsAreValid() {
        assertEquals(List.of(), check(Map.of()));
    }

    @Test
    void raftNeedsNodesAndDataDir() {
        assertEquals(List.of("RaftDataDir: required when RaftEnabled is true",
                "RaftNodes: required when RaftEnabled is true (list every member, e.g. [\"node1\", \"node2\", \"node3\"])"),
                check(Map.of("quorch.raft.enabled", "true")));
    }

    @Test
    void raftBindMustBeAMember() {
        var base = Map.of("quorch.raft.enabled", "true", "quorch.raft.data-dir", "/tmp/r",
                "quorch.raft.nodes", "n1,n2:10008,n3:10010");
        assertEquals(List.of("RaftBind: required when RaftEnabled is true (this node's entry in RaftNodes)"),
                check(base));
        assertEquals(List.of(), check(with(base, "quorch.raft.bind", "n2")));
        assertEquals(List.of(), check(with(base, "quorch.raft.bind", "N1:10008")));
        assertEquals(List.of("RaftBind: \"n3\" is not among RaftNodes [n1, n2:10008, n3:10010]"),
                check(with(base, "quorch.raft.bind", "n3")));
        assertEquals(List.of("RaftAdvertise: \"n4\" is not among RaftNodes [n1, n2:10008, n3:10010]"),
                check(with(with(base, "quorch.raft.bind", "n1"), "quorch.raft.advertise", "n4")));
    }

    @Test
    void failureDetectionQuorumFitsTheGroup() {
        var group = Map.of("quorch.raft.enabled", "true", "quorch.raft.data-dir", "/tmp/r",
                "quorch.raft.nodes", "n1,n2,n3", "quorch.raft.bind", "n1");
        assertEquals(List.of(), check(with(group, "quorch.recovery.failure-detection-quorum", "3")));
        assertEquals(List.of(), check(Map.of("quorch.recovery.failure-detection-quorum", "1")));
        assertEquals(List.of("FailureDetectionQuorum: 4 is more than the 3 node(s) of the group (RaftNodes), so no"
                + " failure could ever be agreed"), check(with(group, "quorch.recovery.failure-detection-quorum", "4")));
        assertEquals(List.of("FailureDetectionQuorum: 2 is more than the 1 node(s) of the group (RaftNodes), so no"
                + " failure could ever be agreed"), check(Map.of("quorch.recovery.failure-detection-quorum", "2")));
        assertEquals(List.of("FailureDetectionQuorum: must be at least 1 (1: the leader alone decides), got 0"),
                check(with(group, "quorch.recovery.failure-detection-quorum", "0")));
        assertEquals(List.of("FailureDetectionQuorum: must be \"majority\" or a number of nodes, got \"most\""),
                check(with(group, "quorch.recovery.failure-detection-quorum", "most")));
    }

    @Test
    void aWildcardRaftBindNeedsRaftAdvertise() {
        var base = with(Map.of("quorch.raft.enabled", "true", "quorch.raft.data-dir", "/tmp/r",
                "quorch.raft.nodes", "n1,n2,n3"), "quorch.raft.bind", "0.0.0.0:10008");
        assertEquals(List.of("RaftBind: \"0.0.0.0:10008\" listens on every address; set RaftAdvertise to this"
                + " node's entry in RaftNodes"), check(base));
        assertEquals(List.of(), check(with(base, "quorch.raft.advertise", "n2")));
        assertEquals(List.of("RaftAdvertise: \"n4\" is not among RaftNodes [n1, n2, n3]"),
                check(with(base, "quorch.raft.advertise", "n4")));
    }

    @Test
    void raftNodesMustBeDistinctAndWellFormed() {
        var props = Map.of("quorch.raft.enabled", "true", "quorch.raft.data-dir", "/tmp/r",
                "quorch.raft.nodes", "n1,n1:10008,n2:x", "quorch.raft.bind", "n1");
        assertEquals(List.of("RaftNodes: \"n1:10008\" is listed twice", "RaftNodes: \"n2:x\" has a port that is not a number"),
                check(props));
    }

    @Test
    void mysqlBackendNeedsAHost() {
        assertEquals(List.of("MySQLOrchestratorHost: required when BackendDB is \"mysql\""),
                check(Map.of("quorch.backend.db", "mysql")));
        assertEquals(List.of(), check(Map.of("quorch.backend.db", "mysql", "quorch.backend.mysql-host", "db1")));
    }

    @Test
    void promotionWaitOptionsExcludeEachOther() {
        assertEquals(1, check(Map.of("quorch.recovery.fail-if-sql-thread-behind", "true",
                "quorch.recovery.delay-if-sql-thread-behind", "true")).size());
    }

    @Test
    void raftTlsNeedsAllThreeFilesOrNone(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path cert = java.nio.file.Files.writeString(dir.resolve("node.pem"), "cert");
        java.nio.file.Path key = java.nio.file.Files.writeString(dir.resolve("node.key"), "key");
        java.nio.file.Path ca = java.nio.file.Files.writeString(dir.resolve("ca.pem"), "ca");
        var base = Map.of("quorch.raft.enabled", "true", "quorch.raft.data-dir", "/tmp/r",
                "quorch.raft.nodes", "n1,n2,n3", "quorch.raft.bind", "n1");
        assertEquals(List.of(), check(base));
        var all = with(with(with(base, "quorch.raft.tls.cert-file", cert.toString()), "quorch.raft.tls.key-file",
                key.toString()), "quorch.raft.tls.ca-file", ca.toString());
        assertEquals(List.of(), check(all));
        assertEquals(List.of("RaftTLSKeyFile, RaftTLSCAFile: required when any of RaftTLSCertFile, RaftTLSKeyFile and"
                + " RaftTLSCAFile is set (raft mutual TLS needs all three)"),
                check(with(base, "quorch.raft.tls.cert-file", cert.toString())));
        assertEquals(List.of("RaftTLSCertFile: required when any of RaftTLSCertFile, RaftTLSKeyFile and RaftTLSCAFile"
                + " is set (raft mutual TLS needs all three)"), check(with(all, "quorch.raft.tls.cert-file", " ")));
        assertEquals(List.of("RaftTLSCAFile: " + dir.resolve("gone.pem") + ": no such file"),
                check(with(all, "quorch.raft.tls.ca-file", dir.resolve("gone.pem").toString())));
        assertEquals(List.of("RaftTLSKeyFile: " + dir + " cannot be read"),
                check(with(all, "quorch.raft.tls.key-file", dir.toString())));
    }

    private static List<String> dataCenter(String value) {
        SmallRyeConfig c = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of("quorch.discovery.node-data-center", value), "test", 100))
                .withMapping(DiscoveryConfig.class).build();
        List<String> problems = new java.util.ArrayList<>();
        ConfigRules.nodeDataCenter(c.getConfigMapping(DiscoveryConfig.class), problems);
        return problems;
    }

    @Test
    void nodeDataCenterIsOnePlainWordShownSafelyWhenItIsNot() {
        assertEquals(List.of(), dataCenter("eu-west_1.a"));
        assertEquals(List.of(), dataCenter("d".repeat(64)));
        String rule = "NodeDataCenter: must be 1 to 64 letters, digits, '_', '.' or '-', got ";
        assertEquals(List.of(rule + "\"dc1?Injected: line\""), dataCenter("dc1\nInjected: line"));
        assertEquals(List.of(rule + "\"dc1?\""), dataCenter("dc1\r"));
        assertEquals(List.of(rule + "\"a?b?c\""), dataCenter("a\u0000b\u001bc"));
        assertEquals(List.of(rule + "\"?cba\""), dataCenter("\u202Ecba"), "a bidirectional override is not shown");
        assertEquals(List.of(rule + "\"Z\u00fcrich\""), dataCenter("Z\u00fcrich"));
        assertEquals(List.of(rule + "\"dc 1\""), dataCenter("dc 1"));
        assertEquals(List.of(rule + "\"dc?1\""), dataCenter("dc\"1"));
        assertEquals(List.of(rule + "65 characters starting \"" + "d".repeat(40) + "\""), dataCenter("d".repeat(65)));
        assertEquals(List.of(rule + "100000 characters starting \"" + "x".repeat(40) + "\""),
                dataCenter("x".repeat(100_000)));
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        var m = new java.util.HashMap<>(base);
        m.put(key, value);
        return m;
    }
}
