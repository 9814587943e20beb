package io.quorch.store.sql;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quorch.store.ClusterAliasStore;

@ApplicationScoped
public class SqlClusterAliasStore implements ClusterAliasStore {

    private final Jdbc jdbc;
    private final String upsert;

    public SqlClusterAliasStore(Jdbc jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.upsert = dialect.upsert("cluster_alias", List.of("cluster_name", "alias", "manual", "last_registered"),
                List.of("cluster_name"));
    }

    @Override
    public void setAlias(String clusterName, String alias, boolean manual, Instant at) {
        jdbc.inTransaction(c -> {
            if (!manual) {
                var existing = Jdbc.query(c, "SELECT manual FROM cluster_alias WHERE cluster_name = ?",
                        rs -> rs.getInt(1), clusterName);
                if (!existing.isEmpty() && existing.get(0) == 1) {
                    return null;
                }
            }
            Jdbc.update(c, upsert, clusterName, alias, manual, at);
            return null;
        });
    }

    @Override
    public Optional<String> alias(String clusterName) {
        return jdbc.queryOne("SELECT alias FROM cluster_alias WHERE cluster_name = ?", rs -> rs.getString(1),
                clusterName);
    }

    @Override
    public List<String> clustersByAlias(String alias) {
        return jdbc.query("SELECT cluster_name FROM cluster_alias WHERE alias = ? ORDER BY manual DESC,"
                + " last_registered DESC", rs -> rs.getString(1), alias);
    }

    @Override
    public Map<String, String> all() {
        Map<String, String> m = new LinkedHashMap<>();
        jdbc.query("SELECT cluster_name, alias FROM cluster_alias ORDER BY cluster_name",
                rs -> m.put(rs.getString(1), rs.getString(2)));
        return m;
    }

    @Override
    public void forget(String clusterName) {
        jdbc.update("DELETE FROM cluster_alias WHERE cluster_name = ?", clusterName);
    }
}
