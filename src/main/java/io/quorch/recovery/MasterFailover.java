package io.quorch.recovery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.quorch.config.RecoveryConfig;
import io.quorch.discovery.DiscoveryException;
import io.quorch.discovery.TopologyProbes;
import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.PromotionRule;
import io.quorch.domain.RecoveryMilestone;
import io.quorch.domain.ReplicationStatus;
import io.quorch.mysql.ReplicationCommander.Target;
import io.quorch.store.CandidateStore;
import io.quorch.store.InstanceStore;
import io.quorch.topology.CandidateChooser;

/**
 * Replaces a dead (or forcibly demoted) primary: freezes its replicas, picks the successor,
 * lets it catch up from the most advanced replica when needed, promotes it, and repoints every
 * other replica under it by GTID. Replicas that cannot follow are reported lost.
 */
@ApplicationScoped
public class MasterFailover {

    private static final Duration RELAY_APPLY_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DELAYED_APPLY_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    private final RecoveryCommands commander;
    private final TopologyProbes discovery;
    private final InstanceStore instances;
    private final CandidateStore candidates;
    private final RecoveryConfig config;

    public MasterFailover(RecoveryCommands commander, TopologyProbes discovery, InstanceStore instances,
            CandidateStore candidates, RecoveryConfig config) {
        this.commander = commander;
        this.discovery = discovery;
        this.instances = instances;
        this.candidates = candidates;
        this.config = config;
    }

    /** Runs the failover; returns whether a successor was promoted. */
    public boolean run(RecoveryContext ctx, InstanceKey deadKey) {
        return run(ctx, deadKey, Optional.empty());
    }

    /**
     * Runs the failover, promoting the designated replica when one is given (recover with a candidate, a forced
     * takeover, a co-primary that must be replaced by the other); returns whether a successor was promoted.
     */
    public boolean run(RecoveryContext ctx, InstanceKey deadKey, Optional<InstanceKey> designated) {
        Instance dead = instances.read(deadKey).orElse(null);
        List<Instance> replicas = instances.replicasOf(deadKey);
        List<Instance> reachable = replicas.stream().filter(Instance::lastCheckValid).toList();
        replicas.stream().filter(r -> !r.lastCheckValid()).forEach(r -> ctx.lost(r.key(), "unreachable"));
        if (reachable.isEmpty()) {
            ctx.error("no reachable replica of " + deadKey);
            return false;
        }
        reachable.forEach(r -> ctx.participant(r.key()));

        ctx.step("stopping IO threads of " + keys(reachable));
        forEachOrLose(ctx, reachable, r -> commander.stopIoThread(target(r)), "stopping IO thread");
        Duration applyTimeout = config.delayIfSqlThreadBehind() ? DELAYED_APPLY_TIMEOUT : RELAY_APPLY_TIMEOUT;
        forEachOrLose(ctx, live(ctx, reachable), r -> {
            if (!commander.waitRelayLogApplied(target(r), applyTimeout)) {
                ctx.step(r.key() + " has not applied its relay log within " + applyTimeout.toSeconds() + " s");
            }
        }, "waiting for relay log");
        List<Instance> fresh = reprobe(ctx, live(ctx, reachable));

        StringBuilder why = new StringBuilder();
        Optional<CandidateChooser.Choice> choice = CandidateChooser.choose(dead, fresh, rules(), options(), designated,
                why);
        if (choice.isEmpty()) {
            ctx.error("cannot choose a successor: " + why);
            return false;
        }
        CandidateChooser.Choice c = choice.get();
        ctx.step(c.reason());
        c.lost().forEach(r -> ctx.lost(r.key(), "unreachable"));
        Instance successor = c.successor();
        String refusal = promotionRefusal(successor);
        if (refusal != null) {
            ctx.error(refusal);
            return false;
        }

        if (c.needsCatchUp() && !catchUp(ctx, successor, c.mostAdvanced())) {
            return false;
        }
        if (!promote(ctx, successor)) {
            return false;
        }
        List<Instance> lagging = lagging(c.followers(), replicas);
        List<Instance> followers = c.followers().stream().filter(f -> !lagging.contains(f)).toList();
        if (!followers.isEmpty()) {
            ctx.step("repointing " + keys(followers) + " under " + successor.key());
            forEachOrLose(ctx, followers, f -> repoint(ctx, f, successor.key()), "repointing");
        }
        for (Instance f : lagging) {
            ctx.step("postponing the move of " + f.key() + " under " + successor.key() + ": it lagged more than"
                    + " PostponeReplicaRecoveryOnLagMinutes=" + config.postponeReplicaRecoveryOnLagMinutes());
            ctx.postpone("moving " + f.key() + " under " + successor.key(), () -> {
                repoint(ctx, f, successor.key());
                discovery.requestProbe(f.key());
            });
        }
        if (config.detachLostReplicas()) {
            detachLost(ctx);
        }
        discovery.requestProbe(successor.key());
        followers.forEach(f -> discovery.requestProbe(f.key()));
        return true;
    }

    /**
     * Followers that lagged (Seconds_Behind_Master or SQL_Delay, as last seen before the failure) more than
     * PostponeReplicaRecoveryOnLagMinutes; none when that is 0, or when they are the only follower (as orchestrator).
     */
    private List<Instance> lagging(List<Instance> followers, List<Instance> before) {
        long limit = config.postponeReplicaRecoveryOnLagMinutes() * 60L;
        if (limit <= 0 || followers.size() < 2) {
            return List.of();
        }
        return followers.stream().filter(f -> before.stream().filter(b -> b.key().equals(f.key())).findFirst()
                .map(b -> b.state().replication()).map(r -> Math.max(r.sqlDelay(),
                        r.secondsBehindMaster() == null ? 0 : r.secondsBehindMaster()) > limit)
                .orElse(false)).toList();
    }

    /**
     * DetachLostReplicasAfterMasterFailover: every lost replica that still answers stops replicating and has the
     * failed primary's host detached, so it takes nothing from that primary if it comes back. Best effort.
     */
    private void detachLost(RecoveryContext ctx) {
        for (InstanceKey lost : ctx.lostReplicas()) {
            Instance r = instances.read(lost).orElse(null);
            if (r == null || !r.lastCheckValid() || r.masterKey() == null) {
                continue;
            }
            try {
                commander.detachMasterHost(target(r), r.masterKey());
                ctx.step("detached lost replica " + lost + " from " + r.masterKey()
                        + " (DetachLostReplicasAfterMasterFailover)");
                discovery.requestProbe(lost);
            } catch (LeadershipLostException e) {
                throw e;
            } catch (RuntimeException e) {
                ctx.note("cannot detach lost replica " + lost + ": " + e.getMessage());
            }
        }
    }

    /** PreventCrossDataCenter/RegionMasterFailover for a replica asked for by name, in orchestrator's words; or null. */
    String geographicRefusal(InstanceKey failed, InstanceKey candidate) {
        Instance f = instances.read(failed).orElse(null);
        return instances.read(candidate).map(c -> CandidateChooser.geographicRefusal(c.state(), f, options()))
                .orElse(null);
    }

    /** Whether the server was writable (read_only off) when last probed; false when unknown or unreachable. */
    boolean writable(InstanceKey key) {
        return instances.read(key).filter(Instance::lastCheckValid).map(i -> !i.state().readOnly()).orElse(false);
    }

    /** Sets read_only on a primary that is still up, so it takes no writes while it is replaced. */
    public void fence(RecoveryContext ctx, InstanceKey primary) {
        instances.read(primary).ifPresent(p -> {
            try {
                commander.setReadOnly(target(p), true);
                ctx.step("fenced " + primary + ": read_only=1");
            } catch (LeadershipLostException e) {
                throw e;
            } catch (RuntimeException e) {
                ctx.step("could not set read_only on " + primary + ": " + e.getMessage());
            }
        });
    }

    /**
     * Promotes: stops replication; with ApplyMySQLPromotionAfterMasterFailover also RESET SLAVE ALL and read_only=0.
     * The intent is recorded before the change and the result after it, so a leader that takes over an abandoned
     * recovery knows a successor was chosen and never promotes a second one.
     */
    boolean promote(RecoveryContext ctx, Instance successor) {
        Target t = target(successor);
        ctx.milestone(RecoveryMilestone.Kind.PROMOTING, successor.key(), "promoting " + successor.key());
        try {
            promoteOnly(t);
        } catch (LeadershipLostException e) {
            throw e;
        } catch (RuntimeException e) {
            ctx.error("promoting " + successor.key() + " failed: " + e.getMessage());
            return false;
        }
        ctx.successor(successor.key());
        ctx.milestone(RecoveryMilestone.Kind.PROMOTED, successor.key(), config.applyPromotion()
                ? "promoted " + successor.key() + ": RESET SLAVE ALL, read_only=0"
                : "promoted " + successor.key() + ": replication stopped (ApplyMySQLPromotionAfterMasterFailover"
                        + " is false: read_only and replication settings left to hooks)");
        RecoveryFailpoint.hit(RecoveryFailpoint.AFTER_PROMOTION);
        return true;
    }

    /** The promotion itself; doing it again changes nothing. */
    void promoteOnly(Target t) {
        if (config.applyPromotion()) {
            commander.resetReplicaAll(t);
            commander.setReadOnly(t, false);
        } else {
            commander.stopReplication(t);
        }
    }

    /** Moves a replica under the successor, recording the move before and after. */
    void repoint(RecoveryContext ctx, Instance replica, InstanceKey master) {
        ctx.milestone(RecoveryMilestone.Kind.REPOINTING, replica.key(), "moving " + replica.key() + " under " + master);
        repoint(replica, master);
        ctx.milestone(RecoveryMilestone.Kind.REPOINTED, replica.key(), replica.key() + " replicates from " + master);
    }

    void repoint(Instance replica, InstanceKey master) {
        commander.repointByGtid(target(replica), master);
    }

    private boolean catchUp(RecoveryContext ctx, Instance successor, Instance source) {
        ctx.step(successor.key() + " catches up from " + source.key());
        try {
            Target s = target(successor);
            commander.stopReplication(s);
            commander.changeMaster(s, source.key(), false);
            commander.startReplication(s);
            String position = commander.gtidPosition(target(source));
            if (!commander.waitForGtid(s, position, CATCH_UP_TIMEOUT)) {
                ctx.error(successor.key() + " did not reach " + source.key() + "'s position " + position + " within "
                        + CATCH_UP_TIMEOUT.toSeconds() + " s");
                return false;
            }
            commander.stopReplication(s);
            ctx.step(successor.key() + " reached " + position);
            return true;
        } catch (LeadershipLostException e) {
            throw e;
        } catch (RuntimeException e) {
            ctx.error("catching up " + successor.key() + " from " + source.key() + " failed: " + e.getMessage());
            return false;
        }
    }

    private String promotionRefusal(Instance successor) {
        ReplicationStatus r = successor.state().replication();
        if (r == null) {
            return null;
        }
        if (config.failOnLagMinutes() > 0 && r.secondsBehindMaster() != null
                && r.secondsBehindMaster() > config.failOnLagMinutes() * 60L) {
            return successor.key() + " lags " + r.secondsBehindMaster() + " s, more than FailMasterPromotionOnLagMinutes="
                    + config.failOnLagMinutes();
        }
        if (config.failIfSqlThreadBehind() && r.execBinlogCoordinates().compareTo(r.readBinlogCoordinates()) < 0) {
            return successor.key() + " has not applied all it received (FailMasterPromotionIfSQLThreadNotUpToDate)";
        }
        return null;
    }

    private List<Instance> reprobe(RecoveryContext ctx, List<Instance> replicas) {
        List<Instance> fresh = new ArrayList<>();
        for (Instance r : replicas) {
            try {
                fresh.add(discovery.probeNow(r.key(), PROBE_TIMEOUT));
            } catch (DiscoveryException e) {
                ctx.lost(r.key(), e.getMessage());
            }
        }
        return fresh;
    }

    private void forEachOrLose(RecoveryContext ctx, List<Instance> items, java.util.function.Consumer<Instance> action,
            String what) {
        var failures = Parallel.forEach(items, action);
        stopIfNotLeading(failures);
        for (var f : failures) {
            ctx.lost(f.item().key(), what + " failed: " + f.message());
        }
    }

    /** A change refused because this node no longer leads stops the whole recovery, not just one replica. */
    static void stopIfNotLeading(List<? extends Parallel.ItemFailure<?>> failures) {
        for (var f : failures) {
            if (f.failure() instanceof LeadershipLostException e) {
                throw e;
            }
        }
    }

    private static List<Instance> live(RecoveryContext ctx, List<Instance> replicas) {
        List<InstanceKey> lost = ctx.lostReplicas();
        return replicas.stream().filter(r -> !lost.contains(r.key())).toList();
    }

    private Map<InstanceKey, PromotionRule> rules() {
        return candidates.registeredSince(Instant.now().minus(Duration.ofMinutes(config.candidateExpireMinutes())));
    }

    private CandidateChooser.Options options() {
        return options(config);
    }

    /** The promotion restrictions the configuration sets. */
    static CandidateChooser.Options options(RecoveryConfig config) {
        return new CandidateChooser.Options(config.promotionIgnoreHostnameFilters().orElse(List.of()).stream()
                .map(Pattern::compile).toList(), config.preventCrossDataCenter(), config.preventCrossRegion());
    }

    static Target target(Instance i) {
        return Target.of(i.key(), i.state());
    }

    static String keys(List<Instance> list) {
        return String.join(", ", list.stream().map(i -> i.key().toString()).toList());
    }
}
