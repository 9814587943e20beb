package io.quorch.mysql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;

import io.quorch.config.MySqlAccessConfig;
import io.quorch.domain.InstanceKey;

/**
 * Opens connections to managed servers with the topology credentials and short timeouts. The
 * driver is named explicitly (no DriverManager service lookup). Every setting travels in a
 * properties object; the URL holds only the checked host (an IPv6 literal in brackets) and port, so
 * no host name a server or user reported can add connection options. A server can never make
 * quorch read a local file (LOAD DATA LOCAL) or deserialize objects.
 */
@ApplicationScoped
public class MySqlConnector {

    private final com.mysql.cj.jdbc.Driver driver;
    private final MySqlAccessConfig config;

    public MySqlConnector(MySqlAccessConfig config) throws SQLException {
        this.config = config;
        this.driver = new com.mysql.cj.jdbc.Driver();
    }

    /** A probe connection: read timeout MySQLReadTimeoutSeconds, several statements per round trip. */
    public Connection connectForProbes(InstanceKey key) throws SQLException {
        return connect(key, millis(config.readTimeoutSeconds()), true);
    }

    /** A connection whose reads time out after readTimeoutMillis (longer for commands that wait). */
    public Connection connect(InstanceKey key, int readTimeoutMillis) throws SQLException {
        return connect(key, readTimeoutMillis, false);
    }

    private Connection connect(InstanceKey key, int readTimeoutMillis, boolean multiStatements) throws SQLException {
        Connection c = driver.connect(url(key), properties(readTimeoutMillis, multiStatements));
        if (c == null) {
            throw new SQLException("driver refused URL for " + key);
        }
        return c;
    }

    /** jdbc:mysql://host:port/ or jdbc:mysql://[ipv6]:port/, from a checked key only. */
    static String url(InstanceKey key) {
        String host = key.hostname();
        return "jdbc:mysql://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + key.port() + "/";
    }

    Properties properties(int readTimeoutMillis, boolean multiStatements) {
        Properties p = new Properties();
        p.setProperty("user", config.user());
        p.setProperty("password", config.password().orElse(""));
        p.setProperty("connectTimeout", Integer.toString(millis(config.connectTimeoutSeconds())));
        p.setProperty("socketTimeout", Integer.toString(readTimeoutMillis));
        p.setProperty("sslMode", "PREFERRED");
        p.setProperty("allowPublicKeyRetrieval", "true");
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("connectionAttributes", "program_name:quorch");
        p.setProperty("useLocalSessionState", "true");
        p.setProperty("cacheServerConfiguration", "true");
        p.setProperty("zeroDateTimeBehavior", "CONVERT_TO_NULL");
        p.setProperty("allowMultiQueries", Boolean.toString(multiStatements));
        // a server must never make quorch send a local file or deserialize what it sends
        p.setProperty("allowLoadLocalInfile", "false");
        p.setProperty("allowUrlInLocalInfile", "false");
        p.setProperty("autoDeserialize", "false");
        p.remove("allowLoadLocalInfileInPath");
        return p;
    }

    static int millis(double seconds) {
        return (int) Math.max(1, Math.round(seconds * 1000));
    }
}
