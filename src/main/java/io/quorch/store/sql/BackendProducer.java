package io.quorch.store.sql;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ConnectionValidator;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.quorch.config.BackendConfig;
import io.quorch.metrics.QuorchMetrics;
import io.quorch.security.MySqlTls;
import io.quorch.store.BackendUnavailableException;

/** Chooses the backend dialect from BackendDB and builds its Agroal connection pool. */
@ApplicationScoped
public class BackendProducer {

    @Produces
    @Singleton
    SqlDialect dialect(BackendConfig config) {
        return switch (config.db()) {
            case "mysql" -> new MySqlDialect(config.mysqlHost().orElse("127.0.0.1"), config.mysqlPort(),
                    config.mysqlDatabase());
            default -> new SqliteDialect(Path.of(config.sqliteFile()));
        };
    }

    @Produces
    @Singleton
    MySqlTls backendTls(BackendConfig config) {
        // only a MySQL backend has a connection to protect
        return MySqlTls.of(tlsSettings(config), config.db().equals("mysql") && config.mysqlUseMutualTls());
    }

    void closeTls(@Disposes MySqlTls tls) {
        tls.close();
    }

    static MySqlTls.Settings tlsSettings(BackendConfig config) {
        boolean mysql = config.db().equals("mysql");
        return new MySqlTls.Settings("MySQLOrchestrator", config.mysqlSslCaFile().filter(f -> mysql),
                config.mysqlSslCertFile().filter(f -> mysql), config.mysqlSslPrivateKeyFile().filter(f -> mysql),
                config.mysqlSslSkipVerify(), config.mysqlAllowPublicKeyRetrieval());
    }

    @Produces
    @Singleton
    AgroalDataSource dataSource(SqlDialect dialect, BackendConfig config, MySqlTls tls) {
        Map<String, String> security = dialect instanceof MySqlDialect
                ? tls.properties(config.mysqlUseMutualTls(), false)
                : Map.of();
        return pool(dialect, config.mysqlUser(), config.mysqlPassword().orElse(""), config.maxPoolConnections(),
                security);
    }

    /** An Agroal pool for the dialect's backend (its directory prepared first). */
    public static AgroalDataSource pool(SqlDialect dialect, String user, String password, int maxSize) {
        return pool(dialect, user, password, maxSize, Map.of());
    }

    /** The same, with connection properties added to the dialect's (TLS settings). */
    public static AgroalDataSource pool(SqlDialect dialect, String user, String password, int maxSize,
            Map<String, String> connectionProperties) {
        dialect.prepare();
        var supplier = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool
                        .minSize(0)
                        .initialSize(0)
                        .maxSize(maxSize)
                        .acquisitionTimeout(Duration.ofSeconds(5))
                        .validationTimeout(Duration.ofSeconds(30))
                        .reapTimeout(Duration.ofMinutes(5))
                        .connectionValidator(ConnectionValidator.defaultValidator())
                        .connectionFactoryConfiguration(factory -> {
                            factory.jdbcUrl(dialect.jdbcUrl())
                                    .connectionProviderClass(dialect.driverClass())
                                    .principal(new NamePrincipal(user))
                                    .credential(new SimplePassword(password));
                            dialect.jdbcProperties().forEach(factory::jdbcProperty);
                            connectionProperties.forEach(factory::jdbcProperty);
                            return factory;
                        }));
        try {
            return AgroalDataSource.from(supplier);
        } catch (SQLException e) {
            throw new BackendUnavailableException("backend " + dialect.describe() + ": " + e.getMessage(), e);
        }
    }

    void close(@Disposes AgroalDataSource dataSource) {
        dataSource.close();
    }

    @Produces
    @Singleton
    Jdbc jdbc(AgroalDataSource dataSource, QuorchMetrics metrics) {
        return new Jdbc(dataSource, metrics::backendCall);
    }
}
