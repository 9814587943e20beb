package io.quorch.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * A quorch node that takes a share of the probing: its raft address (its name in the group), the
 * base URL of its HTTP API (where the others fetch its results) and its data center (empty when it
 * declares none).
 */
public record ProbeNode(String id, String uri, String dataCenter) {

    public ProbeNode {
        dataCenter = dataCenter == null ? "" : dataCenter;
    }

    /** One node per line, its fields separated by tabs (none of them holds whitespace). */
    public static String encode(List<ProbeNode> nodes) {
        StringBuilder b = new StringBuilder();
        for (ProbeNode n : nodes) {
            b.append(n.id()).append('\t').append(n.uri()).append('\t').append(n.dataCenter()).append('\n');
        }
        return b.toString();
    }

    /** What {@link #encode} wrote; lines that do not have three fields are skipped. */
    public static List<ProbeNode> decode(String text) {
        List<ProbeNode> nodes = new ArrayList<>();
        if (text == null) {
            return nodes;
        }
        for (String line : text.split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length == 3 && !f[0].isEmpty() && !f[1].isEmpty()) {
                nodes.add(new ProbeNode(f[0], f[1], f[2]));
            }
        }
        return nodes;
    }
}
