package io.quorch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class OrchestratorJsonConfigSourceTest {

    @Test
    void translatesOrchestratorKeysToTypedProperties() {
        var source = OrchestratorJsonConfigSource.parse("t.json", """
                {
                  "ListenAddress": "127.0.0.1:3001",
                  "BackendDB": "sqlite",
                  "SQLite3DataFile": "/var/lib/quorch/quorch.db",
                  "InstancePollSeconds": 0.5,
                  "RaftEnabled": true,
                  "DefaultRaftPort": 10008,
                  "RaftNodes": ["n1", "n2:10009", "odd,name"],
                  "RecoverMasterClusterFilters": ["*"]
                }""");
        assertEquals("127.0.0.1:3001", source.getValue("quorch.api.listen-address"));
        assertEquals("127.0.0.1", source.getValue("quarkus.http.host"));
        assertEquals("3001", source.getValue("quarkus.http.port"));
        assertEquals("0.5", source.getValue("quorch.discovery.instance-poll-seconds"));
        assertEquals("true", source.getValue("quorch.raft.enabled"));
        assertEquals("n1,n2:10009,odd\\,name", source.getValue("quorch.raft.nodes"));
        assertNull(source.getValue(OrchestratorJsonConfigSource.UNKNOWN_KEYS_PROPERTY));
    }

    @Test
    void feedsConfigMappingsWithListsAndFractions() {
        var source = OrchestratorJsonConfigSource.parse("t.json", """
                {"InstancePollSeconds": 0.5, "RaftNodes": ["n1", "n2:10009", "odd,name"], "RaftEnabled": true}""");
        SmallRyeConfig config = new SmallRyeConfigBuilder().withSources(source)
                .withMapping(DiscoveryConfig.class).withMapping(RaftConfig.class).build();
        assertEquals(0.5, config.getConfigMapping(DiscoveryConfig.class).instancePollSeconds());
        assertEquals(List.of("n1", "n2:10009", "odd,name"), config.getConfigMapping(RaftConfig.class).nodes().get());
        assertTrue(config.getConfigMapping(RaftConfig.class).enabled());
    }

    @Test
    void reportsEveryWrongTypeAtOnceNamingKeyAndValue() {
        var e = assertThrows(ConfigProblemsException.class, () -> OrchestratorJsonConfigSource.parse("t.json", """
                {"InstancePollSeconds": "fast", "RaftEnabled": "yes", "MySQLOrchestratorPort": 3306.5,
                 "RaftNodes": "n1,n2", "ListenAddress": ":99999"}"""));
        assertEquals(List.of(
                "InstancePollSeconds: expected a number, got \"fast\"",
                "RaftEnabled: expected true or false, got \"yes\"",
                "MySQLOrchestratorPort: expected an integer, got 3306.5",
                "RaftNodes: expected a list of strings, got \"n1,n2\"",
                "ListenAddress: port must be a number from 1 to 65535, got \":99999\""), e.problems());
    }

    @Test
    void malformedJsonNamesTheFileAndPosition() {
        var e = assertThrows(ConfigProblemsException.class,
                () -> OrchestratorJsonConfigSource.parse("conf.json", "{\"BackendDB\": \"sqlite\",,}"));
        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).startsWith("configuration file conf.json is not valid JSON (line 1, column"),
                e.problems().get(0));
    }

    @Test
    void topLevelMustBeAnObject() {
        var e = assertThrows(ConfigProblemsException.class, () -> OrchestratorJsonConfigSource.parse("c", "[1]"));
        assertEquals(List.of("configuration file c must hold a JSON object"), e.problems());
    }

    @Test
    void unknownKeysAreListedNotFatalAndNullsAreUnset() {
        var source = OrchestratorJsonConfigSource.parse("t.json",
                "{\"Debug\": true, \"BackendDB\": null, \"AgentsServerPort\": \":3001\"}");
        assertEquals("Debug,AgentsServerPort", source.getValue(OrchestratorJsonConfigSource.UNKNOWN_KEYS_PROPERTY));
        assertNull(source.getValue("quorch.backend.db"));
    }

    @Test
    void missingFileIsAClearProblem(@TempDir Path dir) {
        var e = assertThrows(ConfigProblemsException.class,
                () -> OrchestratorJsonConfigSource.load(dir.resolve("none.json")));
        assertEquals(List.of("configuration file " + dir.resolve("none.json") + " cannot be read: no such file"),
                e.problems());
    }

    @Test
    void loadsAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("orchestrator.conf.json");
        Files.writeString(file, "{\"BackendDB\": \"mysql\"}");
        assertEquals("mysql", OrchestratorJsonConfigSource.load(file).getValue("quorch.backend.db"));
    }

    @Test
    void everyKeyMapsToAMappedProperty() {
        for (ConfigKey key : ConfigKeys.all()) {
            assertTrue(key.property().startsWith("quorch."), key.json());
            assertEquals(key.json(), ConfigKeys.byJson(key.json()).orElseThrow().json());
        }
    }

    @Test
    void aSecuritySettingQuorchCannotHonourIsRefusedNotIgnored() {
        var e = assertThrows(ConfigProblemsException.class, () -> OrchestratorJsonConfigSource.parse("t.json",
                "{\"AgentsUseSSL\": true, \"PowerAuthGroups\": [\"dba\"], \"OAuthClientId\": \"orc\", "
                + "\"MySQLTopologySSLCAFile\": \"/ca.pem\"}"));
        assertEquals(3, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).startsWith("AgentsUseSSL: quorch has no agents"), e.problems().get(0));
        assertTrue(e.problems().get(1).startsWith("PowerAuthGroups: "), e.problems().get(1));
        assertTrue(e.problems().get(2).startsWith("OAuthClientId: OAuth is not supported"), e.problems().get(2));
    }

    @Test
    void theMySqlTlsKeysAreHonouredNowNotRefused() {
        var source = OrchestratorJsonConfigSource.parse("t.json", "{\"MySQLTopologyUseMutualTLS\": true, "
                + "\"MySQLTopologySSLCAFile\": \"/ca.pem\", \"MySQLOrchestratorUseMutualTLS\": true}");
        assertEquals("true", source.getValue("quorch.mysql.use-mutual-tls"));
        assertEquals("/ca.pem", source.getValue("quorch.mysql.ssl-ca-file"));
        assertEquals("true", source.getValue("quorch.backend.mysql-use-mutual-tls"));
    }

    @Test
    void securitySettingsThatAreOffOrOnlyLoosenAreAccepted() {
        var source = OrchestratorJsonConfigSource.parse("t.json", "{\"UseSSL\": false, \"SSLCertFile\": \"\", "
                + "\"PowerAuthGroups\": [], \"MySQLTopologySSLSkipVerify\": true, \"SSLSkipVerify\": true}");
        assertNull(source.getValue("quorch.security.authentication-method"));
    }

    @Test
    void aMySqlHostWithoutBackendDbMeansAMySqlBackendAsInOrchestrator() {
        var source = OrchestratorJsonConfigSource.parse("t.json", """
                {"MySQLOrchestratorHost": "backend.example.com"}""");
        assertEquals("mysql", source.getValue("quorch.backend.db"));
        var explicit = OrchestratorJsonConfigSource.parse("t.json", """
                {"MySQLOrchestratorHost": "backend.example.com", "BackendDB": "sqlite"}""");
        assertEquals("sqlite", explicit.getValue("quorch.backend.db"));
        var none = OrchestratorJsonConfigSource.parse("t.json", """
                {"MySQLOrchestratorHost": ""}""");
        assertNull(none.getValue("quorch.backend.db"));
    }

    @Test
    void slaveLagQueryIsReplicationLagQueryAndBothDifferingIsRefused() {
        var source = OrchestratorJsonConfigSource.parse("t.json", """
                {"SlaveLagQuery": "SELECT 3"}""");
        assertEquals("SELECT 3", source.getValue("quorch.discovery.replication-lag-query"));
        var e = assertThrows(ConfigProblemsException.class, () -> OrchestratorJsonConfigSource.parse("t.json", """
                {"SlaveLagQuery": "SELECT 3", "ReplicationLagQuery": "SELECT 4"}"""));
        assertTrue(e.problems().get(0).startsWith("ReplicationLagQuery and SlaveLagQuery"), e.problems().toString());
        // orchestrator's sample leaves SlaveLagQuery empty: a ReplicationLagQuery beside it is fine
        var both = OrchestratorJsonConfigSource.parse("t.json", """
                {"SlaveLagQuery": "", "ReplicationLagQuery": "SELECT 4"}""");
        assertEquals("SELECT 4", both.getValue("quorch.discovery.replication-lag-query"));
    }

    @Test
    void hostnameResolveMethodsQuorchCannotHonourAreRefused() throws Exception {
        String resolve = DiscoveryConfig.class.getMethod("hostnameResolveMethod")
                .getAnnotation(jakarta.validation.constraints.Pattern.class).regexp();
        String mysql = DiscoveryConfig.class.getMethod("mysqlHostnameResolveMethod")
                .getAnnotation(jakarta.validation.constraints.Pattern.class).regexp();
        for (String ok : List.of("none", "default")) {
            assertTrue(ok.matches(resolve), ok);
        }
        for (String refused : List.of("cname", "ip", "")) {
            assertTrue(!refused.matches(resolve), refused);
        }
        assertTrue("none".matches(mysql));
        assertTrue("@@report_host".matches(mysql));
        assertTrue("@@hostname".matches(mysql));
        for (String refused : List.of("@@server_uuid", "")) {
            assertTrue(!refused.matches(mysql), refused);
        }
        var ok = OrchestratorJsonConfigSource.parse("t.json", """
                {"HostnameResolveMethod": "default", "MySQLHostnameResolveMethod": "none", "DefaultInstancePort": 3307}""");
        DiscoveryConfig d = new SmallRyeConfigBuilder().withSources(ok).withMapping(DiscoveryConfig.class).build()
                .getConfigMapping(DiscoveryConfig.class);
        assertEquals(3307, d.defaultInstancePort());
        assertEquals("default", d.hostnameResolveMethod());
    }

    @Test
    void anEmptyStringLeavesASettingAtItsDefaultAsOrchestratorsSampleExpects() {
        var source = OrchestratorJsonConfigSource.parse("t.json", """
                {"AuthUserHeader": "", "SlaveLagQuery": "", "MySQLTopologyUser": ""}""");
        assertNull(source.getValue("quorch.security.auth-user-header"));
        assertNull(source.getValue("quorch.discovery.replication-lag-query"));
        assertNull(source.getValue("quorch.mysql.user"));
    }
}
