package io.quorch.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class JvmMetersTest {

    @Test
    void nothingIsBoundUntilTheFirstScrapeThenQuarkusMetersOnce() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        JvmMeters meters = new JvmMeters(registry);
        assertTrue(registry.getMeters().isEmpty(), "bound before any scrape");
        assertFalse(meters.bound());

        meters.bind();
        assertTrue(meters.bound());
        for (String name : new String[] {"jvm.memory.used", "jvm.threads.live", "jvm.classes.loaded", "jvm.info",
                "jvm.gc.overhead", "process.uptime", "process.cpu.usage", "system.cpu.count", "process.files.open"}) {
            assertNotNull(registry.find(name).meter(), name + " not bound");
        }
        int count = registry.getMeters().size();
        meters.bind();
        assertEquals(count, registry.getMeters().size(), "a second scrape binds nothing again");
        meters.close();
    }
}
