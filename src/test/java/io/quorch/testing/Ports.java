package io.quorch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Free loopback ports for processes a test starts. */
public final class Ports {

    /**
     * Every port handed out by this test run: a port is free only until a process binds it, so the system may offer
     * it again to the next caller, and a group given one port twice refuses its own configuration.
     */
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private Ports() {
    }

    public static int free() {
        for (int tries = 0; tries < 100; tries++) {
            int port = any();
            if (GIVEN.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no loopback port that was not handed out already");
    }

    private static int any() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
