package io.quorch.store.sql;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quorch.store.NodeStateStore;

@ApplicationScoped
public class SqlNodeStateStore implements NodeStateStore {

    private final Jdbc jdbc;
    private final String upsert;

    public SqlNodeStateStore(Jdbc jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.upsert = dialect.upsert("node_state", List.of("name", "value"), List.of("name"));
    }

    @Override
    public void put(String name, String value) {
        jdbc.update(upsert, name, value);
    }

    @Override
    public Optional<String> get(String name) {
        return jdbc.queryOne("SELECT value FROM node_state WHERE name = ?", rs -> rs.getString(1), name);
    }
}
