package io.quorch.store.sql;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quorch.domain.InstanceKey;
import io.quorch.store.DiscoveryStore;

@ApplicationScoped
public class SqlDiscoveryStore implements DiscoveryStore {

    private final Jdbc jdbc;
    private final String seedUpsert;

    public SqlDiscoveryStore(Jdbc jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.seedUpsert = dialect.upsert("discovery_seed", List.of("hostname", "port", "seeded_at"),
                List.of("hostname", "port"));
    }

    @Override
    public void addSeed(InstanceKey key, Instant at) {
        jdbc.update(seedUpsert, key.hostname(), key.port(), at);
    }

    @Override
    public List<InstanceKey> seeds() {
        return jdbc.query("SELECT hostname, port FROM discovery_seed ORDER BY seeded_at",
                rs -> new InstanceKey(rs.getString(1), rs.getInt(2)));
    }

    @Override
    public void removeSeed(InstanceKey key) {
        jdbc.update("DELETE FROM discovery_seed WHERE hostname = ? AND port = ?", key.hostname(), key.port());
    }
}
