package io.quorch.recovery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quorch.discovery.TopologyProbes;
import io.quorch.domain.InstanceKey;

/**
 * The look at a failed server and its replicas that a recovery takes right before it acts ("refresh and
 * re-check"): all of them probed at once. When FailureDetectionQuorum holds a recovery back until other nodes
 * agree, the leader takes this look while it waits, so the verdict that completes the quorum finds it done: a
 * look that started less than half a poll interval ago (at most a second) counts as fresh. Every probe result is
 * kept in the store as it arrives, so what is analysed after a look is at least as new as the look.
 */
@ApplicationScoped
public class FailureRefresh {

    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
    static final Duration MAX_REUSE = Duration.ofSeconds(1);

    private final TopologyProbes probes;
    private final Reprober reprober;
    private final RecoveryExecutor background;
    private final Clock clock;
    /** When the last completed look at each server started. */
    private final Map<InstanceKey, Instant> looked = new ConcurrentHashMap<>();
    private final Set<InstanceKey> looking = ConcurrentHashMap.newKeySet();

    @Inject
    public FailureRefresh(TopologyProbes probes, RecoveryExecutor background) {
        this(probes, background, Clock.systemUTC());
    }

    FailureRefresh(TopologyProbes probes, RecoveryExecutor background, Clock clock) {
        this.probes = probes;
        this.reprober = new Reprober(probes);
        this.background = background;
        this.clock = clock;
    }

    /** Probes the server and its replicas now, all in parallel, and waits for every probe (at most {@link #PROBE_TIMEOUT}). */
    public void refresh(InstanceKey key) {
        Instant started = clock.instant();
        reprober.serverAndReplicas(key, PROBE_TIMEOUT);
        looked.merge(key, started, (a, b) -> a.isAfter(b) ? a : b);
        Instant old = started.minus(MAX_REUSE.multipliedBy(60));
        looked.values().removeIf(at -> at.isBefore(old));
    }

    /** Refreshes, unless a look that started within the reuse period has completed. */
    public void ensureFresh(InstanceKey key) {
        if (!isFresh(key)) {
            refresh(key);
        }
    }

    /** Takes the look in the background (once at a time per server), unless a fresh one exists. */
    public void prepare(InstanceKey key) {
        if (isFresh(key) || !looking.add(key)) {
            return;
        }
        background.submit("refreshing " + key + " while the failure detection quorum forms", () -> {
            try {
                refresh(key);
            } finally {
                looking.remove(key);
            }
        });
    }

    boolean isFresh(InstanceKey key) {
        Instant at = looked.get(key);
        return at != null && at.isAfter(clock.instant().minus(reuse()));
    }

    /** Half a poll interval, at most {@link #MAX_REUSE}. */
    Duration reuse() {
        Duration half = probes.pollInterval().dividedBy(2);
        return half.compareTo(MAX_REUSE) < 0 ? half : MAX_REUSE;
    }
}
