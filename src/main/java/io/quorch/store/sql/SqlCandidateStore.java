package io.quorch.store.sql;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quorch.domain.InstanceKey;
import io.quorch.domain.PromotionRule;
import io.quorch.store.CandidateStore;

@ApplicationScoped
public class SqlCandidateStore implements CandidateStore {

    private final Jdbc jdbc;
    private final String upsert;

    public SqlCandidateStore(Jdbc jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.upsert = dialect.upsert("candidate_database_instance",
                List.of("hostname", "port", "promotion_rule", "last_suggested"), List.of("hostname", "port"));
    }

    @Override
    public void register(InstanceKey key, PromotionRule rule, Instant at) {
        jdbc.update(upsert, key.hostname(), key.port(), rule.wire(), at);
    }

    @Override
    public Map<InstanceKey, PromotionRule> registeredSince(Instant since) {
        Map<InstanceKey, PromotionRule> m = new LinkedHashMap<>();
        jdbc.query("SELECT hostname, port, promotion_rule FROM candidate_database_instance WHERE last_suggested >= ?",
                rs -> m.put(new InstanceKey(rs.getString(1), rs.getInt(2)), PromotionRule.parse(rs.getString(3))),
                since);
        return m;
    }
}
