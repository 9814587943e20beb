package io.quorch.recovery;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quorch.config.RecoveryConfig;
import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.RecoveryType;
import io.quorch.domain.TopologyRecovery;
import io.quorch.consensus.InstancesForgotten;
import io.quorch.mysql.ReplicationCommander;
import io.quorch.store.AuditStore;
import io.quorch.store.RecoveryStore;

/**
 * A primary that was replaced and comes back is never silently re-admitted as a writer: when it
 * answers again with read_only off and no primary of its own, read_only is set.
 */
@ApplicationScoped
public class DemotedPrimaryGuard {

    private static final Logger LOG = Logger.getLogger(DemotedPrimaryGuard.class);
    private static final Duration REFRESH = Duration.ofSeconds(1);
    private static final Duration FENCE_SPACING = Duration.ofSeconds(5);

    private final RecoveryStore recoveries;
    private final RecoveryCommands commander;
    private final AuditStore audit;
    private final RecoveryConfig config;
    private final Map<InstanceKey, Instant> fenced = new ConcurrentHashMap<>();
    private volatile Set<InstanceKey> demoted = Set.of();
    private volatile Instant refreshedAt = Instant.EPOCH;

    public DemotedPrimaryGuard(RecoveryStore recoveries, RecoveryCommands commander, AuditStore audit,
            RecoveryConfig config) {
        this.recoveries = recoveries;
        this.commander = commander;
        this.audit = audit;
        this.config = config;
    }

    void check(Instance i) {
        if (i.masterKey() != null || i.state().readOnly() || !demoted().contains(i.key())) {
            return;
        }
        Instant now = Instant.now();
        fenced.values().removeIf(at -> at.isBefore(now.minus(FENCE_SPACING)));
        if (fenced.putIfAbsent(i.key(), now) != null) {
            return;
        }
        try {
            commander.setReadOnly(ReplicationCommander.Target.of(i.key(), i.state()), true);
            LOG.warnf("replaced primary %s is back and writable: set read_only=1", i.key());
            audit.audit("demoted-primary-fenced", i.key(), i.clusterName(),
                    "replaced primary came back writable: read_only set", Instant.now());
        } catch (RuntimeException e) {
            LOG.warnf("cannot set read_only on returning primary %s: %s", i.key(), e.getMessage());
        }
    }

    void onForgotten(@Observes InstancesForgotten event) {
        fenced.keySet().removeAll(event.keys());
    }

    /** How many servers were fenced within the spacing (older entries are dropped as new ones come). */
    int remembered() {
        return fenced.size();
    }

    /** Whether a successful recovery replaced this primary within the block period: it is kept read-only. */
    public boolean wasReplaced(InstanceKey key) {
        return demoted().contains(key);
    }

    /** Primaries replaced by a successful recovery within the block period (at least a day). */
    private Set<InstanceKey> demoted() {
        Instant now = Instant.now();
        if (refreshedAt.isBefore(now.minus(REFRESH))) {
            Instant since = now.minus(Duration.ofSeconds(Math.max(86_400, config.periodBlockSeconds())));
            demoted = recoveries.recoveries(java.util.Optional.empty(), false, 500).stream()
                    .filter(r -> r.successful() && r.successor() != null && r.start().isAfter(since)
                            && r.type() != RecoveryType.GRACEFUL)
                    .map(TopologyRecovery::failedKey).collect(Collectors.toSet());
            refreshedAt = now;
        }
        return demoted;
    }
}
