package io.quorch.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quorch.config.MySqlAccessConfig;
import io.quorch.domain.InstanceKey;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

class MySqlConnectorTest {

    @Test
    void theUrlHoldsOnlyTheCheckedHostAndPort() {
        assertEquals("jdbc:mysql://db-1.example:3306/", MySqlConnector.url(new InstanceKey("DB-1.example", 3306)));
        assertEquals("jdbc:mysql://10.0.0.1:23306/", MySqlConnector.url(new InstanceKey("10.0.0.1", 23306)));
        assertEquals("jdbc:mysql://[fe80::1]:3306/", MySqlConnector.url(new InstanceKey("fe80::1", 3306)));
    }

    @Test
    void serversCannotMakeQuorchReadFilesOrDeserialize() throws Exception {
        var config = new SmallRyeConfigBuilder().withMapping(MySqlAccessConfig.class)
                .withSources(new PropertiesConfigSource(Map.of("quorch.mysql.password", "s3cret"), "test", 100))
                .build().getConfigMapping(MySqlAccessConfig.class);
        var p = new MySqlConnector(config).properties(1000, false, MySqlConnector.Mode.OPPORTUNISTIC);
        assertEquals("false", p.getProperty("allowLoadLocalInfile"));
        assertEquals("false", p.getProperty("allowUrlInLocalInfile"));
        assertEquals("false", p.getProperty("autoDeserialize"));
        assertFalse(p.containsKey("allowLoadLocalInfileInPath"));
        assertEquals("s3cret", p.getProperty("password"));
    }

    @Test
    void noReverseDnsLookupPerConnectionAndTheProbeBatchIsParsedOncePerConnection() throws Exception {
        var config = new SmallRyeConfigBuilder().withMapping(MySqlAccessConfig.class).build()
                .getConfigMapping(MySqlAccessConfig.class);
        var connector = new MySqlConnector(config);
        var probe = connector.properties(1000, true, MySqlConnector.Mode.OPPORTUNISTIC);
        assertEquals("DISABLED", probe.getProperty("openTelemetry"), "its spans look the server's address up in DNS");
        assertEquals("true", probe.getProperty("cachePrepStmts"));
        var command = connector.properties(1000, false, MySqlConnector.Mode.OPPORTUNISTIC);
        assertEquals("DISABLED", command.getProperty("openTelemetry"));
        assertFalse(command.containsKey("cachePrepStmts"));
    }

    @Test
    void withoutTlsNoPublicKeyRetrievalAndTlsOnlyWhereMixedTlsFindsItNeeded() throws Exception {
        var config = new SmallRyeConfigBuilder().withMapping(MySqlAccessConfig.class)
                .withSources(new PropertiesConfigSource(Map.of("quorch.mysql.use-mixed-tls", "true",
                        "quorch.mysql.ssl-skip-verify", "true"), "test", 100))
                .build().getConfigMapping(MySqlAccessConfig.class);
        var connector = new MySqlConnector(config);
        var opportunistic = connector.properties(1000, false, MySqlConnector.Mode.OPPORTUNISTIC);
        assertEquals("false", opportunistic.getProperty("allowPublicKeyRetrieval"));
        assertEquals("PREFERRED", opportunistic.getProperty("sslMode"));
        assertEquals("DISABLED", connector.properties(1000, false, MySqlConnector.Mode.PLAIN).getProperty("sslMode"));
        assertEquals("REQUIRED", connector.properties(1000, false, MySqlConnector.Mode.TLS).getProperty("sslMode"),
                "SkipVerify: encrypted, not verified");
    }
}
