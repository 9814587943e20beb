package io.quorch.recovery;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import io.quorch.analysis.AnalysisService;
import io.quorch.config.RecoveryConfig;
import io.quorch.consensus.CommandBus;
import io.quorch.consensus.CommandRejectedException;
import io.quorch.consensus.ReplicatedCommand;
import io.quorch.domain.NodeIdentity;
import io.quorch.domain.RecoveryStep;
import io.quorch.domain.TopologyRecovery;
import io.quorch.consensus.CommandApplier;
import io.quorch.consensus.local.LocalCommandBus;
import io.quorch.store.sql.SqlAuditStore;
import io.quorch.store.sql.SqlCandidateStore;
import io.quorch.store.sql.SqlClusterAliasStore;
import io.quorch.store.sql.SqlDowntimeStore;
import io.quorch.store.sql.SqlInstanceStore;
import io.quorch.store.sql.SqlRecoveryStore;
import io.quorch.testing.FakeLeadership;
import io.quorch.testing.TestBackend;

/**
 * The recovery services over a real SQLite backend and an in-memory topology: commands can fail on
 * demand, steps can fail to be recorded, leadership can be lost. Hooks run through bash.
 */
final class RecoveryFixture implements AutoCloseable {

    final Stores backend;
    final FakeTopology topology;
    final FakeLeadership leadership = FakeLeadership.leading();
    final Config config = new Config();
    /** A command that matches is refused; a node that does not lead has every command refused. */
    volatile Predicate<ReplicatedCommand> refusing = c -> false;
    final CommandBus bus;
    final RecoveryExecutor executor = new RecoveryExecutor();
    final RecoveryRecorder recorder;
    final RecoveryCommands commands;
    final MasterFailover failover;
    final RecoveryService service;
    final GracefulTakeover takeover;
    final NonWriteableMasterRecovery nonWriteable;
    final AnalysisService analysis;
    final QuorumService quorum;
    /** The clusters whose recovery pass a failure verdict woke. */
    final List<QuorumService.VerdictArrived> arrived = new java.util.concurrent.CopyOnWriteArrayList<>();

    RecoveryFixture(Path dir, String nodeName) {
        backend = new Stores(TestBackend.sqlite(dir));
        topology = new FakeTopology(backend.instances);
        bus = c -> {
            if (!leadership.leader || refusing.test(c)) {
                throw new CommandRejectedException("refused: " + c.getClass().getSimpleName(), null);
            }
            backend.bus.submit(c);
        };
        NodeIdentity node = new NodeIdentity(nodeName, nodeName + "-token", "test", Instant.now().minusSeconds(60));
        recorder = new RecoveryRecorder(bus, backend.recoveries, node);
        commands = new RecoveryCommands(topology, leadership);
        failover = new MasterFailover(commands, topology, backend.instances, backend.candidates, config);
        analysis = new AnalysisService(backend.instances, backend.downtimes, new io.quorch.config.ReloadableSettings(io.quorch.config.Reloadable.DEFAULTS));
        HookRunner hooks = new HookRunner(config);
        service = new RecoveryService(analysis, failover,
                new IntermediateMasterRecovery(failover, topology, backend.instances), recorder, hooks, bus,
                leadership, backend.recoveries, backend.aliases, backend.audit, config, executor,
                io.quorch.app.JsonSettings.standalone(), quorum = new QuorumService(config, leadership, node,
                        backend.audit, analysis, backend.instances, topology, executor, arrived::add),
                new FailureRefresh(topology, executor));
        takeover = new GracefulTakeover(backend.instances, commands, topology, failover, recorder, hooks,
                backend.candidates, backend.aliases, leadership, backend.audit, config);
        nonWriteable = new NonWriteableMasterRecovery(config, leadership, backend.instances, commands, topology,
                recorder, hooks, backend.recoveries, backend.aliases, backend.audit);
    }

    /** The same backend and topology seen by another node (a new leader). */
    AbandonedRecoveries abandonedAs(String nodeName) {
        NodeIdentity node = new NodeIdentity(nodeName, nodeName + "-token", "test", Instant.now().minusSeconds(60));
        RecoveryRecorder other = new RecoveryRecorder(bus, backend.recoveries, node);
        return new AbandonedRecoveries(backend.recoveries, other, bus, topology, commands, failover, backend.audit,
                new HookRunner(config), config);
    }

    List<String> steps(TopologyRecovery r) {
        return backend.recoveries.steps(r.uid()).stream().map(RecoveryStep::message).toList();
    }

    List<String> audits() {
        return backend.audit.recent(100).stream().map(e -> e.type() + ": " + e.message()).toList();
    }

    @Override
    public void close() {
        executor.close();
        backend.close();
    }

    /** One instance of each store over the backend, and a single-node bus applying to them. */
    static final class Stores implements AutoCloseable {
        final TestBackend backend;
        final SqlInstanceStore instances;
        final SqlRecoveryStore recoveries;
        final SqlAuditStore audit;
        final SqlClusterAliasStore aliases;
        final SqlCandidateStore candidates;
        final SqlDowntimeStore downtimes;
        final CommandBus bus;

        Stores(TestBackend backend) {
            this.backend = backend;
            instances = backend.instances();
            recoveries = backend.recoveries();
            audit = new SqlAuditStore(backend.jdbc());
            aliases = backend.aliases();
            candidates = backend.candidates();
            downtimes = backend.downtimes();
            // checked as the application's bus checks every command
            bus = new io.quorch.consensus.ValidatingCommandBus(new LocalCommandBus(new CommandApplier(instances,
                    backend.seeds(), aliases, downtimes, candidates, recoveries, backend.nodeState(),
                    backend.replicatedState(), forgotten -> {
                    })));
        }

        @Override
        public void close() {
            backend.close();
        }
    }

    /** Defaults as documented, with settable hooks. */
    static final class Config implements RecoveryConfig, RecoveryConfig.HooksConfig {
        volatile List<String> preFailover = List.of();
        volatile List<String> postMasterFailover = List.of();
        volatile List<String> postFailover = List.of();
        volatile List<String> postUnsuccessful = List.of();
        volatile List<String> preGraceful = List.of();
        volatile List<String> postGraceful = List.of();

        @Override
        public int periodBlockSeconds() {
            return 3600;
        }

        @Override
        public Optional<List<String>> masterClusterFilters() {
            return Optional.of(List.of("*"));
        }

        @Override
        public Optional<List<String>> intermediateMasterClusterFilters() {
            return Optional.of(List.of("*"));
        }

        @Override
        public int candidateExpireMinutes() {
            return 60;
        }

        @Override
        public boolean applyPromotion() {
            return true;
        }

        @Override
        public boolean preventCrossDataCenter() {
            return preventCrossDataCenter;
        }

        @Override
        public boolean failIfSqlThreadBehind() {
            return false;
        }

        @Override
        public boolean delayIfSqlThreadBehind() {
            return false;
        }

        @Override
        public int failOnLagMinutes() {
            return 0;
        }

        @Override
        public Optional<List<String>> promotionIgnoreHostnameFilters() {
            return Optional.empty();
        }

        @Override
        public int reasonableMaintenanceLagSeconds() {
            return 20;
        }

        volatile boolean preventCrossRegion;
        volatile boolean preventCrossDataCenter;
        volatile int lostDowntimeMinutes = 1440;
        volatile boolean detachLostReplicas = true;
        volatile int postponeOnLagMinutes;
        volatile boolean recoverNonWriteableMaster;
        volatile boolean coMasterMustPromoteOther = true;

        @Override
        public boolean preventCrossRegion() {
            return preventCrossRegion;
        }

        @Override
        public int failureDetectionPeriodBlockMinutes() {
            return 60;
        }

        /** FakeLeadership names three members: 1 keeps the leader's own view deciding, as the other tests expect. */
        volatile String quorum = "1";

        @Override
        public String failureDetectionQuorum() {
            return quorum;
        }

        @Override
        public int lostInstancesDowntimeMinutes() {
            return lostDowntimeMinutes;
        }

        @Override
        public boolean detachLostReplicas() {
            return detachLostReplicas;
        }

        @Override
        public int postponeReplicaRecoveryOnLagMinutes() {
            return postponeOnLagMinutes;
        }

        @Override
        public boolean recoverNonWriteableMaster() {
            return recoverNonWriteableMaster;
        }

        @Override
        public boolean coMasterMustPromoteOther() {
            return coMasterMustPromoteOther;
        }

        @Override
        public HooksConfig hooks() {
            return this;
        }

        @Override
        public String shell() {
            return "bash";
        }

        @Override
        public int timeoutSeconds() {
            return 10;
        }

        @Override
        public Optional<List<String>> onFailureDetection() {
            return Optional.empty();
        }

        @Override
        public Optional<List<String>> preFailover() {
            return Optional.of(preFailover);
        }

        @Override
        public Optional<List<String>> postMasterFailover() {
            return Optional.of(postMasterFailover);
        }

        @Override
        public Optional<List<String>> postIntermediateMasterFailover() {
            return Optional.empty();
        }

        @Override
        public Optional<List<String>> postFailover() {
            return Optional.of(postFailover);
        }

        @Override
        public Optional<List<String>> postUnsuccessfulFailover() {
            return Optional.of(postUnsuccessful);
        }

        @Override
        public Optional<List<String>> preGracefulTakeover() {
            return Optional.of(preGraceful);
        }

        @Override
        public Optional<List<String>> postGracefulTakeover() {
            return Optional.of(postGraceful);
        }
    }
}
