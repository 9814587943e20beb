package io.quorch.sharing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.quorch.domain.InstanceKey;
import io.quorch.domain.ProbeNode;

/**
 * Which nodes probe a server: rendezvous (highest random weight) hashing, so every node computes
 * the same owners from the same node list without any per-server state, and losing a node moves
 * only that node's servers. With more than one copy, each further owner is the best-scored node
 * in a data center not used yet, while there is one. Pure.
 */
public final class Rendezvous {

    private Rendezvous() {
    }

    /** The ids of the nodes that probe the server, best first: min(copies, nodes) of them. */
    public static List<String> owners(InstanceKey key, List<ProbeNode> nodes, int copies) {
        if (nodes.isEmpty() || copies <= 0) {
            return List.of();
        }
        String server = key.toString();
        List<ProbeNode> ranked = new ArrayList<>(nodes);
        ranked.sort(Comparator.comparingLong((ProbeNode n) -> score(n.id(), server)).reversed()
                .thenComparing(ProbeNode::id));
        List<String> owners = new ArrayList<>(copies);
        Set<String> centers = new HashSet<>();
        List<ProbeNode> rest = new ArrayList<>();
        for (ProbeNode n : ranked) {
            if (owners.size() == copies) {
                break;
            }
            if (owners.isEmpty() || !centers.contains(n.dataCenter())) {
                owners.add(n.id());
                centers.add(n.dataCenter());
            } else {
                rest.add(n);
            }
        }
        for (ProbeNode n : rest) {
            if (owners.size() == copies) {
                break;
            }
            owners.add(n.id());
        }
        if (owners.size() < copies) {
            // every data center is used: the remaining best-scored nodes, in rank order
            for (ProbeNode n : ranked) {
                if (owners.size() == copies) {
                    break;
                }
                if (!owners.contains(n.id())) {
                    owners.add(n.id());
                }
            }
        }
        return List.copyOf(owners);
    }

    /** A well-mixed 64-bit hash of node and server (FNV-1a, then MurmurHash3's finaliser). */
    static long score(String node, String server) {
        long h = 0xcbf29ce484222325L;
        for (byte b : (node + "\n" + server).getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
