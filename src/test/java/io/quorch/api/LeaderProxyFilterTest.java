package io.quorch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quorch.config.RecoveryConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

class LeaderProxyFilterTest {

    static RecoveryConfig recovery(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withMapping(RecoveryConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build().getConfigMapping(RecoveryConfig.class);
    }

    @Test
    void theTimeoutCoversATakeoverRunningEveryHookToItsLimit() {
        assertEquals(LeaderProxyFilter.BASE_TIMEOUT, LeaderProxyFilter.timeout(recovery(Map.of())));
        var config = recovery(Map.of("quorch.recovery.hooks.timeout-seconds", "30",
                "quorch.recovery.hooks.pre-graceful-takeover", "a,b",
                "quorch.recovery.hooks.post-graceful-takeover", "c",
                "quorch.recovery.hooks.pre-failover", "d"));
        assertEquals(LeaderProxyFilter.BASE_TIMEOUT.plus(Duration.ofSeconds(4 * 30)), LeaderProxyFilter.timeout(config));
    }

    @Test
    void headersAConnectionHeaderNamesAreItsOwn() {
        assertEquals(Set.of("x-a", "keep-alive", "close"),
                LeaderProxyFilter.connectionNamed(List.of("X-A, keep-alive", " close ,")));
        assertEquals(Set.of(), LeaderProxyFilter.connectionNamed(null));
        for (String h : List.of("connection", "keep-alive", "proxy-connection", "te", "transfer-encoding", "upgrade",
                "proxy-authorization", "proxy-authenticate", "trailer", "host", "content-length",
                "x-quorch-proxied-by")) {
            assertTrue(LeaderProxyFilter.HOP_BY_HOP.contains(h), h);
        }
    }
}
