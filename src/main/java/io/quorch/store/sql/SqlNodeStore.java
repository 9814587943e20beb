package io.quorch.store.sql;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quorch.domain.NodeIdentity;
import io.quorch.store.NodeStore;

@ApplicationScoped
public class SqlNodeStore implements NodeStore {

    private static final List<String> COLUMNS = List.of("hostname", "token", "app_version", "first_seen", "last_seen");

    private final Jdbc jdbc;
    private final String upsert;

    public SqlNodeStore(Jdbc jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.upsert = dialect.upsert("node_health", COLUMNS, List.of("hostname", "token"), List.of("last_seen"));
    }

    @Override
    public void heartbeat(NodeIdentity node, Instant now) {
        jdbc.update(upsert, node.hostname(), node.token(), node.version(), node.startedAt(), now);
    }

    @Override
    public Optional<Instant> lastHeartbeat(NodeIdentity node) {
        return jdbc.queryOne("SELECT last_seen FROM node_health WHERE hostname = ? AND token = ?",
                rs -> Instant.ofEpochMilli(rs.getLong(1)), node.hostname(), node.token());
    }
}
