package io.quorch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.consensus.ReplicatedCommand;

/** The cluster endpoints' argument handling: unknown clusters are 404s, missing arguments 400s, nothing half-done. */
class ClusterResourceTest {

    @TempDir
    Path dir;
    private ApiFixture api;
    private ClusterResource resource;

    @BeforeEach
    void open() {
        api = new ApiFixture(dir);
        api.cluster(23307, 23308);
        resource = new ClusterResource(api.lookup, api.commands);
    }

    @AfterEach
    void close() throws Exception {
        api.close();
    }

    @Test
    void anUnknownClusterIsA404NamingIt() {
        api.refused(404, () -> resource.cluster("nosuch"), "unable to determine cluster name for nosuch");
        api.refused(404, () -> resource.clusterInfo("nosuch"), "nosuch");
        api.refused(404, () -> resource.master("nosuch"), "nosuch");
        api.refused(404, () -> resource.clusterByAlias("nosuch"), "no cluster with alias nosuch");
        api.refused(404, () -> resource.clusterInfoByAlias("nosuch"), "no cluster with alias nosuch");
        api.refused(404, () -> resource.forgetCluster("nosuch"), "nosuch");
        api.refused(404, () -> resource.setClusterAlias("nosuch", "x"), "nosuch");
    }

    @Test
    void theClusterOfAnInstanceNeedsAGoodAndKnownKey() {
        api.refused(400, () -> resource.clusterOfInstance("db1'", "3306"), "not a valid host name or address");
        api.refused(400, () -> resource.clusterOfInstance("db1", "3306x"), "port must be a number");
        api.refused(404, () -> resource.clusterOfInstance("127.0.0.1", "9999"), "instance not found: 127.0.0.1:9999");
        assertEquals(3, resource.clusterOfInstance("127.0.0.1", "23308").size());
    }

    @Test
    void setClusterAliasNeedsAnAlias() {
        api.refused(400, () -> resource.setClusterAlias("127.0.0.1:23306", null),
                "set-cluster-alias needs ?alias=NAME");
        api.refused(400, () -> resource.setClusterAlias("127.0.0.1:23306", " "), "set-cluster-alias needs ?alias=NAME");
        resource.setClusterAlias("127.0.0.1:23307", "  main ");
        assertEquals(List.of(new ReplicatedCommand.SetClusterAlias("127.0.0.1:23306", "main",
                ((ReplicatedCommand.SetClusterAlias) api.submitted.get(0)).at())), api.submitted);
    }

    @Test
    void aClusterWithoutAPrimaryHasNoMaster() {
        api.write(23400, 23401);
        api.refused(404, () -> resource.master("127.0.0.1:23401"), "no primary known for cluster 127.0.0.1:23401");
        assertEquals(1, resource.masters().size());
    }

    @Test
    void aKnownClusterIsListedReadAndForgotten() {
        assertEquals(List.of("127.0.0.1:23306"), resource.clusters());
        assertEquals(3, resource.cluster("127.0.0.1:23307").size());
        assertEquals("127.0.0.1:23306", resource.clusterInfo("127.0.0.1:23306").clusterName());
        resource.forgetCluster("127.0.0.1:23308");
        assertEquals(List.of(ReplicatedCommand.ForgetCluster.class),
                api.submitted.stream().map(Object::getClass).toList());
    }
}
