package io.quorch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The topology endpoints' argument handling. */
class TopologyResourceTest {

    @TempDir
    Path dir;
    private ApiFixture api;
    private TopologyResource resource;

    @BeforeEach
    void open() {
        api = new ApiFixture(dir);
        api.cluster(23307);
        resource = new TopologyResource(api.lookup, api.discovery,
                io.quorch.testing.ConfigStub.of(io.quorch.config.RecoveryConfig.class, java.util.Map.of()));
    }

    @AfterEach
    void close() throws Exception {
        api.close();
    }

    @Test
    void anUnknownClusterOrInstanceIsA404() {
        api.refused(404, () -> resource.topology("nosuch"), "unable to determine cluster name for nosuch");
        api.refused(404, () -> resource.tabulated("nosuch"), "nosuch");
        api.refused(404, () -> resource.topologyOf("127.0.0.1", "9999"), "instance not found: 127.0.0.1:9999");
        api.refused(404, () -> resource.tabulatedOf("127.0.0.1", "9999"), "instance not found");
    }

    @Test
    void aBadHostOrPortIsA400() {
        api.refused(400, () -> resource.topologyOf("db1$(reboot)", "3306"), "not a valid host name or address");
        api.refused(400, () -> resource.tabulatedOf("db1", ""), "port must be a number");
    }

    @Test
    void aKnownClusterIsDrawnByNameOrMember() {
        var byName = resource.topology("127.0.0.1:23306");
        assertEquals("Topology for cluster 127.0.0.1:23306", byName.message());
        assertTrue(String.valueOf(byName.details()).contains("127.0.0.1:23307"));
        assertEquals(byName.message(), resource.topologyOf("127.0.0.1", "23307").message());
        assertEquals(byName.message(), resource.tabulatedOf("127.0.0.1", "23306").message());
    }
}
