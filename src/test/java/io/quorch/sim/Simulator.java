package io.quorch.sim;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A fleet of simulated MariaDB servers behind one listening socket. The socket listens on every
 * address of the port; Linux routes all of 127.0.0.0/8 to the loopback interface, so a connection
 * to 127.20.a.b arrives here and its local address tells which simulated server it asked for. A
 * connection from elsewhere than loopback, or to an address no server has, is closed at once; one
 * to a killed server is reset, as a refused connection would be.
 */
public final class Simulator implements AutoCloseable {

    private final SimFleet fleet;
    private final SimLog log = new SimLog();
    private final ServerSocket listener;
    private final ExecutorService sessions = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("sim-session-", 0).factory());
    private final Thread acceptor;

    private Simulator(SimFleet fleet, ServerSocket listener) {
        this.fleet = fleet;
        this.listener = listener;
        this.acceptor = Thread.ofPlatform().name("sim-accept").daemon(true).start(this::accept);
    }

    /** Starts servers simulated servers (clusters of 1 + replicas) on the port (0: any free one). */
    public static Simulator start(int servers, int port, int replicas, int chainEvery) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(port), 4096);
        return new Simulator(new SimFleet(servers, listener.getLocalPort(), replicas, chainEvery), listener);
    }

    public SimFleet fleet() {
        return fleet;
    }

    public SimLog log() {
        return log;
    }

    public int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    System.err.println("sim: accept failed: " + e.getMessage());
                }
                continue;
            }
            try {
                route(s);
            } catch (IOException | RuntimeException e) {
                quietly(s);
            }
        }
    }

    private void route(Socket s) throws IOException {
        InetAddress local = s.getLocalAddress();
        SimServer server = fleet.server(local.getHostAddress());
        if (!s.getInetAddress().isLoopbackAddress() || server == null) {
            quietly(s);
            return;
        }
        if (!server.alive()) {
            s.setSoLinger(true, 0); // a reset, as close to "connection refused" as an accepted socket gets
            quietly(s);
            return;
        }
        s.setTcpNoDelay(true);
        sessions.execute(new SimSession(fleet, server, s, log));
    }

    private static void quietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closed either way
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // closed either way
        }
        fleet.close();
        sessions.shutdownNow();
        acceptor.interrupt();
    }
}
