package io.quorch.mysql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;

import io.quorch.config.MySqlAccessConfig;
import io.quorch.domain.InstanceKey;

/**
 * Opens connections to managed servers with the topology credentials and short timeouts. The
 * driver is named explicitly (no DriverManager service lookup).
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
        Connection c = driver.connect("jdbc:mysql://" + key.hostname() + ":" + key.port() + "/", p);
        if (c == null) {
            throw new SQLException("driver refused URL for " + key);
        }
        return c;
    }

    static int millis(double seconds) {
        return (int) Math.max(1, Math.round(seconds * 1000));
    }
}
