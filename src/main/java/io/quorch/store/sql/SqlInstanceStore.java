package io.quorch.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.ServerState;
import io.quorch.store.InstanceStore;

/**
 * database_instance: the columns queries filter on, plus the whole probed state as JSON
 * (details), so new probe fields need no schema change.
 */
@ApplicationScoped
public class SqlInstanceStore implements InstanceStore {

    private static final List<String> COLUMNS = List.of("hostname", "port", "last_checked", "last_attempted",
            "last_seen", "last_check_valid", "consecutive_failures", "last_error", "server_id", "server_uuid",
            "version", "flavor", "read_only", "master_host", "master_port", "cluster_name", "replication_depth",
            "data_center", "region", "physical_environment", "details");
    private static final String SELECT = "SELECT hostname, port, cluster_name, replication_depth, last_checked,"
            + " last_seen, last_check_valid, consecutive_failures, last_error, details FROM database_instance";
    private static final String ORDER = " ORDER BY cluster_name, replication_depth, hostname, port";
    /** The same columns but the details: enough when every server's details are the ones this process wrote. */
    private static final String SELECT_KNOWN = "SELECT hostname, port, cluster_name, replication_depth, last_checked,"
            + " last_seen, last_check_valid, consecutive_failures, last_error FROM database_instance";

    private final Jdbc jdbc;
    private final String upsert;
    /** The application's ObjectMapper (settings in JsonSettings): unknown fields in stored details are skipped. */
    private final ObjectMapper json;
    /**
     * The last details text read or written per server, what it parsed to, and the last_seen it was
     * written with (only a successful probe writes details, and sets last_seen with them).
     */
    private final Map<InstanceKey, Parsed> parsed = new ConcurrentHashMap<>();

    private record Parsed(String text, ServerState state, long lastSeenMillis) {
    }

    public SqlInstanceStore(Jdbc jdbc, SqlDialect dialect, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.upsert = dialect.upsert("database_instance", COLUMNS, List.of("hostname", "port"));
    }

    @Override
    public Instance writeProbe(InstanceKey key, ServerState state, Instant now) {
        Placement p = placement(key, state.masterKey());
        InstanceKey master = state.masterKey();
        String details = toJson(state);
        jdbc.update(upsert, key.hostname(), key.port(), now, now, now, true, 0, "", state.serverId(),
                state.serverUuid(), state.version(), state.flavor().name(), state.readOnly(),
                master == null ? "" : master.hostname(), master == null ? 0 : master.port(), p.cluster(), p.depth(),
                state.dataCenter(), state.region(), state.physicalEnvironment(), details);
        // every probe changes the details (positions move): what was written is what the next read finds,
        // so reads of thousands of rows a second parse none of them again
        parsed.put(key, new Parsed(details, state, now.toEpochMilli()));
        return new Instance(key, state, p.cluster(), p.depth(), now, now, true, 0, "");
    }

    private record Placement(String cluster, int depth) {
    }

    /** A top primary names its cluster; a replica takes its primary's cluster, one level deeper. */
    private Placement placement(InstanceKey key, InstanceKey master) {
        if (master == null) {
            return new Placement(key.toString(), 0);
        }
        Optional<Placement> above = jdbc.queryOne(
                "SELECT cluster_name, replication_depth FROM database_instance WHERE hostname = ? AND port = ?",
                rs -> new Placement(rs.getString(1), rs.getInt(2)), master.hostname(), master.port());
        if (above.isEmpty() || above.get().cluster().isEmpty()) {
            return new Placement(master.toString(), 1);
        }
        if (above.get().cluster().equals(key.toString())) {
            // co-primaries replicate from each other: the one named by the cluster stays its top
            return new Placement(key.toString(), 0);
        }
        return new Placement(above.get().cluster(), above.get().depth() + 1);
    }

    @Override
    public Optional<Instance> writeFailure(InstanceKey key, Instant now, String error) {
        String e = error == null ? "" : error.length() > 1000 ? error.substring(0, 1000) : error;
        int n = jdbc.update("UPDATE database_instance SET last_checked = ?, last_attempted = ?, last_check_valid = 0,"
                + " consecutive_failures = consecutive_failures + 1, last_error = ? WHERE hostname = ? AND port = ?",
                now, now, e, key.hostname(), key.port());
        return n == 0 ? Optional.empty() : read(key);
    }

    @Override
    public Optional<Instance> read(InstanceKey key) {
        return jdbc.queryOne(SELECT + " WHERE hostname = ? AND port = ?", this::map, key.hostname(), key.port());
    }

    /**
     * Every server. The details (kilobytes each) are read only when some server's are not the ones
     * this process last wrote or read: a fleet of thousands is read without them, every analysis pass.
     */
    @Override
    public List<Instance> readAll() {
        List<Instance> known = jdbc.query(SELECT_KNOWN + ORDER, this::mapKnown);
        if (known.stream().allMatch(java.util.Objects::nonNull)) {
            return known;
        }
        return jdbc.query(SELECT + ORDER, this::map);
    }

    /** The row with the details remembered for it, or null when they may have changed since. */
    private Instance mapKnown(ResultSet rs) throws SQLException {
        InstanceKey key = new InstanceKey(rs.getString("hostname"), rs.getInt("port"));
        Parsed cached = parsed.get(key);
        long lastSeen = rs.getLong("last_seen");
        if (cached == null || cached.lastSeenMillis() != lastSeen) {
            return null;
        }
        return new Instance(key, cached.state(), rs.getString("cluster_name"), rs.getInt("replication_depth"),
                Instant.ofEpochMilli(rs.getLong("last_checked")), Instant.ofEpochMilli(lastSeen),
                rs.getInt("last_check_valid") == 1, rs.getInt("consecutive_failures"), rs.getString("last_error"));
    }

    @Override
    public List<Instance> readCluster(String clusterName) {
        return jdbc.query(SELECT + " WHERE cluster_name = ?" + ORDER, this::map, clusterName);
    }

    @Override
    public List<Instance> replicasOf(InstanceKey key) {
        return jdbc.query(SELECT + " WHERE master_host = ? AND master_port = ?" + ORDER, this::map, key.hostname(),
                key.port());
    }

    @Override
    public List<InstanceKey> keys() {
        return jdbc.query("SELECT hostname, port FROM database_instance", rs -> new InstanceKey(rs.getString(1),
                rs.getInt(2)));
    }

    @Override
    public List<String> clusterNames() {
        return jdbc.query("SELECT DISTINCT cluster_name FROM database_instance ORDER BY cluster_name",
                rs -> rs.getString(1));
    }

    @Override
    public List<Instant> lastCheckedTimes() {
        return jdbc.query("SELECT last_checked FROM database_instance", rs -> Instant.ofEpochMilli(rs.getLong(1)));
    }

    @Override
    public boolean forget(InstanceKey key) {
        parsed.remove(key);
        return jdbc.update("DELETE FROM database_instance WHERE hostname = ? AND port = ?", key.hostname(),
                key.port()) > 0;
    }

    @Override
    public int forgetCluster(String clusterName) {
        parsed.clear();
        return jdbc.update("DELETE FROM database_instance WHERE cluster_name = ?", clusterName);
    }

    private Instance map(ResultSet rs) throws SQLException {
        InstanceKey key = new InstanceKey(rs.getString("hostname"), rs.getInt("port"));
        String details = rs.getString("details");
        Parsed cached = parsed.get(key);
        long lastSeen = rs.getLong("last_seen");
        ServerState state;
        if (cached != null && cached.text().equals(details)) {
            state = cached.state();
            if (cached.lastSeenMillis() != lastSeen) {
                parsed.put(key, new Parsed(details, state, lastSeen));
            }
        } else {
            try {
                state = json.readValue(details, ServerState.class);
            } catch (JsonProcessingException e) {
                throw new SQLException("database_instance " + key + ": unreadable details: " + e.getOriginalMessage(),
                        e);
            }
            parsed.put(key, new Parsed(details, state, lastSeen));
        }
        return new Instance(key, state, rs.getString("cluster_name"), rs.getInt("replication_depth"),
                Instant.ofEpochMilli(rs.getLong("last_checked")), Instant.ofEpochMilli(rs.getLong("last_seen")),
                rs.getInt("last_check_valid") == 1, rs.getInt("consecutive_failures"), rs.getString("last_error"));
    }

    private String toJson(ServerState state) {
        try {
            return json.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the state of a server", e);
        }
    }
}
