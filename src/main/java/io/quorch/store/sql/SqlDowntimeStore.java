package io.quorch.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quorch.domain.Downtime;
import io.quorch.domain.InstanceKey;
import io.quorch.store.DowntimeStore;

@ApplicationScoped
public class SqlDowntimeStore implements DowntimeStore {

    private final Jdbc jdbc;
    private final String upsert;

    public SqlDowntimeStore(Jdbc jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.upsert = dialect.upsert("database_instance_downtime",
                List.of("hostname", "port", "begin_timestamp", "end_timestamp", "owner", "reason"),
                List.of("hostname", "port"));
    }

    @Override
    public void begin(Downtime d) {
        jdbc.update(upsert, d.key().hostname(), d.key().port(), d.begin(), d.end(), d.owner(), d.reason());
    }

    @Override
    public boolean end(InstanceKey key) {
        return jdbc.update("DELETE FROM database_instance_downtime WHERE hostname = ? AND port = ?", key.hostname(),
                key.port()) > 0;
    }

    @Override
    public Optional<Downtime> active(InstanceKey key, Instant now) {
        return jdbc.queryOne("SELECT * FROM database_instance_downtime WHERE hostname = ? AND port = ?"
                + " AND begin_timestamp <= ? AND end_timestamp > ?", SqlDowntimeStore::map, key.hostname(),
                key.port(), now, now);
    }

    @Override
    public List<Downtime> allActive(Instant now) {
        return jdbc.query("SELECT * FROM database_instance_downtime WHERE begin_timestamp <= ? AND end_timestamp > ?"
                + " ORDER BY hostname, port", SqlDowntimeStore::map, now, now);
    }

    private static Downtime map(ResultSet rs) throws SQLException {
        return new Downtime(new InstanceKey(rs.getString("hostname"), rs.getInt("port")), rs.getString("owner"),
                rs.getString("reason"), Instant.ofEpochMilli(rs.getLong("begin_timestamp")),
                Instant.ofEpochMilli(rs.getLong("end_timestamp")));
    }
}
