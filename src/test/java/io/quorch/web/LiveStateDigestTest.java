package io.quorch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LiveStateDigestTest {

    private static Map<String, Object> instance(int port, int masterPort) {
        Map<String, Object> m = new HashMap<>();
        m.put("Key", Map.of("Hostname", "db", "Port", port));
        m.put("MasterKey", Map.of("Hostname", masterPort == 0 ? "" : "db", "Port", masterPort));
        m.put("ReadOnly", masterPort != 0);
        m.put("IsLastCheckValid", true);
        m.put("LastCheckedTimestamp", "2026-12-01T10:00:00Z");
        m.put("SelfBinlogCoordinates", Map.of("LogFile", "bin.000001", "LogPos", 4));
        return m;
    }

    private static String digest(List<Map<String, Object>> instances) {
        StringBuilder text = new StringBuilder();
        LiveStateDigest.describeInstances(instances, text);
        return LiveStateDigest.hash(text.toString());
    }

    @Test
    void whatMovesOnEveryProbeDoesNotCount() {
        var a = instance(3306, 0);
        var b = instance(3307, 3306);
        String before = digest(List.of(a, b));
        a.put("LastCheckedTimestamp", "2026-12-01T10:00:01Z");
        a.put("SelfBinlogCoordinates", Map.of("LogFile", "bin.000001", "LogPos", 4000));
        assertEquals(before, digest(List.of(a, b)));
        assertEquals(before, digest(List.of(b, a)), "the order of the rows does not count");
    }

    @Test
    void whatTheUiDrawsCounts() {
        var a = instance(3306, 0);
        var b = instance(3307, 3306);
        String before = digest(List.of(a, b));
        b.put("IsLastCheckValid", false);
        String unreachable = digest(List.of(a, b));
        assertNotEquals(before, unreachable);
        b.put("MasterKey", Map.of("Hostname", "", "Port", 0));
        assertNotEquals(unreachable, digest(List.of(a, b)));
        b.put("IsDowntimed", true);
        assertNotEquals(unreachable, digest(List.of(a, b)));
        assertEquals(24, before.length());
    }
}
