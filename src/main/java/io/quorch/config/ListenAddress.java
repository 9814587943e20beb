package io.quorch.config;

/** An HTTP listen address as orchestrator writes it: ":3000" (all interfaces) or "host:3000". */
public record ListenAddress(String host, int port) {

    public static ListenAddress parse(String address) {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("must be \"host:port\" or \":port\"");
        }
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("must be \"host:port\" or \":port\"");
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port must be a number from 1 to 65535");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be a number from 1 to 65535");
        }
        return new ListenAddress(host.isEmpty() ? "0.0.0.0" : host, port);
    }
}
