package io.quorch.sim;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client connection to one simulated server, on its own virtual thread: the greeting, a login
 * that accepts any user (the simulator checks no password: it is a load generator, not a security
 * test), then commands until the client quits or the server is killed.
 */
final class SimSession implements Runnable {

    private static final AtomicLong IDS = new AtomicLong();

    static final int COM_QUIT = 1;
    static final int COM_INIT_DB = 2;
    static final int COM_QUERY = 3;
    static final int COM_PING = 14;
    static final int COM_SET_OPTION = 27;
    static final int COM_RESET_CONNECTION = 31;

    private final SimFleet fleet;
    private final SimServer server;
    private final Socket socket;
    private final SimSql sql;
    private final long id = IDS.incrementAndGet();

    SimSession(SimFleet fleet, SimServer server, Socket socket, SimLog log) {
        this.fleet = fleet;
        this.server = server;
        this.socket = socket;
        this.sql = new SimSql(fleet, server, log);
    }

    @Override
    public void run() {
        fleet.opened(server, this);
        try {
            server.awaitAnswering();
            if (!server.alive()) {
                return;
            }
            SimWire wire = new SimWire(new BufferedInputStream(socket.getInputStream(), 8192),
                    new BufferedOutputStream(socket.getOutputStream(), 16384));
            byte[] scramble = new byte[20];
            for (int i = 0; i < scramble.length; i++) {
                scramble[i] = (byte) ThreadLocalRandom.current().nextInt(33, 127);
            }
            wire.resetSequence();
            wire.greeting(SimSql.HANDSHAKE_VERSION, id, scramble);
            wire.flush();
            wire.read();
            wire.ok(0, SimWire.STATUS_AUTOCOMMIT);
            wire.flush();
            while (server.alive()) {
                byte[] packet = wire.read();
                server.awaitAnswering();
                int latency = server.latencyMillis();
                if (latency > 0) {
                    Thread.sleep(latency);
                }
                if (!server.alive() || packet.length == 0) {
                    return;
                }
                switch (packet[0] & 0xff) {
                    case COM_QUIT -> {
                        return;
                    }
                    case COM_QUERY -> sql.answer(new String(packet, 1, packet.length - 1, StandardCharsets.UTF_8),
                            wire);
                    case COM_PING, COM_INIT_DB, COM_SET_OPTION, COM_RESET_CONNECTION ->
                            wire.ok(0, SimWire.STATUS_AUTOCOMMIT);
                    default -> wire.error(1047, "08S01", "Unknown command " + (packet[0] & 0xff));
                }
                wire.flush();
            }
        } catch (IOException e) {
            // the client went away, or the server was killed under it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close();
            fleet.closed(server, this);
        }
    }

    void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closed either way
        }
    }

    static List<String> row(String... values) {
        return java.util.Arrays.asList(values);
    }
}
