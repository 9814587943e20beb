package io.quorch.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quorch.app.JsonSettings;
import io.quorch.discovery.HostnameResolverTestAccess;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.ServerState;

class PeerRecordsTest {

    private static final ObjectMapper JSON = JsonSettings.standalone();
    private static final InstanceKey PRIMARY = new InstanceKey("db1.example.com", 3306);
    private static final InstanceKey REPLICA = new InstanceKey("db2.example.com", 3306);
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private static byte[] page(ServerState state) {
        ProbeJournal j = new ProbeJournal();
        j.publish(REPLICA, NOW.minusMillis(300), state, null);
        j.publish(new InstanceKey("db3.example.com", 3306), NOW.minusMillis(200), null, "connect timed out");
        return PeerRecords.encode(JSON, "10.0.0.2:10008", "tok-1", true, j.after(0, 10));
    }

    @Test
    void resultsSurviveTheWireAndNameTheirSender() {
        ServerState s = HostnameResolverTestAccess.state("", PRIMARY);
        PeerRecords.Page p = PeerRecords.decode(JSON, page(s), "10.0.0.2:10008", NOW);
        assertEquals("tok-1", p.epoch());
        assertTrue(p.full());
        assertEquals(2, p.next());
        assertEquals(0, p.dropped());
        assertEquals(2, p.results().size());
        assertEquals(REPLICA, p.results().get(0).key());
        assertEquals(s, p.results().get(0).state());
        assertEquals(NOW.minusMillis(300), p.results().get(0).at());
        assertNull(p.results().get(1).state());
        assertEquals("connect timed out", p.results().get(1).error());
    }

    @Test
    void aPageFromAnotherNodeThanTheOneAskedOrMalformedIsRefusedWhole() {
        byte[] body = page(HostnameResolverTestAccess.state("", PRIMARY));
        assertThrows(IllegalArgumentException.class, () -> PeerRecords.decode(JSON, body, "10.0.0.3:10008", NOW));
        assertThrows(IllegalArgumentException.class,
                () -> PeerRecords.decode(JSON, "[1]".getBytes(StandardCharsets.UTF_8), "n", NOW));
        assertThrows(IllegalArgumentException.class,
                () -> PeerRecords.decode(JSON, "{\"Node\":\"n\",\"Epoch\":\"a b\",\"Next\":1,\"Results\":[]}"
                        .getBytes(StandardCharsets.UTF_8), "n", NOW));
        assertThrows(IllegalArgumentException.class,
                () -> PeerRecords.decode(JSON, "{\"Node\":\"n\",\"Epoch\":\"e\",\"Next\":-1,\"Results\":[]}"
                        .getBytes(StandardCharsets.UTF_8), "n", NOW));
    }

    @Test
    void hostileRecordsAreDroppedOneByOne() throws Exception {
        ObjectNode good = (ObjectNode) JSON.readTree(page(HostnameResolverTestAccess.state("", PRIMARY)))
                .get("Results").get(0);
        List<String> bad = List.of(
                good.deepCopy().put("Hostname", "db2; DROP TABLE x").toString(),
                good.deepCopy().put("Hostname", "a".repeat(300)).toString(),
                good.deepCopy().put("Port", 70000).toString(),
                good.deepCopy().put("At", NOW.plusSeconds(3600).toEpochMilli()).toString(),
                withState(good, "version", "10.11\n'; --").toString(),
                withState(good, "dataCenter", "x".repeat(65)).toString(),
                withState(good, "serverUuid", "u".repeat(65)).toString(),
                good.deepCopy().put("State", "not an object").toString(),
                "42");
        String body = "{\"Node\":\"n\",\"Epoch\":\"e\",\"Next\":9,\"Results\":[" + good + "," + String.join(",", bad)
                + "]}";
        PeerRecords.Page p = PeerRecords.decode(JSON, body.getBytes(StandardCharsets.UTF_8), "n", NOW);
        assertEquals(1, p.results().size());
        assertEquals(bad.size(), p.dropped());
    }

    @Test
    void aResultSlightlyAheadOfThisClockIsTakenAsNow() throws Exception {
        ObjectNode good = (ObjectNode) JSON.readTree(page(HostnameResolverTestAccess.state("", PRIMARY)))
                .get("Results").get(0);
        good.put("At", NOW.plusSeconds(5).toEpochMilli());
        String body = "{\"Node\":\"n\",\"Epoch\":\"e\",\"Next\":9,\"Results\":[" + good + "]}";
        assertEquals(NOW, PeerRecords.decode(JSON, body.getBytes(StandardCharsets.UTF_8), "n", NOW).results().get(0)
                .at());
    }

    private static ObjectNode withState(ObjectNode result, String field, String value) {
        ObjectNode copy = result.deepCopy();
        ((ObjectNode) copy.get("State")).put(field, value);
        return copy;
    }
}
