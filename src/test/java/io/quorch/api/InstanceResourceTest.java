package io.quorch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.consensus.ReplicatedCommand;
import io.quorch.domain.InstanceKey;

/** The instance endpoints' argument handling: refusals are 4xx naming the problem, and change nothing. */
class InstanceResourceTest {

    @TempDir
    Path dir;
    private ApiFixture api;
    private InstanceResource resource;

    @BeforeEach
    void open() {
        api = new ApiFixture(dir);
        api.cluster(23307);
        resource = new InstanceResource(api.lookup, api.instances, api.discovery, api.commands);
    }

    @AfterEach
    void close() throws Exception {
        api.close();
    }

    @Test
    void discoverRefusesABadHostOrPort() {
        api.refused(400, () -> resource.discover("db1 OR 1=1", "3306"), "not a valid host name or address");
        api.refused(400, () -> resource.discover("db1", "abc"), "port must be a number");
        api.refused(400, () -> resource.asyncDiscover("db1", "70000"), "port must be");
        api.refused(400, () -> resource.asyncDiscover("db1/../x", "3306"), "not a valid host name or address");
    }

    @Test
    void discoverRefusesIgnoredAndUnresolvableHosts() {
        api.refused(400, () -> resource.discover("ignored.example.com", "3306"),
                "matches DiscoveryIgnoreHostnameFilters");
        api.refused(400, () -> resource.asyncDiscover("no-such-host.invalid", "3306"),
                "cannot resolve host no-such-host.invalid");
    }

    @Test
    void asyncDiscoverOfAGoodHostSubmitsOneDiscover() {
        var r = resource.asyncDiscover("127.0.0.1", "23310");
        assertEquals("OK", r.code());
        assertEquals(1, api.submitted.size());
        assertEquals(new InstanceKey("127.0.0.1", 23310), ((ReplicatedCommand.Discover) api.submitted.get(0)).key());
    }

    @Test
    void readingRefreshingAndForgettingAnUnknownInstanceIsA404() {
        api.refused(404, () -> resource.instance("127.0.0.1", "9999"), "instance not found: 127.0.0.1:9999");
        api.refused(404, () -> resource.replicas("127.0.0.1", "9999"), "instance not found");
        api.refused(404, () -> resource.refresh("127.0.0.1", "9999"), "instance not found");
        api.refused(404, () -> resource.forget("127.0.0.1", "9999"), "instance not found");
        api.refused(400, () -> resource.forget("127.0.0.1", "port"), "port must be a number");
    }

    @Test
    void knownInstancesAreRead() {
        assertEquals("127.0.0.1", ((java.util.Map<?, ?>) resource.instance("127.0.0.1", "23307").get("Key"))
                .get("Hostname"));
        assertEquals(1, resource.replicas("127.0.0.1", "23306").size());
        assertEquals(2, resource.all().size());
        var r = resource.forget("127.0.0.1", "23307");
        assertEquals("OK", r.code());
        assertEquals(List.of(ReplicatedCommand.Forget.class), api.submitted.stream().map(Object::getClass).toList());
    }

    @Test
    void searchNeedsATerm() {
        api.refused(400, () -> resource.searchQuery(null), "search needs a term");
        api.refused(400, () -> resource.searchQuery("  "), "search needs a term");
        assertEquals(1, resource.searchQuery("23307").size());
        assertEquals(0, resource.search("nothing-like-this").size());
    }
}
