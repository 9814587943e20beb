package io.quorch.discovery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quorch.config.ConfigRules;
import io.quorch.config.DiscoveryConfig;
import io.quorch.config.ReloadableSettings;
import io.quorch.consensus.InstancesForgotten;
import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.ServerState;
import io.quorch.mysql.InstanceProber;
import io.quorch.mysql.InvalidReportedHostException;
import io.quorch.mysql.MySqlConnector;
import io.quorch.mysql.ProbeException;
import io.quorch.mysql.WatchConnection;
import io.quorch.store.ClusterAliasStore;
import io.quorch.store.DiscoveryStore;
import io.quorch.store.InstanceStore;

/**
 * Keeps the picture of every known server fresh: probes each one every InstancePollSeconds on its
 * own timer, follows topologies both ways from what each probe reveals, and reacts to evidence
 * (a replica that lost its primary, a server that stopped answering, a primary's watch connection
 * that ended or missed its liveness checks) with immediate re-probes.
 */
@ApplicationScoped
public class DiscoveryService implements TopologyProbes {

    private static final Logger LOG = Logger.getLogger(DiscoveryService.class);
    /** A refused peer result is logged at most this often (a peer may send thousands); all are counted. */
    private static final long REFUSAL_LOG_MILLIS = 10_000;
    private final AtomicLong refusalLoggedAt = new AtomicLong();

    private final InstanceProber prober;
    private final InstanceStore instances;
    private final DiscoveryStore seeds;
    private final ClusterAliasStore aliases;
    private final DiscoveryMetrics metrics;
    private final Event<InstanceProbed> probed;
    private final Clock clock = Clock.systemUTC();
    private final Duration interval;
    private final ReloadableSettings settings;
    /** DiscoverySeeds: probed once by this process unless already known. */
    private final List<InstanceKey> configuredSeeds;
    /** MySQLHostnameResolveMethod: the names servers declare. */
    private final HostnameResolver names;
    private final int defaultPort;
    private final ProbeQueue queue;
    private final PollTimer timer;
    private final PrimaryWatches watches;
    private final DiscoveryMemory memory = new DiscoveryMemory();
    /** Seeds this process has tried; a seed leaves the replicated table only through a forget or the purge. */
    private final Set<InstanceKey> triedSeeds = ConcurrentHashMap.newKeySet();
    /** Which replicas this node probes itself (SharedProbeCopies); NONE: all of them. */
    private final ProbeShare share;
    /** Which servers this node polls when the probing is shared. */
    private final ProbeRoles roles;
    private final TopologyFollower follower;
    /** Whether the roles of the servers in the backend were read into memory after this process started. */
    private volatile boolean rolesRead;
    /** As of the last full sync: the known servers, the roles' change count, the settings, the next one due. */
    private Set<InstanceKey> knownBefore = Set.of();
    private long changesBefore = -1;
    private Object settingsBefore;
    private Instant nextFullSync = Instant.MIN;

    /** Every node probes every server (no sharing). */
    public DiscoveryService(InstanceProber prober, InstanceStore instances, DiscoveryStore seeds,
            ClusterAliasStore aliases, DiscoveryMetrics metrics, Event<InstanceProbed> probed,
            DiscoveryConfig config, ReloadableSettings settings, MySqlConnector connector,
            WatchMetrics watchMetrics) {
        this(prober, instances, seeds, aliases, metrics, probed, config, settings, connector, watchMetrics,
                ProbeShare.NONE);
    }

    @jakarta.inject.Inject
    public DiscoveryService(InstanceProber prober, InstanceStore instances, DiscoveryStore seeds,
            ClusterAliasStore aliases, DiscoveryMetrics metrics, Event<InstanceProbed> probed,
            DiscoveryConfig config, ReloadableSettings settings, MySqlConnector connector,
            WatchMetrics watchMetrics, ProbeShare share) {
        this.share = share;
        this.prober = prober;
        this.instances = instances;
        this.seeds = seeds;
        this.aliases = aliases;
        this.metrics = metrics;
        this.probed = probed;
        this.interval = Duration.ofMillis(Math.max(1, Math.round(config.instancePollSeconds() * 1000)));
        this.settings = settings;
        // checked at startup (ConfigCheck): a bad seed stops the node before this runs
        this.configuredSeeds = ConfigRules.seeds(config, new java.util.ArrayList<>());
        this.defaultPort = config.defaultInstancePort();
        this.names = new HostnameResolver(!config.mysqlHostnameResolveMethod().equals("none"),
                HostnameResolver::resolves);
        this.queue = new ProbeQueue(config.maxConcurrency(), this::probeAndRecord);
        this.roles = new ProbeRoles(share, queue::poll);
        this.timer = new PollTimer(interval, key -> {
            if (roles.probesHere(key)) {
                queue.poll(key);
            }
        });
        this.follower = new TopologyFollower(settings, names, queue, memory, timer::isTracked);
        int check = config.primaryLivenessCheckMillis();
        int timeout = LivenessTracker.timeoutMillis(check);
        this.watches = new PrimaryWatches(check, interval.toMillis(),
                key -> WatchConnection.open(connector, key, timeout), this::onEvidence, watchMetrics);
    }

    /** The plain replicas known at the last sync, probed by their owners only when the probing is shared. */
    public Set<InstanceKey> plainReplicas() {
        return roles.plainReplicas();
    }

    /** DefaultInstancePort: the port of a server named without one. */
    public int defaultInstancePort() {
        return defaultPort;
    }

    @Override
    public Duration pollInterval() {
        return interval;
    }

    /** Checks that a discover request names a server that may be discovered; throws DiscoveryException. */
    public void validate(InstanceKey key) {
        if (isIgnored(key)) {
            throw new DiscoveryException(key + " matches DiscoveryIgnoreHostnameFilters", true, null);
        }
        try {
            InetAddress.getByName(key.hostname());
        } catch (UnknownHostException e) {
            throw new DiscoveryException("cannot resolve host " + key.hostname(), true, e);
        }
    }

    /** Probes the server now (joining a probe already running) and returns what was recorded. */
    @Override
    public Instance probeNow(InstanceKey key, Duration timeout) {
        try {
            return queue.request(names.resolve(key)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ProbeException p) {
                throw new DiscoveryException("cannot probe " + key + ": " + p.getMessage(), false, p);
            }
            throw new DiscoveryException("probing " + key + " failed: " + cause, false, cause);
        } catch (TimeoutException e) {
            throw new DiscoveryException("probing " + key + " took longer than " + timeout.toMillis() + " ms", false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DiscoveryException("interrupted while probing " + key, false, e);
        }
    }

    /** The known replicas of a server. */
    @Override
    public List<InstanceKey> replicaKeys(InstanceKey key) {
        return instances.replicasOf(key).stream().map(Instance::key).toList();
    }

    /** Asks for a probe as soon as a worker is free; returns at once. */
    @Override
    public void requestProbe(InstanceKey key) {
        queue.request(names.resolve(key));
    }

    /** Brings the poll timers in line with the backend: every known server polled, seeds tried once. */
    public void sync() {
        Instant now = clock.instant();
        if (!rolesRead) {
            // after a restart: who replicates from whom, as last recorded, so plain replicas are not all probed once
            instances.readAll().forEach(i -> memory.replicates(i.key(), i.masterKey()));
            rolesRead = true;
        }
        Set<InstanceKey> known = new HashSet<>(instances.keys());
        // seeds are replicated state: each is tried once here, and leaves only through the log;
        // DiscoverySeeds are this node's own, tried once by each process
        List<InstanceKey> all = new java.util.ArrayList<>(configuredSeeds);
        all.addAll(seeds.seeds());
        for (InstanceKey seed : all.stream().map(names::resolve).toList()) {
            if (!known.contains(seed) && !isIgnored(seed) && triedSeeds.add(seed)) {
                queue.poll(seed);
            }
        }
        memory.endQuarantines(now, forgetQuarantine());
        // the rest costs in proportion to the fleet: done when something changed, and every 10 s
        boolean changed = !known.equals(knownBefore);
        if (!changed && memory.changes() == changesBefore && settings.get() == settingsBefore
                && now.isBefore(nextFullSync)) {
            return;
        }
        changesBefore = memory.changes();
        settingsBefore = settings.get();
        nextFullSync = now.plusSeconds(10);
        knownBefore = known;
        known.forEach(timer::track);
        for (InstanceKey key : timer.tracked()) {
            if (!known.contains(key)) {
                untrack(key);
            }
        }
        Set<InstanceKey> keep = new HashSet<>(known);
        keep.addAll(queue.keysInFlight());
        memory.prune(keep, now, forgetQuarantine());
        Set<InstanceKey> primaries = new HashSet<>(memory.primaries());
        primaries.removeIf(k -> !known.contains(k) || memory.isForgotten(k) || isIgnored(k));
        watches.retain(primaries);
        roles.update(memory.primaries(), memory.plainReplicas());
    }

    /**
     * A primary's watch saw evidence that it may be gone: probe it and its replicas now, so that
     * the analysis that follows their probes confirms (or not) a dead primary in the same pass.
     */
    private void onEvidence(InstanceKey primary, String reason) {
        LOG.infof("%s %s: probing it and its replicas now", primary, reason);
        queue.request(primary);
        instances.replicasOf(primary).forEach(r -> queue.request(r.key()));
    }

    /** The primaries watched right now, and the liveness interval (0: not watched). */
    public Set<InstanceKey> watchedPrimaries() {
        return watches.watched();
    }

    public int livenessCheckMillis() {
        return watches.checkMillis();
    }

    void onForgotten(@Observes InstancesForgotten event) {
        memory.forget(event.keys(), clock.instant());
        event.keys().forEach(triedSeeds::remove);
        event.keys().forEach(this::untrack);
        event.keys().forEach(names::forget);
        event.keys().forEach(watches::stop);
    }

    private void untrack(InstanceKey key) {
        timer.untrack(key);
        prober.drop(key);
    }

    /** A forgotten server is not rediscovered by crawling for three poll intervals (at least ten seconds). */
    private Duration forgetQuarantine() {
        Duration three = interval.multipliedBy(3);
        return three.compareTo(Duration.ofSeconds(10)) < 0 ? Duration.ofSeconds(10) : three;
    }

    private Instance probeAndRecord(InstanceKey key) {
        Instant now = clock.instant();
        memory.probeStarted(key, now);
        ServerState state;
        try {
            state = prober.probe(key);
        } catch (ProbeException e) {
            metrics.failure(e);
            recordFailure(key, now, e);
            throw e;
        }
        metrics.success(state.probeLatencyMillis());
        if (memory.isForgotten(key)) {
            prober.drop(key);
            throw new ProbeException(key, key + " was forgotten while being probed", null);
        }
        InstanceKey known = names.learn(key, state);
        if (!known.equals(key)) {
            // MySQLHostnameResolveMethod: reached under another name than it declares,
            // the server is recorded (and polled) under its own; this node's row under the other goes
            if (instances.forget(key)) {
                LOG.infof("%s declares itself %s (MySQLHostnameResolveMethod): known by that name", key, known);
            }
            untrack(key);
        }
        Instance written = instances.writeProbe(known, names.resolveMaster(state), now);
        memory.recorded(known, now);
        timer.track(known);
        memory.replicates(known, written.masterKey());
        registerDetectedAlias(written);
        follower.follow(written, now);
        probed.fire(new InstanceProbed(written, true));
        if (roles.isShared(written)) {
            share.published(written, true);
        }
        return written;
    }

    /**
     * A result another node probed (from, by its raft address) of a replica it owns: recorded
     * like a probe of this node's own, and followed the same way, when newer than what this node knows.
     * A null state is a failed probe, with its error.
     */
    public Received received(String from, InstanceKey key, ServerState state, Instant at, String error) {
        String refusal = memory.isForgotten(key) ? "forgotten here"
                : isIgnored(key) ? "ignored by the DiscoveryIgnore settings"
                : !share.ownedBy(key, from) ? "the sender does not own it by this node's probe assignment"
                : state != null && state.masterKey() == null ? "a top primary, which every node probes itself"
                : null;
        if (refusal != null) {
            long now = System.currentTimeMillis();
            long last = refusalLoggedAt.get();
            if (now - last >= REFUSAL_LOG_MILLIS && refusalLoggedAt.compareAndSet(last, now)) {
                LOG.infof("a probe result of %s from %s refused: %s (more within %d s are only counted)", key, from,
                        refusal, REFUSAL_LOG_MILLIS / 1000);
            }
            return Received.REFUSED;
        }
        if (roles.isPrimary(key) || !memory.recorded(key, at)) {
            // an intermediate primary this node probes itself, or what this node holds is as new (no backend read:
            // results arrive several times a second)
            return Received.STALE;
        }
        if (state == null) {
            instances.writeFailure(key, at, error).ifPresent(i -> probed.fire(new InstanceProbed(i, false)));
            return Received.ACCEPTED;
        }
        Instance written = instances.writeProbe(key, state, at);
        timer.track(key);
        memory.replicates(key, written.masterKey());
        follower.follow(written, at);
        probed.fire(new InstanceProbed(written, true));
        return Received.ACCEPTED;
    }

    private void recordFailure(InstanceKey key, Instant now, ProbeException e) {
        memory.recorded(key, now);
        instances.writeFailure(key, now, e.getMessage()).ifPresent(known -> {
            if (e.getCause() instanceof InvalidReportedHostException bad) {
                if (known.consecutiveFailures() == 1) {
                    LOG.warnf("%s %s; it is not followed", key, bad.getMessage());
                }
            } else if (known.consecutiveFailures() == 1) {
                LOG.infof("%s stopped answering: %s", key, e.getMessage());
                // its replicas tell whether it is really gone: ask them now, not at their next tick
                instances.replicasOf(key).forEach(r -> queue.request(r.key()));
                if (known.masterKey() != null) {
                    queue.request(known.masterKey());
                }
            }
            probed.fire(new InstanceProbed(known, false));
            if (roles.isShared(known)) {
                share.published(known, false);
            }
        });
    }

    private void registerDetectedAlias(Instance instance) {
        String alias = instance.state().suggestedClusterAlias();
        if (instance.masterKey() != null || alias.isBlank()) {
            return;
        }
        if (memory.aliasDetected(instance.clusterName(), alias)) {
            aliases.setAlias(instance.clusterName(), alias, false, clock.instant());
        }
    }

    private boolean isIgnored(InstanceKey key) {
        return follower.isIgnored(key);
    }

    public int inFlight() {
        return queue.inFlight();
    }

    @PreDestroy
    void stop() {
        watches.close();
        timer.close();
        queue.close();
    }
}
