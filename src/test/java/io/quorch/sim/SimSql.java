package io.quorch.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers the statements quorch sends a MariaDB server (its probe batch, its recoveries' commands,
 * Connector/J's own session set-up) from one simulated server's state. Several statements in one
 * query (the probe batch) get one result each. A statement it does not know is an error, and logged.
 */
final class SimSql {

    /** What a MariaDB 10.11 greets with (MariaDB prefixes 5.5.5- for old clients). */
    static final String HANDSHAKE_VERSION = "5.5.5-10.11.9-MariaDB-log";
    static final String VERSION = "10.11.9-MariaDB-log";

    private static final Pattern SELECT_ITEM = Pattern.compile(
            "@@(?:(global|session|local)\\.)?([a-z_0-9]+)(?:\\s+as\\s+`?([a-z_0-9]+)`?)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern IN_LIST = Pattern.compile("'([^']*)'");
    private static final Pattern GTID_WAIT = Pattern.compile(
            "select\\s+master_gtid_wait\\(\\s*'([^']*)'\\s*,\\s*([0-9.]+)\\s*\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern SET_GLOBAL = Pattern.compile(
            "set\\s+(?:global\\s+|@@global\\.)([a-z_0-9]+)\\s*=\\s*'?([^']*?)'?\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern CHANGE_OPTION = Pattern.compile(
            "([a-z_]+)\\s*=\\s*('(?:[^']|'')*'|[^,\\s]+)", Pattern.CASE_INSENSITIVE);

    private final SimFleet fleet;
    private final SimServer server;
    private final SimLog log;

    SimSql(SimFleet fleet, SimServer server, SimLog log) {
        this.fleet = fleet;
        this.server = server;
        this.log = log;
    }

    /** Answers every statement of a query; the first error ends it, as MariaDB does. */
    void answer(String query, SimWire wire) throws InterruptedException {
        List<String> statements = split(query);
        if (statements.isEmpty()) {
            wire.error(1065, "42000", "Query was empty");
            return;
        }
        for (int i = 0; i < statements.size(); i++) {
            int status = SimWire.STATUS_AUTOCOMMIT | (i < statements.size() - 1 ? SimWire.STATUS_MORE_RESULTS : 0);
            if (!one(statements.get(i), wire, status)) {
                return;
            }
        }
    }

    /** One statement; false when it failed. */
    private boolean one(String statement, SimWire wire, int status) throws InterruptedException {
        String s = statement.trim();
        String u = s.toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        try {
            if (u.startsWith("SELECT @@")) {
                selectVariables(s, wire, status);
            } else if (u.startsWith("SELECT MASTER_GTID_WAIT(")) {
                gtidWait(s, wire, status);
            } else if (u.startsWith("SELECT DISTINCT SUBSTRING_INDEX(HOST") && u.contains("PROCESSLIST")) {
                List<List<String>> rows = new ArrayList<>();
                for (SimServer r : connectedReplicas()) {
                    rows.add(SimSession.row(r.host));
                }
                wire.resultSet(List.of("SUBSTRING_INDEX(host, ':', 1)"), rows, status);
            } else if (u.equals("SELECT 1")) {
                wire.resultSet(List.of("1"), List.of(SimSession.row("1")), status);
            } else if (u.startsWith("SHOW ")) {
                show(u, s, wire, status);
            } else if (u.startsWith("SET ")) {
                set(s, u, wire, status);
            } else if (u.matches("(STOP|START) (SLAVE|REPLICA)( IO_THREAD| SQL_THREAD)?( UNTIL .*)?")) {
                threads(u, wire, status);
            } else if (u.matches("RESET (SLAVE|REPLICA)( ALL)?")) {
                if (server.ioStarted() || server.sqlStarted()) {
                    return runningReplica(wire);
                }
                if (u.endsWith(" ALL")) {
                    server.resetReplica();
                }
                wire.ok(0, status);
            } else if (u.startsWith("CHANGE MASTER TO ") || u.startsWith("CHANGE REPLICATION SOURCE TO ")) {
                if (server.ioStarted() || server.sqlStarted()) {
                    return runningReplica(wire);
                }
                changeMaster(s);
                wire.ok(0, status);
            } else if (u.equals("FLUSH BINARY LOGS") || u.equals("FLUSH LOGS")) {
                wire.ok(0, status);
            } else {
                log.unknown(server.key(), s);
                wire.error(1064, "42000", "You have an error in your SQL syntax (not simulated): " + s);
                return false;
            }
            return true;
        } catch (SimError e) {
            wire.error(e.code, e.state, e.getMessage());
            return false;
        }
    }

    private boolean runningReplica(SimWire wire) {
        wire.error(1198, "HY000", "This operation cannot be performed as you have a running slave ''; run STOP"
                + " SLAVE '' first");
        return false;
    }

    /** SELECT @@a, @@global.b AS c ...: each column named as written, or by its alias. */
    private void selectVariables(String s, SimWire wire, int status) {
        String list = s.replaceFirst("(?i)^select\\s+", "").replaceFirst("(?i)\\s+limit\\s+\\d+\\s*$", "");
        List<String> columns = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (String item : list.split(",")) {
            Matcher m = SELECT_ITEM.matcher(item.trim());
            if (!m.matches()) {
                log.unknown(server.key(), s);
                throw new SimError(1064, "42000", "not simulated: " + item.trim());
            }
            String name = m.group(2).toLowerCase(Locale.ROOT);
            columns.add(m.group(3) != null ? m.group(3) : item.trim());
            values.add(SimVariables.value(server, name, fleet));
        }
        wire.resultSet(columns, List.of(values), status);
    }

    /** MASTER_GTID_WAIT(pos, timeout): 0 once applied, -1 on timeout. */
    private void gtidWait(String s, SimWire wire, int status) throws InterruptedException {
        Matcher m = GTID_WAIT.matcher(s);
        if (!m.matches()) {
            log.unknown(server.key(), s);
            throw new SimError(1064, "42000", "not simulated: " + s);
        }
        long target = 0;
        for (String gtid : m.group(1).split(",")) {
            String[] parts = gtid.trim().split("-");
            if (parts.length == 3) {
                target = Math.max(target, Long.parseLong(parts[2]));
            }
        }
        long timeout = (long) (Double.parseDouble(m.group(2)) * 1000);
        String result = server.awaitSeq(target, timeout) ? "0" : "-1";
        wire.resultSet(List.of(s.substring(7).trim()), List.of(SimSession.row(result)), status);
    }

    private void show(String u, String s, SimWire wire, int status) {
        if (u.equals("SHOW SLAVE STATUS") || u.equals("SHOW REPLICA STATUS")) {
            List<List<String>> rows = server.isReplica() ? List.of(SimReplicaStatus.row(fleet, server)) : List.of();
            wire.resultSet(SimReplicaStatus.COLUMNS, rows, status);
        } else if (u.equals("SHOW SLAVE HOSTS") || u.equals("SHOW REPLICA HOSTS")) {
            List<List<String>> rows = new ArrayList<>();
            for (SimServer r : connectedReplicas()) {
                rows.add(SimSession.row(Long.toString(r.serverId), r.host, Integer.toString(r.port),
                        Long.toString(server.serverId)));
            }
            wire.resultSet(List.of("Server_id", "Host", "Port", "Master_id"), rows, status);
        } else if (u.equals("SHOW MASTER STATUS") || u.equals("SHOW BINLOG STATUS")) {
            wire.resultSet(List.of("File", "Position", "Binlog_Do_DB", "Binlog_Ignore_DB"),
                    List.of(SimSession.row(SimServer.BINLOG, Long.toString(server.binlogPos()), "", "")), status);
        } else if (u.equals("SHOW BINARY LOGS") || u.equals("SHOW MASTER LOGS")) {
            wire.resultSet(List.of("Log_name", "File_size"),
                    List.of(SimSession.row(SimServer.BINLOG, Long.toString(server.binlogPos()))), status);
        } else if (u.startsWith("SHOW GLOBAL VARIABLES WHERE VARIABLE_NAME IN")
                || u.startsWith("SHOW GLOBAL STATUS WHERE VARIABLE_NAME IN")) {
            boolean isStatus = u.startsWith("SHOW GLOBAL STATUS");
            List<List<String>> rows = new ArrayList<>();
            Matcher m = IN_LIST.matcher(s);
            while (m.find()) {
                String v = isStatus ? SimVariables.status(server, m.group(1)) : SimVariables.semiSync(m.group(1));
                if (v != null) {
                    rows.add(SimSession.row(m.group(1), v));
                }
            }
            wire.resultSet(List.of("Variable_name", "Value"), rows, status);
        } else {
            log.unknown(server.key(), s);
            throw new SimError(1064, "42000", "not simulated: " + s);
        }
    }

    private void set(String s, String u, SimWire wire, int status) {
        if (u.startsWith("SET GLOBAL ") || u.startsWith("SET @@GLOBAL.")) {
            Matcher m = SET_GLOBAL.matcher(s);
            if (!m.matches()) {
                log.unknown(server.key(), s);
                throw new SimError(1064, "42000", "not simulated: " + s);
            }
            String name = m.group(1).toLowerCase(Locale.ROOT);
            String value = m.group(2).trim();
            switch (name) {
                case "read_only" -> server.readOnly(value.equals("1") || value.equalsIgnoreCase("ON"));
                case "rpl_semi_sync_master_enabled", "rpl_semi_sync_slave_enabled", "gtid_strict_mode",
                        "sql_slave_skip_counter" -> {
                    // accepted, not simulated
                }
                default -> throw new SimError(1193, "HY000", "Unknown system variable '" + name + "'");
            }
        }
        // session settings (sql_mode, NAMES, autocommit, character sets) change nothing simulated
        wire.ok(0, status);
    }

    private void threads(String u, SimWire wire, int status) {
        boolean start = u.startsWith("START");
        if (start && !server.isReplica()) {
            throw new SimError(1200, "HY000", "Misconfigured slave: MASTER_HOST was not set; Fix in config file or"
                    + " with CHANGE MASTER TO");
        }
        Boolean on = start;
        if (u.contains("IO_THREAD")) {
            server.threads(on, null);
        } else if (u.contains("SQL_THREAD")) {
            server.threads(null, on);
        } else {
            server.threads(on, on);
        }
        wire.ok(0, status);
    }

    private void changeMaster(String s) {
        String options = s.replaceFirst("(?i)^change\\s+(master|replication\\s+source)\\s+to\\s+", "");
        Matcher m = CHANGE_OPTION.matcher(options);
        String host = server.masterHost();
        int port = server.masterPort() == 0 ? fleet.port() : server.masterPort();
        String user = null;
        while (m.find()) {
            String name = m.group(1).toUpperCase(Locale.ROOT).replace("SOURCE_", "MASTER_");
            String value = m.group(2).startsWith("'") ? m.group(2).substring(1, m.group(2).length() - 1)
                    .replace("''", "'") : m.group(2);
            switch (name) {
                case "MASTER_HOST" -> host = value;
                case "MASTER_PORT" -> port = Integer.parseInt(value);
                case "MASTER_USER" -> user = value;
                default -> {
                    // positions, GTID mode, retry, credentials and TLS: kept, not simulated
                }
            }
        }
        if (host == null || host.isEmpty()) {
            throw new SimError(1210, "HY000", "Incorrect arguments to MASTER_HOST");
        }
        server.replicate(host, port, user);
    }

    /** The replicas whose IO thread is connected to this server right now. */
    private List<SimServer> connectedReplicas() {
        List<SimServer> out = new ArrayList<>();
        for (SimServer r : fleet.replicasOf(server.host)) {
            if (r.masterPort() == server.port && fleet.connected(r)) {
                out.add(r);
            }
        }
        return out;
    }

    /** Splits a multi-statement query at semicolons outside quotes; comments before a statement go. */
    static List<String> split(String query) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == ';') {
                add(out, cur);
                cur.setLength(0);
                continue;
            }
            cur.append(c);
        }
        add(out, cur);
        return out;
    }

    private static void add(List<String> out, StringBuilder cur) {
        String s = cur.toString().trim().replaceFirst("^/\\*.*?\\*/\\s*", "").trim();
        if (!s.isEmpty()) {
            out.add(s);
        }
    }

    /** An error a real server would answer with. */
    static final class SimError extends RuntimeException {
        final int code;
        final String state;

        SimError(int code, String state, String message) {
            super(message);
            this.code = code;
            this.state = state;
        }
    }
}
