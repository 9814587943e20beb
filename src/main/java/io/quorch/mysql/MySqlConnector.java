package io.quorch.mysql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;
import io.quorch.config.MySqlAccessConfig;
import io.quorch.domain.InstanceKey;
import io.quorch.security.MySqlTls;
import io.quorch.security.MySqlTlsErrors;

/**
 * Opens connections to managed servers with the topology credentials and short timeouts. The
 * driver is named explicitly (no DriverManager service lookup). Every setting travels in a
 * properties object; the URL holds only the checked host (an IPv6 literal in brackets) and port, so
 * no host name a server or user reported can add connection options. A server can never make
 * quorch read a local file (LOAD DATA LOCAL) or deserialize objects.
 * <p>
 * TLS follows orchestrator's keys: MySQLTopologyUseMutualTLS puts every connection on TLS;
 * MySQLTopologyUseMixedTLS tries a plain connection first and uses TLS with the servers that refuse
 * it, remembering which do. Made at startup, so that a TLS file that cannot be used stops quorch there.
 */
@Startup(5)
@ApplicationScoped
public class MySqlConnector {

    private static final Logger LOG = Logger.getLogger(MySqlConnector.class);

    private final com.mysql.cj.jdbc.Driver driver;
    private final MySqlAccessConfig config;
    private final MySqlTls tls;
    /** Under mixed TLS, the servers that refused a plain connection. */
    private final Set<InstanceKey> needTls = ConcurrentHashMap.newKeySet();

    public MySqlConnector(MySqlAccessConfig config) throws SQLException {
        this.config = config;
        this.tls = MySqlTls.of(settings(config), config.useMutualTls() || config.useMixedTls());
        this.driver = new com.mysql.cj.jdbc.Driver();
    }

    static MySqlTls.Settings settings(MySqlAccessConfig config) {
        return new MySqlTls.Settings("MySQLTopology", config.sslCaFile(), config.sslCertFile(),
                config.sslPrivateKeyFile(), config.sslSkipVerify(), config.allowPublicKeyRetrieval());
    }

    /** A probe connection: read timeout MySQLReadTimeoutSeconds, several statements per round trip. */
    public Connection connectForProbes(InstanceKey key) throws SQLException {
        return connect(key, millis(config.readTimeoutSeconds()), true);
    }

    /**
     * A watch connection: connecting (TCP and the server's greeting) and every read time out after
     * timeoutMillis, whatever MySQLConnectTimeoutSeconds says, so that a server that stopped
     * answering is noticed within the watch's own interval. TLS as for every other connection.
     */
    public Connection connectForWatch(InstanceKey key, int timeoutMillis) throws SQLException {
        return connect(key, timeoutMillis, false, timeoutMillis);
    }

    /** A connection whose reads time out after readTimeoutMillis (longer for commands that wait). */
    public Connection connect(InstanceKey key, int readTimeoutMillis) throws SQLException {
        return connect(key, readTimeoutMillis, false);
    }

    private Connection connect(InstanceKey key, int readTimeoutMillis, boolean multiStatements) throws SQLException {
        return connect(key, readTimeoutMillis, multiStatements, millis(config.connectTimeoutSeconds()));
    }

    private Connection connect(InstanceKey key, int readTimeoutMillis, boolean multiStatements, int connectTimeoutMillis)
            throws SQLException {
        if (config.useMutualTls()) {
            return open(key, properties(readTimeoutMillis, multiStatements, Mode.TLS, connectTimeoutMillis));
        }
        if (!config.useMixedTls()) {
            return open(key, properties(readTimeoutMillis, multiStatements, Mode.OPPORTUNISTIC, connectTimeoutMillis));
        }
        if (needTls.contains(key)) {
            try {
                return open(key, properties(readTimeoutMillis, multiStatements, Mode.TLS, connectTimeoutMillis));
            } catch (SQLException e) {
                needTls.remove(key); // it may have stopped requiring TLS (or lost it): ask again next time
                throw e;
            }
        }
        try {
            return open(key, properties(readTimeoutMillis, multiStatements, Mode.PLAIN, connectTimeoutMillis));
        } catch (SQLException e) {
            if (!MySqlTlsErrors.refusedPlain(e)) {
                throw e;
            }
            LOG.debugf("%s refuses a plain connection (%s): trying TLS", key, e.getMessage());
            Connection c;
            try {
                c = open(key, properties(readTimeoutMillis, multiStatements, Mode.TLS, connectTimeoutMillis));
            } catch (SQLException t) {
                // a server without TLS that refused the plain login (a wrong password): say that, not "no TLS"
                if (MySqlTlsErrors.noTlsOffered(t)) {
                    e.addSuppressed(t);
                    throw e;
                }
                throw t;
            }
            needTls.add(key);
            return c;
        }
    }

    private Connection open(InstanceKey key, Properties properties) throws SQLException {
        Connection c;
        try {
            c = driver.connect(url(key), properties);
        } catch (SQLException e) {
            throw MySqlTlsErrors.clarify(e, key.toString(), "MySQLTopologySSLCAFile");
        }
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

    /** How a connection uses TLS. */
    enum Mode {
        /** TLS as configured (verified unless SkipVerify) */
        TLS,
        /** no TLS: the first try of mixed TLS */
        PLAIN,
        /** TLS when the server offers it, unverified: TLS is not configured */
        OPPORTUNISTIC
    }

    Properties properties(int readTimeoutMillis, boolean multiStatements, Mode mode) {
        return properties(readTimeoutMillis, multiStatements, mode, millis(config.connectTimeoutSeconds()));
    }

    Properties properties(int readTimeoutMillis, boolean multiStatements, Mode mode, int connectTimeoutMillis) {
        Properties p = new Properties();
        p.setProperty("user", config.user());
        p.setProperty("password", config.password().orElse(""));
        p.setProperty("connectTimeout", Integer.toString(connectTimeoutMillis));
        p.setProperty("socketTimeout", Integer.toString(readTimeoutMillis));
        Map<String, String> security = tls.properties(mode == Mode.TLS, mode == Mode.PLAIN);
        security.forEach(p::setProperty);
        p.setProperty("tcpKeepAlive", "true");
        // the driver's OpenTelemetry spans name the server by a reverse DNS lookup of its address on every
        // new connection: seconds each where DNS is slow, which held discovery at 30 servers a second
        p.setProperty("openTelemetry", "DISABLED");
        p.setProperty("connectionAttributes", "program_name:quorch");
        p.setProperty("useLocalSessionState", "true");
        p.setProperty("cacheServerConfiguration", "true");
        p.setProperty("zeroDateTimeBehavior", "CONVERT_TO_NULL");
        p.setProperty("allowMultiQueries", Boolean.toString(multiStatements));
        if (multiStatements) {
            // a probe connection sends the same batch every poll: the driver parses it once (ProbeBatch)
            p.setProperty("cachePrepStmts", "true");
            p.setProperty("prepStmtCacheSize", "4");
            p.setProperty("prepStmtCacheSqlLimit", "8192");
        }
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

    @PreDestroy
    void close() {
        tls.close();
    }
}
