package io.quorch.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Whether a report one node sends another (a failure verdict, a hello) comes from the member it
 * names. The report names its sender in its body, so without this anyone who can reach the API
 * (with the group's credentials, or with none when the API is open) could speak for a member: say
 * a primary is dead in its name, or point the others at another address. The connection must come
 * from one of the addresses of the member's raft host, the address its peers know it by. Pure but
 * for the resolver, which the tests replace.
 */
public final class PeerOrigin {

    /** Host name to addresses (DNS, /etc/hosts; the JDK caches the answers). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    public static final Resolver SYSTEM = InetAddress::getAllByName;

    private PeerOrigin() {
    }

    /**
     * Why a report naming member (its raft address, "host:port" or "[v6]:port") cannot have come from the remote
     * address (an IP literal), or null when it can.
     */
    public static String refusal(String member, String remote, Resolver resolver) {
        InetAddress from = literal(remote);
        if (from == null) {
            return "the request's remote address is unknown";
        }
        String host = host(member);
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException | SecurityException e) {
            return "the raft host of " + member + " cannot be resolved";
        }
        if (addresses != null && Arrays.asList(addresses).contains(from)) {
            return null;
        }
        return "a report in the name of " + member + " must come from its raft host " + host + ", not from "
                + from.getHostAddress();
    }

    /** "host" of a raft address "host:port"; "[v6]:port" gives "v6". */
    static String host(String member) {
        String m = member.trim();
        if (m.startsWith("[")) {
            int close = m.indexOf(']');
            return close > 0 ? m.substring(1, close) : m;
        }
        int colon = m.lastIndexOf(':');
        return colon > 0 && m.indexOf(':') == colon ? m.substring(0, colon) : m;
    }

    /** The address of an IP literal, never looked up in DNS; null for anything else. */
    static InetAddress literal(String ip) {
        if (ip == null || ip.length() > 64 || !(ip.matches("\\d{1,3}(\\.\\d{1,3}){3}")
                || ip.matches("[0-9A-Fa-f.]*:[0-9A-Fa-f.:]*(%[A-Za-z0-9_.-]+)?"))) {
            return null;
        }
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
