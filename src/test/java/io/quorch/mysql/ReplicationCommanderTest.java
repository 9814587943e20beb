package io.quorch.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quorch.config.MySqlAccessConfig;
import io.quorch.domain.Flavor;
import io.quorch.domain.InstanceKey;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Statements as a server receives them, through a connector that records them instead of connecting. */
class ReplicationCommanderTest {

    static final String PASSWORD = "p'a\"ss\\w0rd";

    static MySqlAccessConfig config() {
        return new SmallRyeConfigBuilder().withMapping(MySqlAccessConfig.class)
                .withSources(new PropertiesConfigSource(Map.of("quorch.mysql.password", "topology-secret",
                        "quorch.mysql.replication-user", "re'pl", "quorch.mysql.replication-password", PASSWORD),
                        "test", 100))
                .build().getConfigMapping(MySqlAccessConfig.class);
    }

    /** Records every statement; fails CHANGE MASTER the way MySQL reports a syntax error, quoting the statement. */
    static final class RecordingConnector extends MySqlConnector {
        final List<String> statements = new ArrayList<>();
        final boolean failChangeMaster;

        RecordingConnector(MySqlAccessConfig config, boolean failChangeMaster) throws SQLException {
            super(config);
            this.failChangeMaster = failChangeMaster;
        }

        @Override
        public Connection connect(InstanceKey key, int readTimeoutMillis) {
            Statement st = (Statement) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {Statement.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "execute" -> {
                            String sql = (String) args[0];
                            statements.add(sql);
                            if (failChangeMaster && sql.startsWith("CHANGE")) {
                                throw new SQLSyntaxErrorException("You have an error in your SQL syntax; check the"
                                        + " manual near '" + sql.substring(sql.indexOf("MASTER_USER")) + "' at line 1",
                                        "42000", 1064);
                            }
                            yield false;
                        }
                        case "close", "setEscapeProcessing" -> null;
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "createStatement" -> st;
                        case "close" -> null;
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    static final ReplicationCommander.Target MARIADB = new ReplicationCommander.Target(new InstanceKey("db2", 3306),
            Flavor.MARIADB, "10.11.6-MariaDB-log");

    @Test
    void stringLiteralsAreRightUnderNoBackslashEscapesWhichEverySessionSets() throws Exception {
        var connector = new RecordingConnector(config(), false);
        new ReplicationCommander(connector, config()).changeMaster(MARIADB, new InstanceKey("db1", 3306), true);
        assertEquals(List.of(ReplicationCommander.NO_BACKSLASH_ESCAPES,
                "CHANGE MASTER TO MASTER_HOST = 'db1', MASTER_PORT = 3306, MASTER_USE_GTID = slave_pos,"
                        + " MASTER_CONNECT_RETRY = 1, MASTER_USER = 're''pl', MASTER_PASSWORD = 'p''a\"ss\\w0rd'"),
                connector.statements);
    }

    @Test
    void aFailedChangeMasterNeverCarriesThePassword() throws Exception {
        var connector = new RecordingConnector(config(), true);
        var commander = new ReplicationCommander(connector, config());
        var e = assertThrows(CommandException.class,
                () -> commander.changeMaster(MARIADB, new InstanceKey("db1", 3306), true));
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        for (String text : List.of(e.getMessage(), trace.toString())) {
            assertFalse(text.contains("ss\\w0rd"), text);
            assertFalse(text.contains("ss\\\\w0rd"), text);
            assertFalse(text.contains("topology-secret"), text);
        }
        assertTrue(e.getMessage().contains("MASTER_PASSWORD = '****'"), e.getMessage());
        assertTrue(e.getMessage().contains("You have an error in your SQL syntax"), e.getMessage());
    }

    @Test
    void detachingStopsReplicationAndPrefixesThePrimarysHostWithTwoSlashes() throws Exception {
        var connector = new RecordingConnector(config(), false);
        new ReplicationCommander(connector, config()).detachMasterHost(MARIADB, new InstanceKey("db1", 3306));
        assertEquals(List.of(ReplicationCommander.NO_BACKSLASH_ESCAPES, "STOP SLAVE",
                ReplicationCommander.NO_BACKSLASH_ESCAPES, "CHANGE MASTER TO MASTER_HOST = '//db1'"),
                connector.statements);
        var mysql = new ReplicationCommander.Target(new InstanceKey("db3", 3306), Flavor.MYSQL, "8.0.36");
        assertEquals("CHANGE REPLICATION SOURCE TO SOURCE_HOST = '//db1'",
                new ReplicationCommander(connector, config()).detachSql(mysql, new InstanceKey("db1", 3306)));
    }

    @Test
    void literalsDoubleQuotesOnly() {
        assertEquals("'a''b\\c\"d'", ReplicationCommander.literal("a'b\\c\"d"));
    }

    static final ReplicationCommander.Target MYSQL = new ReplicationCommander.Target(new InstanceKey("db3", 3306),
            Flavor.MYSQL, "8.0.36");

    @Test
    void useSuperReadOnlySetsSuperReadOnlyWhereTheServerHasIt() {
        assertEquals("SET GLOBAL super_read_only = 1", ReplicationCommander.readOnlySql(MYSQL, true, true));
        assertEquals("SET GLOBAL read_only = 1", ReplicationCommander.readOnlySql(MYSQL, true, false));
        // MariaDB has no super_read_only
        assertEquals("SET GLOBAL read_only = 1", ReplicationCommander.readOnlySql(MARIADB, true, true));
        // read_only = 0 clears super_read_only too
        assertEquals("SET GLOBAL read_only = 0", ReplicationCommander.readOnlySql(MYSQL, false, true));
    }

    @Test
    void aReplicationUserFromTheCredentialsQueryIsOneLineOfSensibleLength() {
        assertTrue(ReplicationCommander.usableUser("repl"));
        assertFalse(ReplicationCommander.usableUser(""));
        assertFalse(ReplicationCommander.usableUser(null));
        assertFalse(ReplicationCommander.usableUser("re\npl"));
        assertFalse(ReplicationCommander.usableUser("x".repeat(81)));
    }

    @Test
    void credentialsNeverShowThePasswordWhenPrinted() {
        var c = new ReplicationCommander.Credentials("repl", "s3cret");
        assertFalse(c.toString().contains("s3cret"), c.toString());
    }

    @Test
    void movesWithoutGtidNameTheCoordinatesAndLeaveCredentialsAndTlsAlone() throws Exception {
        RecordingConnector connector = new RecordingConnector(config(), false);
        ReplicationCommander c = new ReplicationCommander(connector, config());
        io.quorch.domain.BinlogCoordinates at = new io.quorch.domain.BinlogCoordinates("mysql-bin.000003", 4711);
        c.changeMasterToCoordinates(MARIADB, new InstanceKey("db1", 3306), at, false);
        ReplicationCommander.Target mysql84 = new ReplicationCommander.Target(new InstanceKey("db3", 3306), Flavor.MYSQL,
                "8.4.3");
        c.changeMasterToCoordinates(mysql84, new InstanceKey("db1", 3306), at, false);
        List<String> changes = connector.statements.stream().filter(x -> x.startsWith("CHANGE")).toList();
        assertEquals(List.of("CHANGE MASTER TO MASTER_HOST = 'db1', MASTER_PORT = 3306, MASTER_LOG_FILE = 'mysql-bin.000003',"
                + " MASTER_LOG_POS = 4711, MASTER_USE_GTID = no",
                "CHANGE REPLICATION SOURCE TO SOURCE_HOST = 'db1', SOURCE_PORT = 3306, SOURCE_LOG_FILE ="
                        + " 'mysql-bin.000003', SOURCE_LOG_POS = 4711, SOURCE_AUTO_POSITION = 0"), changes);
    }

    @Test
    void tlsSettingsAreSetBackAsTheyWere() throws Exception {
        RecordingConnector connector = new RecordingConnector(config(), false);
        ReplicationCommander c = new ReplicationCommander(connector, config());
        java.util.Map<String, String> ssl = new java.util.LinkedHashMap<>();
        ssl.put("MASTER_SSL", "1");
        ssl.put("MASTER_SSL_CA", "/etc/ca's.pem");
        c.restoreTls(MARIADB, new ReplicaSettings(new InstanceKey("db1", 3306), "repl",
                io.quorch.domain.BinlogCoordinates.NONE, true, true, "", ssl));
        assertTrue(connector.statements.contains("CHANGE MASTER TO MASTER_SSL = 1, MASTER_SSL_CA = '/etc/ca''s.pem'"),
                connector.statements.toString());
    }
}
