package io.quorch.config;

import java.util.List;
import java.util.Optional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** orchestrator/raft: the consensus group of quorch nodes. */
@ConfigMapping(prefix = "quorch.raft")
public interface RaftConfig {

    /** RaftEnabled: run as one member of a raft group. Default false (single node). */
    @WithDefault("false")
    boolean enabled();

    /** RaftDataDir: raft log and snapshots; required when RaftEnabled. */
    Optional<String> dataDir();

    /** RaftBind: this node's raft address (host or host:port), one of RaftNodes. */
    Optional<String> bind();

    /** RaftAdvertise: how the other members reach this node. Default: RaftBind. */
    Optional<String> advertise();

    /** DefaultRaftPort: the raft port of members given without one. Default 10008. */
    @WithDefault("10008")
    @Min(value = 1, message = "must be from 1 to 65535, got ${validatedValue}")
    @Max(value = 65535, message = "must be from 1 to 65535, got ${validatedValue}")
    int defaultPort();

    /** RaftNodes: every member (host or host:port); required when RaftEnabled. */
    Optional<List<String>> nodes();

    /**
     * RaftElectionTimeoutMillis: a follower that hears no leader for this long (up to twice it,
     * randomised) starts an election; the leader sends heartbeats at a quarter of it. Default 500.
     */
    @WithDefault("500")
    @Min(value = 50, message = "must be at least 50, got ${validatedValue}")
    int electionTimeoutMillis();

    /** RaftLogSegmentSizeKiB: size at which a raft log segment is closed (and may be purged after a snapshot). Default 8192. */
    @WithDefault("8192")
    @Min(value = 16, message = "must be at least 16, got ${validatedValue}")
    int logSegmentSizeKib();

    /** RaftSnapshotThreshold: log entries between automatic snapshots. Default 1000. */
    @WithDefault("1000")
    @Min(value = 1, message = "must be at least 1, got ${validatedValue}")
    int snapshotThreshold();

    /** Mutual TLS between the members: all three files or none (then raft traffic is plain). */
    Tls tls();

    /** The raft port's certificates (PEM files); a peer must present a certificate signed by the CA. */
    interface Tls {

        /** RaftTLSCertFile: this node's raft certificate (PEM, chain after it), shown to peers as server and as client. */
        Optional<String> certFile();

        /** RaftTLSKeyFile: its private key (PEM, unencrypted PKCS#8). */
        Optional<String> keyFile();

        /** RaftTLSCAFile: the CA (PEM) that signs every member's raft certificate. */
        Optional<String> caFile();
    }
}
