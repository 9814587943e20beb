package io.quorch.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InstanceKeyTest {

    @Test
    void parsesAndNormalises() {
        assertEquals(new InstanceKey("db1", 3307), InstanceKey.parse("DB1:3307"));
        assertEquals(new InstanceKey("db1", 3306), InstanceKey.parse("db1"));
        assertEquals("db1:3307", InstanceKey.parse(" db1:3307 ").toString());
    }

    @Test
    void rejectsBadPortsAndHosts() {
        assertThrows(IllegalArgumentException.class, () -> InstanceKey.parse("db1:x"));
        assertThrows(IllegalArgumentException.class, () -> InstanceKey.parse("db1:0"));
        assertThrows(IllegalArgumentException.class, () -> InstanceKey.parse(":3306"));
    }

    @Test
    void binlogCoordinatesOrderByFileNumberThenPosition() {
        var a = new BinlogCoordinates("mysql-bin.000009", 500);
        var b = new BinlogCoordinates("mysql-bin.000010", 4);
        var c = new BinlogCoordinates("mysql-bin.000010", 90);
        assertTrue(a.compareTo(b) < 0);
        assertTrue(b.compareTo(c) < 0);
        assertEquals(10, b.fileNumber());
    }
}
