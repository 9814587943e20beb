package io.quorch.consensus.ratis;

import java.util.ArrayList;
import java.util.List;

import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;

import io.quorch.config.ConfigRules;
import io.quorch.config.RaftConfig;

/**
 * The members of the group as configured. A member's identity is its configured name (host:port),
 * never an address resolved at startup: gRPC resolves the name whenever it connects, so a pod
 * whose IP changes behind a stable DNS name rejoins.
 */
public record RatisMembers(List<RaftPeer> peers, RaftPeer self, String bindHost, int bindPort) {

    public static RatisMembers of(RaftConfig config) {
        int defaultPort = config.defaultPort();
        List<RaftPeer> peers = new ArrayList<>();
        for (String node : config.nodes().orElse(List.of())) {
            String address = ConfigRules.normalize(node, defaultPort);
            peers.add(RaftPeer.newBuilder().setId(id(address)).setAddress(address).build());
        }
        String bind = ConfigRules.normalize(config.bind().orElseThrow(), defaultPort);
        String advertise = ConfigRules.normalize(config.advertise().filter(a -> !a.isBlank()).orElse(bind),
                defaultPort);
        RaftPeer self = peers.stream().filter(p -> p.getAddress().equals(advertise)).findFirst()
                .orElseThrow(() -> new IllegalStateException("RaftAdvertise " + advertise + " is not among RaftNodes"));
        int colon = bind.lastIndexOf(':');
        return new RatisMembers(List.copyOf(peers), self, bind.substring(0, colon),
                Integer.parseInt(bind.substring(colon + 1)));
    }

    /** "node1:10008" becomes the peer id "node1_10008". */
    public static RaftPeerId id(String address) {
        return RaftPeerId.valueOf(address.replace(':', '_'));
    }

    public int majority() {
        return peers.size() / 2 + 1;
    }
}
