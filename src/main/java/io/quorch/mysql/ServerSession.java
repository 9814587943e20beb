package io.quorch.mysql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.quorch.config.MySqlAccessConfig;
import io.quorch.domain.InstanceKey;
import io.quorch.security.Redactor;

/**
 * Runs statements on a managed server the way every change there runs: one short connection, a
 * session where a backslash in a string literal is an ordinary character (NO_BACKSLASH_ESCAPES),
 * no driver escape processing, and failures reported with every configured secret replaced.
 */
final class ServerSession {

    static final int READ_TIMEOUT_MILLIS = 30_000;

    private final MySqlConnector connector;
    private final MySqlAccessConfig config;

    ServerSession(MySqlConnector connector, MySqlAccessConfig config) {
        this.connector = connector;
        this.config = config;
    }

    /** A statement and what a failure message may show of it. */
    record Sql(String text, String shown) {
        static Sql of(String text) {
            return new Sql(text, text);
        }
    }

    /** Runs the statements in order on one session; the first failure stops the rest. */
    void exec(InstanceKey key, String... statements) {
        List<Sql> list = new ArrayList<>();
        for (String s : statements) {
            list.add(Sql.of(s));
        }
        exec(key, list);
    }

    void exec(InstanceKey key, List<Sql> statements) {
        try (Connection c = connector.connect(key, READ_TIMEOUT_MILLIS); Statement st = statement(c)) {
            for (Sql sql : statements) {
                try {
                    st.execute(sql.text());
                } catch (SQLException e) {
                    throw failure(key, sql.shown(), e);
                }
            }
        } catch (SQLException e) {
            throw failure(key, "connecting", e);
        }
    }

    /** The first column of every row the query returns. */
    List<String> column(InstanceKey key, String sql) {
        try (Connection c = connector.connect(key, READ_TIMEOUT_MILLIS); Statement st = statement(c);
                ResultSet rs = st.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(String.valueOf(rs.getString(1)));
            }
            return out;
        } catch (SQLException e) {
            throw failure(key, sql, e);
        }
    }

    /** Every row the query returns, column label to value ("" for NULL). */
    List<java.util.Map<String, String>> rows(InstanceKey key, String sql) {
        try (Connection c = connector.connect(key, READ_TIMEOUT_MILLIS); Statement st = statement(c);
                ResultSet rs = st.executeQuery(sql)) {
            java.sql.ResultSetMetaData md = rs.getMetaData();
            List<java.util.Map<String, String>> out = new ArrayList<>();
            while (rs.next()) {
                java.util.Map<String, String> row = new java.util.LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    String v = rs.getString(i);
                    row.put(md.getColumnLabel(i), v == null ? "" : v);
                }
                out.add(row);
            }
            return out;
        } catch (SQLException e) {
            throw failure(key, sql, e);
        }
    }

    /** The first column of the first row, "" when there is none. */
    String value(InstanceKey key, String sql) {
        List<String> rows = column(key, sql);
        return rows.isEmpty() ? "" : rows.get(0);
    }

    /** A session where a backslash in a literal is an ordinary character and the driver rewrites nothing. */
    private static Statement statement(Connection c) throws SQLException {
        Statement st = c.createStatement();
        try {
            st.setEscapeProcessing(false);
            st.execute(ReplicationCommander.NO_BACKSLASH_ESCAPES);
            return st;
        } catch (SQLException e) {
            st.close();
            throw e;
        }
    }

    private CommandException failure(InstanceKey key, String shown, SQLException e) {
        List<String> secrets = new ArrayList<>(2);
        config.replicationPassword().ifPresent(secrets::add);
        config.password().ifPresent(secrets::add);
        String message = Redactor.redact(InstanceProber.describe(e), secrets);
        return new CommandException(key, Redactor.redact(shown, secrets),
                new SQLException(message, e.getSQLState(), e.getErrorCode()));
    }

    /** A SQL string literal under NO_BACKSLASH_ESCAPES: the text in single quotes, each quote doubled. */
    static String literal(String s) {
        return ReplicationCommander.literal(s);
    }
}
