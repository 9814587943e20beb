package io.quorch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ListenAddressTest {

    @ParameterizedTest
    @CsvSource({ ":3000,0.0.0.0,3000", "127.0.0.1:3001,127.0.0.1,3001", "[::1]:80,::1,80", "node1:65535,node1,65535" })
    void parses(String address, String host, int port) {
        assertEquals(new ListenAddress(host, port), ListenAddress.parse(address));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "3000", ":0", ":65536", ":http", "host:" })
    void rejects(String address) {
        assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse(address));
    }
}
