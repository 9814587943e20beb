package io.quorch.mysql;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One row of a SHOW statement by column name, with the old (Master/Slave) and new
 * (Source/Replica) spellings treated as the same column.
 */
public final class StatusRow {

    /**
     * Canonical spellings already worked out: the same few hundred column names come back on every
     * probe. Bounded, since the names are the server's word.
     */
    private static final Map<String, String> CANONICAL = new ConcurrentHashMap<>();
    private static final int CANONICAL_MAX = 2_000;

    private final Map<String, String> values;

    public StatusRow(Map<String, String> values) {
        this.values = HashMap.newHashMap(values.size());
        values.forEach((k, v) -> this.values.put(canonical(k), v));
    }

    public static StatusRow of(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        Map<String, String> m = HashMap.newHashMap(n);
        for (int i = 1; i <= n; i++) {
            m.put(md.getColumnLabel(i), rs.getString(i));
        }
        return new StatusRow(m);
    }

    /** Source_Host and Master_Host are both "master_host"; Replica_IO_Running is "slave_io_running". */
    static String canonical(String column) {
        String known = CANONICAL.get(column);
        if (known != null) {
            return known;
        }
        String c = column.toLowerCase(Locale.ROOT)
                .replace("source", "master")
                .replace("replica", "slave");
        if (CANONICAL.size() < CANONICAL_MAX) {
            CANONICAL.put(column, c);
        }
        return c;
    }

    /** How many spellings are remembered, for tests. */
    static int rememberedSpellings() {
        return CANONICAL.size();
    }

    public String string(String column) {
        String v = values.get(canonical(column));
        return v == null ? "" : v;
    }

    public boolean has(String column) {
        return values.get(canonical(column)) != null;
    }

    public long longValue(String column) {
        String v = string(column).trim();
        if (v.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A number, or null when the column is NULL or missing. */
    public Long nullableLong(String column) {
        String v = values.get(canonical(column));
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public boolean yes(String column) {
        String v = string(column);
        return v.equalsIgnoreCase("Yes") || v.equalsIgnoreCase("ON") || v.equals("1");
    }
}
