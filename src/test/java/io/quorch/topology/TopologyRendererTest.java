package io.quorch.topology;

import static io.quorch.topology.TopologyTestData.NOW;
import static io.quorch.topology.TopologyTestData.instance;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quorch.domain.Instance;

class TopologyRendererTest {

    private static final Duration POLL = Duration.ofSeconds(1);

    @Test
    void chainIsIndentedUnderEachPrimary() {
        List<Instance> chain = List.of(
                instance(23309, 23307, 2, true),
                instance(23306, null, 0, true),
                instance(23307, 23306, 1, true),
                instance(23308, 23307, 2, false));
        assertEquals("""
                127.0.0.1:23306     [0s,ok,10.11.19-MariaDB-log,rw,ROW,>>]
                + 127.0.0.1:23307   [0s,ok,10.11.19-MariaDB-log,ro,ROW,>>,GTID]
                  - 127.0.0.1:23308 [unknown,invalid,10.11.19-MariaDB-log,ro,ROW,>>,GTID]
                  + 127.0.0.1:23309 [0s,ok,10.11.19-MariaDB-log,ro,ROW,>>,GTID,downtimed]""",
                TopologyRenderer.ascii(chain, NOW, POLL, k -> k.port() == 23309));
    }

    @Test
    void tabulatedPadsEveryColumnToItsWidestWithTheLagRightAlignedAsOrchestratorDoes() {
        List<Instance> chain = List.of(
                instance(23306, null, 0, true),
                instance(23307, 23306, 1, true),
                instance(23308, 23307, 2, false));
        assertEquals(String.join("\n",
                "127.0.0.1:23306    |     0s|ok     |10.11.19-MariaDB-log|rw|ROW|>>     ",
                "+ 127.0.0.1:23307  |     0s|ok     |10.11.19-MariaDB-log|ro|ROW|>>,GTID",
                "  - 127.0.0.1:23308|unknown|invalid|10.11.19-MariaDB-log|ro|ROW|>>,GTID"),
                TopologyRenderer.tabulated(chain, NOW, POLL, k -> false));
    }

    @Test
    void noTrailingNewlineAndNoEmptyToken() {
        String one = TopologyRenderer.ascii(List.of(instance(23306, null, 0, true)), NOW, POLL, k -> false);
        assertEquals("127.0.0.1:23306 [0s,ok,10.11.19-MariaDB-log,rw,ROW,>>]", one);
    }

    @Test
    void staleChecksAreUnchecked() {
        Instance i = instance(23306, null, 0, true);
        assertEquals("unchecked", TopologyRenderer.status(i, NOW.plusSeconds(5), POLL));
        assertEquals("unknown", TopologyRenderer.lag(i, NOW.plusSeconds(5), POLL));
    }

    @Test
    void coPrimariesStillRender() {
        List<Instance> co = List.of(instance(23306, 23307, 0, true), instance(23307, 23306, 0, true));
        List<TopologyTree.Node> nodes = TopologyTree.depthFirst(co);
        assertEquals(2, nodes.size());
        assertEquals(23306, nodes.get(0).instance().key().port());
        assertEquals(1, nodes.get(1).depth());
    }
}
