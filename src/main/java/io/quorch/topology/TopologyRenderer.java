package io.quorch.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.ReplicationStatus;
import io.quorch.domain.ServerState;

/**
 * orchestrator's ASCII topology: one line per server, indented under its primary, with
 * [lag,status,version,rw|ro,binlog format,>>,GTID,...].
 */
public final class TopologyRenderer {

    private TopologyRenderer() {
    }

    /** Aligned text, as /api/topology shows it. */
    public static String ascii(List<Instance> instances, Instant now, Duration pollInterval,
            Predicate<InstanceKey> downtimed) {
        List<String[]> rows = rows(instances, now, pollInterval, downtimed);
        int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            sb.append(r[0]).append(" ".repeat(width - r[0].length() + 1)).append(r[1]).append('\n');
        }
        return sb.toString();
    }

    /** Tab-separated columns, as /api/topology-tabulated shows it. */
    public static String tabulated(List<Instance> instances, Instant now, Duration pollInterval,
            Predicate<InstanceKey> downtimed) {
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows(instances, now, pollInterval, downtimed)) {
            sb.append(r[0]).append('|').append(String.join("|", r[1].substring(1, r[1].length() - 1).split(",", 6)))
                    .append('\n');
        }
        return sb.toString();
    }

    private static List<String[]> rows(List<Instance> instances, Instant now, Duration pollInterval,
            Predicate<InstanceKey> downtimed) {
        List<String[]> rows = new ArrayList<>();
        for (TopologyTree.Node n : TopologyTree.depthFirst(instances)) {
            String indent = n.depth() == 0 ? "" : "  ".repeat(n.depth() - 1) + "+ ";
            rows.add(new String[] { indent + n.instance().key(),
                    description(n.instance(), now, pollInterval, downtimed.test(n.instance().key())) });
        }
        return rows;
    }

    static String description(Instance i, Instant now, Duration pollInterval, boolean downtimed) {
        ServerState s = i.state();
        List<String> tokens = new ArrayList<>();
        tokens.add(lag(i, now, pollInterval));
        tokens.add(status(i, now, pollInterval));
        tokens.add(s.version());
        tokens.add(s.readOnly() ? "ro" : "rw");
        tokens.add(s.logBinEnabled() ? s.binlogFormat() : "nobinlog");
        List<String> extra = new ArrayList<>();
        if (s.logBinEnabled() && s.logReplicationUpdatesEnabled()) {
            extra.add(">>");
        }
        if (s.usingGtid() || s.gtid().oracleGtidEnabled()) {
            extra.add("GTID");
        }
        if (s.semiSync().masterStatus()) {
            extra.add("semi:master");
        }
        if (s.semiSync().replicaStatus()) {
            extra.add("semi:replica");
        }
        if (downtimed) {
            extra.add("downtimed");
        }
        tokens.add(String.join(",", extra));
        return "[" + String.join(",", tokens) + "]";
    }

    static String status(Instance i, Instant now, Duration pollInterval) {
        if (!i.lastCheckValid()) {
            return "invalid";
        }
        if (!i.isUpToDate(now, pollInterval)) {
            return "unchecked";
        }
        ReplicationStatus r = i.state().replication();
        if (r != null && !r.replicating()) {
            return "nonreplicating";
        }
        return "ok";
    }

    static String lag(Instance i, Instant now, Duration pollInterval) {
        if (!i.lastCheckValid() || !i.isUpToDate(now, pollInterval)) {
            return "unknown";
        }
        ReplicationStatus r = i.state().replication();
        if (r == null) {
            return "0s";
        }
        if (!r.replicating() || r.secondsBehindMaster() == null) {
            return "null";
        }
        return r.secondsBehindMaster() + "s";
    }
}
