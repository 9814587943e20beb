package io.quorch.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.ReplicationStatus;
import io.quorch.domain.ServerState;

/**
 * orchestrator's ASCII topology, character for character: one line per server, indented under
 * its primary ("+ " for a replica replicating and freshly checked, "- " otherwise), its alias in
 * parentheses, then [lag,status,version,rw|ro,binlog format,>>,GTID,...]; lines joined without a
 * trailing newline. The tabulated form puts the same tokens in '|'-separated columns padded to
 * the widest entry, the lag column right-aligned (orchestrator's util.Tabulate).
 */
public final class TopologyRenderer {

    /** How a server's line is drawn: the settings orchestrator reads for it. */
    public record Options(Duration pollInterval, Predicate<InstanceKey> downtimed, long reasonableMaintenanceLagSeconds) {
    }

    private TopologyRenderer() {
    }

    /** Aligned text, as /api/topology shows it. */
    public static String ascii(List<Instance> instances, Instant now, Duration pollInterval,
            Predicate<InstanceKey> downtimed) {
        return ascii(instances, now, new Options(pollInterval, downtimed, 20));
    }

    public static String ascii(List<Instance> instances, Instant now, Options options) {
        List<String[]> rows = rows(instances, now, options);
        int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
        List<String> lines = new ArrayList<>();
        for (String[] r : rows) {
            List<String> tokens = new ArrayList<>();
            for (int c = 1; c < r.length; c++) {
                if (!r[c].isEmpty()) {
                    tokens.add(r[c]);
                }
            }
            lines.add(r[0] + " ".repeat(width - r[0].length() + 1) + "[" + String.join(",", tokens) + "]");
        }
        return String.join("\n", lines);
    }

    /** '|'-separated columns, as /api/topology-tabulated shows it. */
    public static String tabulated(List<Instance> instances, Instant now, Duration pollInterval,
            Predicate<InstanceKey> downtimed) {
        return tabulated(instances, now, new Options(pollInterval, downtimed, 20));
    }

    public static String tabulated(List<Instance> instances, Instant now, Options options) {
        List<String[]> rows = rows(instances, now, options);
        int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] widths = new int[columns];
        for (String[] r : rows) {
            for (int c = 0; c < r.length; c++) {
                widths[c] = Math.max(widths[c], r[c].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                String token = c < r.length ? r[c] : "";
                String pad = " ".repeat(widths[c] - token.length());
                if (c > 0) {
                    line.append('|');
                }
                // the entry left, the lag right, the rest left: orchestrator's TabulateLeft, TabulateRight
                line.append(c == 1 ? pad + token : token + pad);
            }
            lines.add(line.toString());
        }
        return String.join("\n", lines);
    }

    /** Per server: the entry (indent, key, alias), then orchestrator's description tokens. */
    private static List<String[]> rows(List<Instance> instances, Instant now, Options options) {
        Map<InstanceKey, Instance> byKey = new HashMap<>();
        instances.forEach(i -> byKey.put(i.key(), i));
        List<String[]> rows = new ArrayList<>();
        for (TopologyTree.Node n : TopologyTree.depthFirst(instances)) {
            Instance i = n.instance();
            String indent = "";
            if (n.depth() > 0) {
                indent = "  ".repeat(n.depth() - 1) + (running(i, now, options.pollInterval()) ? "+ " : "- ");
            }
            String alias = i.state().detected().instanceAlias();
            String entry = indent + i.key() + (alias.isEmpty() ? "" : " (" + alias + ")");
            Instance master = i.masterKey() == null ? null : byKey.get(i.masterKey());
            boolean errant = master != null && master.lastCheckValid() && !ErrantGtid.of(i, master).isEmpty();
            List<String> tokens = tokens(i, now, options, errant);
            String[] row = new String[tokens.size() + 1];
            row[0] = entry;
            for (int t = 0; t < tokens.size(); t++) {
                row[t + 1] = tokens.get(t);
            }
            rows.add(row);
        }
        return rows;
    }

    private static boolean running(Instance i, Instant now, Duration pollInterval) {
        ReplicationStatus r = i.state().replication();
        return r != null && r.replicating() && i.lastCheckValid() && i.isUpToDate(now, pollInterval);
    }

    /** orchestrator's descriptionTokens: lag, status, version, ro/rw, binlog format, extras (may be empty). */
    static List<String> tokens(Instance i, Instant now, Options options, boolean errant) {
        ServerState s = i.state();
        List<String> tokens = new ArrayList<>();
        tokens.add(lag(i, now, options.pollInterval()));
        tokens.add(status(i, now, options.pollInterval(), options.reasonableMaintenanceLagSeconds()));
        tokens.add(s.version());
        tokens.add(s.readOnly() ? "ro" : "rw");
        tokens.add(s.logBinEnabled() ? s.binlogFormat() : "nobinlog");
        List<String> extra = new ArrayList<>();
        if (s.logBinEnabled() && s.logReplicationUpdatesEnabled()) {
            extra.add(">>");
        }
        if (s.usingGtid() || s.gtid().oracleGtidEnabled()) {
            extra.add(errant ? "GTID:errant" : "GTID");
        }
        if (s.semiSync().masterStatus()) {
            extra.add("semi:master");
        }
        if (s.semiSync().replicaStatus()) {
            extra.add("semi:replica");
        }
        if (options.downtimed().test(i.key())) {
            extra.add("downtimed");
        }
        tokens.add(String.join(",", extra));
        return tokens;
    }

    static String status(Instance i, Instant now, Duration pollInterval) {
        return status(i, now, pollInterval, 20);
    }

    static String status(Instance i, Instant now, Duration pollInterval, long reasonableMaintenanceLagSeconds) {
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
        if (r != null && !reasonableMaintenanceLag(r, reasonableMaintenanceLagSeconds)) {
            return "lag";
        }
        return "ok";
    }

    /** orchestrator's HasReasonableMaintenanceReplicationLag: SQL_Delay aside, an unknown lag as 0. */
    private static boolean reasonableMaintenanceLag(ReplicationStatus r, long limit) {
        long behind = r.secondsBehindMaster() == null ? 0 : r.secondsBehindMaster();
        return (r.sqlDelay() > 0 ? Math.abs(behind - r.sqlDelay()) : behind) <= limit;
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
        Long lag = i.state().replicationLagSeconds();
        return (lag == null ? 0 : lag) + "s";
    }
}
