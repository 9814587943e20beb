package io.quorch.sim;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Runs a simulated fleet for scripts (scripts/bench-scale), with a small control API on 127.0.0.1:
 * <pre>
 *   GET  /servers               host:port role cluster source alive, one server a line
 *   POST /kill/HOST             refuse connections, end the open ones (its replicas' IO threads fail)
 *   POST /revive/HOST           start it again
 *   POST /pause/HOST            accept but never answer; /resume/HOST answers again
 *   POST /latency/HOST/MILLIS   wait that long before every answer
 *   POST /lag/HOST/SECONDS      the replica's Seconds_Behind_Master
 *   GET  /unknown               the statements no simulated server knew
 * </pre>
 * Arguments: --servers N --port P --control-port C [--replicas R] [--chain-every K].
 * Prints "sim: ready" on standard output once it listens; runs until killed.
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Integer> a = new HashMap<>(Map.of("servers", 1000, "port", 33306, "control-port", 33307,
                "replicas", 4, "chain-every", 10));
        for (int i = 0; i < args.length; i++) {
            String name = args[i].replaceFirst("^--", "");
            if (!a.containsKey(name) || i + 1 >= args.length) {
                System.err.println("usage: --servers N --port P --control-port C [--replicas R] [--chain-every K]");
                System.exit(2);
            }
            a.put(name, Integer.parseInt(args[++i]));
        }
        Simulator sim = Simulator.start(a.get("servers"), a.get("port"), a.get("replicas"), a.get("chain-every"));
        HttpServer control = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                a.get("control-port")), 16);
        control.createContext("/", ex -> handle(sim, ex));
        control.start();
        System.out.println("sim: ready " + sim.fleet().servers().size() + " servers on port " + sim.port()
                + ", control on " + control.getAddress().getPort());
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            control.stop(0);
            sim.close();
        }));
        new CountDownLatch(1).await();
    }

    private static void handle(Simulator sim, HttpExchange ex) throws IOException {
        String[] p = ex.getRequestURI().getPath().replaceFirst("^/", "").split("/");
        int code = 200;
        String body;
        try {
            SimFleet f = sim.fleet();
            body = switch (p[0]) {
                case "servers" -> servers(f);
                case "unknown" -> String.join("\n", sim.log().unknownStatements()) + "\n";
                case "kill" -> done(() -> f.kill(p[1]));
                case "revive" -> done(() -> f.revive(p[1]));
                case "pause" -> done(() -> f.pause(p[1], true));
                case "resume" -> done(() -> f.pause(p[1], false));
                case "latency" -> done(() -> f.latency(p[1], Integer.parseInt(p[2])));
                case "lag" -> done(() -> f.server(p[1]).lagSeconds(Long.parseLong(p[2])));
                default -> throw new IllegalArgumentException("unknown request " + ex.getRequestURI().getPath());
            };
        } catch (RuntimeException e) {
            code = 400;
            body = "error: " + e.getMessage() + "\n";
        }
        byte[] out = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(code, out.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(out);
        }
    }

    private static String done(Runnable action) {
        action.run();
        return "ok\n";
    }

    private static String servers(SimFleet f) {
        StringBuilder sb = new StringBuilder();
        for (SimServer s : f.servers()) {
            sb.append(s.key()).append(' ').append(s.isReplica() ? "replica" : "primary").append(' ')
                    .append(s.cluster).append(' ').append(s.isReplica() ? s.masterHost() + ":" + s.masterPort() : "-")
                    .append(' ').append(s.alive() ? "alive" : "dead").append('\n');
        }
        return sb.toString();
    }
}
