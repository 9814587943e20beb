package io.quorch.config;

import java.util.Optional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** quorch's own backend database: one per node, never shared. */
@ConfigMapping(prefix = "quorch.backend")
public interface BackendConfig {

    /** BackendDB: "sqlite" (embedded file, the default) or "mysql" (a MySQL or MariaDB server). */
    @WithDefault("sqlite")
    @Pattern(regexp = "sqlite|mysql", message = "must be \"sqlite\" or \"mysql\", got \"${validatedValue}\"")
    String db();

    /** SQLite3DataFile: the SQLite file; parent directories are created. Default "data/quorch.db". */
    @WithDefault("data/quorch.db")
    String sqliteFile();

    /** MySQLOrchestratorHost: backend MySQL host; required when BackendDB is "mysql". */
    Optional<String> mysqlHost();

    /** MySQLOrchestratorPort: backend MySQL port. Default 3306. */
    @WithDefault("3306")
    @Min(value = 1, message = "must be from 1 to 65535, got ${validatedValue}")
    @Max(value = 65535, message = "must be from 1 to 65535, got ${validatedValue}")
    int mysqlPort();

    /** MySQLOrchestratorDatabase: backend schema name, created when missing. Default "quorch". */
    @WithDefault("quorch")
    @Pattern(regexp = "[A-Za-z0-9_$]{1,64}", message = "must be a plain schema name, got \"${validatedValue}\"")
    String mysqlDatabase();

    /** MySQLOrchestratorUser: backend user. Default "quorch". */
    @WithDefault("quorch")
    String mysqlUser();

    /** MySQLOrchestratorPassword: backend password. Default empty. */
    Optional<String> mysqlPassword();

    /** MySQLOrchestratorMaxPoolConnections: backend connection pool size. Default 16. */
    @WithDefault("16")
    @Min(value = 1, message = "must be at least 1, got ${validatedValue}")
    int maxPoolConnections();

    /** BackendStartupTimeoutSeconds: how long to retry an unreachable backend at startup before exiting. Default 30. */
    @WithDefault("30")
    @Min(value = 0, message = "must not be negative, got ${validatedValue}")
    int startupTimeoutSeconds();

    /** BackendBailOutSeconds: how long the backend may stay lost while running before the node exits. Default 30. */
    @WithDefault("30")
    @Min(value = 1, message = "must be at least 1, got ${validatedValue}")
    int bailOutSeconds();

    /**
     * AuditPurgeDays: history older than this many days is purged: failure detections, recoveries
     * and their steps, expired downtimes and promotion rules (through the raft log), the node's
     * audit log and blocked recoveries (locally). Default 7.
     */
    @WithDefault("7")
    @Min(value = 1, message = "must be at least 1, got ${validatedValue}")
    int auditPurgeDays();
    /**
     * MySQLOrchestratorUseMutualTLS: connect to the MySQL backend over TLS, verified against
     * MySQLOrchestratorSSLCAFile, with the client certificate when one is configured. Default false.
     */
    @WithDefault("false")
    boolean mysqlUseMutualTls();

    /** MySQLOrchestratorSSLCAFile: the CA (PEM) that signs the backend's certificate; unset: the JDK's CAs. */
    Optional<String> mysqlSslCaFile();

    /** MySQLOrchestratorSSLCertFile: the client certificate (PEM) sent to the backend. */
    Optional<String> mysqlSslCertFile();

    /** MySQLOrchestratorSSLPrivateKeyFile: its key (PEM, unencrypted PKCS#8 or PKCS#1). */
    Optional<String> mysqlSslPrivateKeyFile();

    /** MySQLOrchestratorSSLSkipVerify: TLS without verifying the backend's certificate. Default false. */
    @WithDefault("false")
    boolean mysqlSslSkipVerify();

    /** MySQLOrchestratorAllowPublicKeyRetrieval: as MySQLTopologyAllowPublicKeyRetrieval, for the backend. Default false. */
    @WithDefault("false")
    boolean mysqlAllowPublicKeyRetrieval();
}
