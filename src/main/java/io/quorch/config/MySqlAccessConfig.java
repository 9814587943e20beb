package io.quorch.config;

import java.util.Optional;

import jakarta.validation.constraints.DecimalMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How quorch logs into the MySQL/MariaDB servers it manages. */
@ConfigMapping(prefix = "quorch.mysql")
public interface MySqlAccessConfig {

    /** MySQLTopologyUser. Default "quorch". */
    @WithDefault("quorch")
    String user();

    /** MySQLTopologyPassword. Default empty. */
    Optional<String> password();

    /** MySQLReplicaUser: replication user set on a server that is pointed at a new primary and has none (a demoted primary). */
    Optional<String> replicationUser();

    /** MySQLReplicaPassword. */
    Optional<String> replicationPassword();

    /** MySQLConnectTimeoutSeconds: connect timeout for probes and commands; fractions allowed. Default 2. */
    @WithDefault("2")
    @DecimalMin(value = "0", inclusive = false, message = "must be greater than 0, got ${validatedValue}")
    double connectTimeoutSeconds();

    /** MySQLDiscoveryReadTimeoutSeconds / MySQLReadTimeoutSeconds: read timeout of a probe. Default 3. */
    @WithDefault("3")
    @DecimalMin(value = "0", inclusive = false, message = "must be greater than 0, got ${validatedValue}")
    double readTimeoutSeconds();
    /**
     * MySQLTopologyUseMutualTLS: every connection to a managed server uses TLS, verified against
     * MySQLTopologySSLCAFile, with the client certificate when one is configured. Default false.
     */
    @WithDefault("false")
    boolean useMutualTls();

    /**
     * MySQLTopologyUseMixedTLS: TLS (as with UseMutualTLS) only to servers that refuse a plain
     * connection; plain to the others. Default false.
     */
    @WithDefault("false")
    boolean useMixedTls();

    /** MySQLTopologySSLCAFile: the CA (PEM) that signs the servers' certificates; unset: the JDK's CAs. */
    Optional<String> sslCaFile();

    /** MySQLTopologySSLCertFile: the client certificate (PEM, chain after it) sent to the servers. */
    Optional<String> sslCertFile();

    /** MySQLTopologySSLPrivateKeyFile: its key (PEM, unencrypted PKCS#8 or PKCS#1). */
    Optional<String> sslPrivateKeyFile();

    /** MySQLTopologySSLSkipVerify: TLS without verifying the servers' certificates. Default false. */
    @WithDefault("false")
    boolean sslSkipVerify();

    /**
     * MySQLTopologyAllowPublicKeyRetrieval: on a connection without TLS, let the driver ask the
     * server for its RSA key to send a caching_sha2_password/sha256_password password (a man in the
     * middle can answer with its own key). Default false.
     */
    @WithDefault("false")
    boolean allowPublicKeyRetrieval();

    /**
     * UseSuperReadOnly: whenever quorch sets read_only on a server it sets super_read_only too, where
     * the server has it (MySQL, Percona; MariaDB has none): set-read-only and set-writeable
     * (InstanceControl) and every recovery or takeover step (ReplicationCommander#setReadOnly).
     * Default false.
     */
    @WithDefault("false")
    boolean useSuperReadOnly();

    /**
     * ReplicationCredentialsQuery: run on the new primary, its first two columns are the replication
     * user and password set on a server pointed at it (reloadable: see ReloadableSettings).
     */
    Optional<String> replicationCredentialsQuery();
}
