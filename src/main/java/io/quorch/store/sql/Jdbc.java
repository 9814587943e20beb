package io.quorch.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ObjLongConsumer;

import javax.sql.DataSource;

import io.quorch.store.StoreException;

/** Plain JDBC with bound parameters; SQLExceptions become {@link StoreException}. */
public final class Jdbc {

    private final DataSource dataSource;
    /** Told each call's operation ("query", "update", "transaction", "other") and its nanoseconds. */
    private final ObjLongConsumer<String> timer;

    public Jdbc(DataSource dataSource) {
        this(dataSource, (operation, nanos) -> { });
    }

    public Jdbc(DataSource dataSource, ObjLongConsumer<String> timer) {
        this.dataSource = dataSource;
        this.timer = timer;
    }

    public int update(String sql, Object... params) {
        return timed("update", c -> update(c, sql, params));
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        return timed("query", c -> query(c, sql, mapper, params));
    }

    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = query(sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** Runs the work in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(SqlWork<T> work) {
        return timed("transaction", c -> {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        });
    }

    public <T> T withConnection(SqlWork<T> work) {
        return timed("other", work);
    }

    private <T> T timed(String operation, SqlWork<T> work) {
        long start = System.nanoTime();
        try {
            return run(work);
        } finally {
            timer.accept(operation, System.nanoTime() - start);
        }
    }

    private <T> T run(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    public static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    public static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object... params)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            }
        }
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof Boolean b) {
                ps.setInt(i + 1, b ? 1 : 0);
            } else if (p instanceof java.time.Instant t) {
                ps.setLong(i + 1, t.toEpochMilli());
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }
}
