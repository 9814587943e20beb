package io.quorch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.domain.InstanceKey;

/** How path arguments become keys and cluster names, and what an unknown one answers. */
class ClusterLookupTest {

    @TempDir
    Path dir;
    private ApiFixture api;

    @BeforeEach
    void open() {
        api = new ApiFixture(dir);
        api.cluster(23307);
        api.backend.aliases().setAlias("127.0.0.1:23306", "main", true, Instant.EPOCH);
    }

    @AfterEach
    void close() throws Exception {
        api.close();
    }

    @Test
    void hostAndPortBecomeAKey() {
        assertEquals(new InstanceKey("db1.example.com", 3306), ClusterLookup.key("DB1.example.com", "3306"));
        assertEquals(new InstanceKey("::1", 3306), ClusterLookup.key("::1", "3306"));
    }

    @Test
    void aBadHostIsA400NamingIt() {
        api.refused(400, () -> ClusterLookup.key("db1;DROP TABLE x", "3306"), "invalid instance",
                "not a valid host name or address");
        api.refused(400, () -> ClusterLookup.key("", "3306"), "host name must not be empty");
        api.refused(400, () -> ClusterLookup.key("a".repeat(300), "3306"), "longer than");
    }

    @Test
    void aBadPortIsA400NamingIt() {
        api.refused(400, () -> ClusterLookup.key("db1", "x"), "port must be a number from 1 to 65535, got \"x\"");
        api.refused(400, () -> ClusterLookup.key("db1", "0"), "port must be");
        api.refused(400, () -> ClusterLookup.key("db1", "65536"), "port must be");
        api.refused(400, () -> ClusterLookup.key("db1", "-1"), "port must be");
        api.refused(400, () -> ClusterLookup.key("db1", "99999999999999999999"), "port must be");
    }

    @Test
    void aClusterIsFoundByNameAliasOrMember() {
        assertEquals("127.0.0.1:23306", api.lookup.clusterName("127.0.0.1:23306"));
        assertEquals("127.0.0.1:23306", api.lookup.clusterName("main"));
        assertEquals("127.0.0.1:23306", api.lookup.clusterName("127.0.0.1:23307"));
        assertEquals("127.0.0.1:23306", api.lookup.clusterByAlias("main"));
    }

    @Test
    void anUnknownClusterOrInstanceIsA404NamingIt() {
        api.refused(404, () -> api.lookup.clusterName("nosuch"), "unable to determine cluster name for nosuch");
        api.refused(404, () -> api.lookup.clusterName("127.0.0.1:9999"), "127.0.0.1:9999");
        api.refused(404, () -> api.lookup.clusterName("not a key:at all"), "not a key:at all");
        api.refused(404, () -> api.lookup.clusterByAlias("nosuch"), "no cluster with alias nosuch");
        api.refused(404, () -> api.lookup.instance(new InstanceKey("127.0.0.1", 9999)),
                "instance not found: 127.0.0.1:9999");
    }

    @Test
    void anAliasOfAForgottenClusterIsUnknown() {
        api.backend.aliases().setAlias("127.0.0.1:40000", "gone", true, Instant.EPOCH);
        api.refused(404, () -> api.lookup.clusterByAlias("gone"), "gone");
        api.refused(404, () -> api.lookup.clusterName("gone"), "gone");
    }

    @Test
    void anAliasResolvesToTheClusterThatHasInstancesNowNeverAStaleOne() {
        // the topology was torn down and rebuilt under a new primary: the old cluster name keeps the
        // alias, registered later and even manually, but has no instances
        api.backend.aliases().setAlias("127.0.0.1:23309", "main", true, Instant.now());
        assertEquals("127.0.0.1:23306", api.lookup.clusterByAlias("main"));
        assertEquals("127.0.0.1:23306", api.lookup.clusterName("main"));
    }

    @Test
    void aHostWithoutPortIsOnDefaultInstancePort() {
        // the fixture's DefaultInstancePort is orchestrator's default, 3306: no server there
        api.refused(404, () -> api.lookup.clusterName("127.0.0.1"), "127.0.0.1");
        assertEquals(3306, api.discovery.defaultInstancePort());
    }
}
