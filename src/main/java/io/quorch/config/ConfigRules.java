package io.quorch.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.quorch.domain.InstanceKey;
import io.quorch.domain.Text;

/** Rules that span several settings; each violation is one line naming the key and the value. */
public final class ConfigRules {

    private ConfigRules() {
    }

    public static List<String> check(BackendConfig backend, RaftConfig raft, RecoveryConfig recovery) {
        List<String> problems = new ArrayList<>();
        if (backend.db().equals("mysql") && backend.mysqlHost().filter(h -> !h.isBlank()).isEmpty()) {
            problems.add("MySQLOrchestratorHost: required when BackendDB is \"mysql\"");
        }
        checkRaft(raft, problems);
        int groupSize = raft.enabled() ? (int) raft.nodes().orElse(List.of()).stream().filter(n -> !n.isBlank())
                .count() : 1;
        FailureDetectionQuorum.problem(recovery.failureDetectionQuorum(), groupSize).ifPresent(problems::add);
        if (recovery.failIfSqlThreadBehind() && recovery.delayIfSqlThreadBehind()) {
            problems.add("FailMasterPromotionIfSQLThreadNotUpToDate and DelayMasterPromotionIfSQLThreadNotUpToDate:"
                    + " only one of them may be true");
        }
        return problems;
    }

    /** NodeDataCenter: one plain word, as it travels in the probe assignment. */
    public static void nodeDataCenter(DiscoveryConfig discovery, List<String> problems) {
        discovery.nodeDataCenter().filter(dc -> !dc.matches("[A-Za-z0-9_.-]{1,64}")).ifPresent(dc -> problems.add(
                "NodeDataCenter: must be 1 to 64 letters, digits, '_', '.' or '-', got " + (dc.length() > 64
                        ? dc.length() + " characters starting \"" + Text.masked(dc.substring(0, 40)) + "\""
                        : "\"" + Text.masked(dc) + "\"")));
    }

    /** DiscoverySeeds as keys, each without a port on DefaultInstancePort; a bad entry is a problem naming it. */
    public static List<InstanceKey> seeds(DiscoveryConfig discovery, List<String> problems) {
        List<InstanceKey> keys = new ArrayList<>();
        for (String seed : discovery.seeds().orElse(List.of())) {
            if (seed.isBlank()) {
                continue;
            }
            try {
                keys.add(InstanceKey.parse(seed, discovery.defaultInstancePort()));
            } catch (IllegalArgumentException e) {
                problems.add("DiscoverySeeds: \"" + seed + "\" " + e.getMessage());
            }
        }
        return keys;
    }

    private static void checkRaft(RaftConfig raft, List<String> problems) {
        if (!raft.enabled()) {
            return;
        }
        if (raft.dataDir().filter(d -> !d.isBlank()).isEmpty()) {
            problems.add("RaftDataDir: required when RaftEnabled is true");
        }
        List<String> nodes = raft.nodes().orElse(List.of()).stream().map(String::trim).filter(n -> !n.isEmpty())
                .toList();
        if (nodes.isEmpty()) {
            problems.add("RaftNodes: required when RaftEnabled is true (list every member, e.g. [\"node1\", \"node2\", \"node3\"])");
            return;
        }
        List<String> normalized = new ArrayList<>();
        for (String node : nodes) {
            try {
                String n = normalize(node, raft.defaultPort());
                if (normalized.contains(n)) {
                    problems.add("RaftNodes: \"" + node + "\" is listed twice");
                }
                normalized.add(n);
            } catch (IllegalArgumentException e) {
                problems.add("RaftNodes: \"" + node + "\" " + e.getMessage());
            }
        }
        boolean advertised = raft.advertise().filter(a -> !a.isBlank()).isPresent();
        if (raft.bind().filter(b -> !b.isBlank()).isEmpty()) {
            problems.add("RaftBind: required when RaftEnabled is true (this node's entry in RaftNodes)");
        } else if (isWildcard(raft.bind().get())) {
            // listening on every address: the others know this node by RaftAdvertise
            if (!advertised) {
                problems.add("RaftBind: \"" + raft.bind().get() + "\" listens on every address; set RaftAdvertise to"
                        + " this node's entry in RaftNodes");
            }
        } else {
            checkMember("RaftBind", raft.bind().get(), raft, nodes, normalized, problems);
        }
        raft.advertise().filter(a -> !a.isBlank())
                .ifPresent(a -> checkMember("RaftAdvertise", a, raft, nodes, normalized, problems));
        problems.addAll(raftTlsProblems(raft.tls()));
    }

    /**
     * RaftTLSCertFile, RaftTLSKeyFile and RaftTLSCAFile: all three or none, each a readable file.
     * Empty when raft TLS is off or its files can be read.
     */
    public static List<String> raftTlsProblems(RaftConfig.Tls tls) {
        Map<String, Optional<String>> files = new LinkedHashMap<>();
        files.put("RaftTLSCertFile", tls.certFile());
        files.put("RaftTLSKeyFile", tls.keyFile());
        files.put("RaftTLSCAFile", tls.caFile());
        List<String> missing = files.entrySet().stream().filter(e -> e.getValue().filter(f -> !f.isBlank()).isEmpty())
                .map(Map.Entry::getKey).toList();
        if (missing.size() == files.size()) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        if (!missing.isEmpty()) {
            problems.add(String.join(", ", missing) + ": required when any of RaftTLSCertFile, RaftTLSKeyFile and"
                    + " RaftTLSCAFile is set (raft mutual TLS needs all three)");
        }
        files.forEach((key, file) -> file.filter(f -> !f.isBlank()).map(String::trim).ifPresent(f -> {
            Path path = Path.of(f);
            if (!Files.exists(path)) {
                problems.add(key + ": " + f + ": no such file");
            } else if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                problems.add(key + ": " + f + " cannot be read");
            }
        }));
        return problems;
    }

    /** True when all three raft TLS files are set. */
    public static boolean raftTlsEnabled(RaftConfig.Tls tls) {
        return tls.certFile().filter(f -> !f.isBlank()).isPresent() && tls.keyFile().filter(f -> !f.isBlank())
                .isPresent() && tls.caFile().filter(f -> !f.isBlank()).isPresent();
    }

    /** "0.0.0.0" or "0.0.0.0:port": bind every IPv4 address. */
    public static boolean isWildcard(String address) {
        String a = address.trim();
        return a.equals("0.0.0.0") || a.startsWith("0.0.0.0:");
    }

    private static void checkMember(String key, String value, RaftConfig raft, List<String> nodes,
            List<String> normalized, List<String> problems) {
        try {
            if (!normalized.contains(normalize(value, raft.defaultPort()))) {
                problems.add(key + ": \"" + value + "\" is not among RaftNodes " + nodes);
            }
        } catch (IllegalArgumentException e) {
            problems.add(key + ": \"" + value + "\" " + e.getMessage());
        }
    }

    /** "host" or "host:port" to "host:port" (lower-cased host), with the default port when none is given. */
    public static String normalize(String address, int defaultPort) {
        String a = address.trim();
        int colon = a.lastIndexOf(':');
        String host = a;
        int port = defaultPort;
        if (colon >= 0 && a.indexOf(':') == colon) {
            host = a.substring(0, colon);
            try {
                port = Integer.parseInt(a.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("has a port that is not a number");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("has a port out of range 1-65535");
            }
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("has no host");
        }
        return host.toLowerCase(Locale.ROOT) + ":" + port;
    }
}
