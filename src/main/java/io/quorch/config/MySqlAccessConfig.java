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
     * UseSuperReadOnly: set-read-only and set-writeable also set super_read_only, where the server
     * has it (MySQL, Percona; MariaDB has none). Default false.
     */
    @WithDefault("false")
    boolean useSuperReadOnly();
}
