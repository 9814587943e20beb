package io.quorch.app;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a native build must keep for reflection beyond what Quarkus finds by itself (JAX-RS return
 * types are registered by Quarkus REST): the replicated commands and the records inside them,
 * which the command codec (Jackson, plus getPermittedSubclasses) reads and writes, and the Ratis
 * classes Ratis instantiates by name. JDBC drivers are never looked up through DriverManager: the
 * datasources and the topology connector name their driver classes directly.
 */
@RegisterForReflection(targets = {
        io.quorch.consensus.ReplicatedCommand.class,
        io.quorch.consensus.ReplicatedCommand.Discover.class,
        io.quorch.consensus.ReplicatedCommand.Forget.class,
        io.quorch.consensus.ReplicatedCommand.ForgetCluster.class,
        io.quorch.consensus.ReplicatedCommand.SetClusterAlias.class,
        io.quorch.consensus.ReplicatedCommand.BeginDowntime.class,
        io.quorch.consensus.ReplicatedCommand.EndDowntime.class,
        io.quorch.consensus.ReplicatedCommand.BeginMaintenance.class,
        io.quorch.consensus.ReplicatedCommand.EndMaintenance.class,
        io.quorch.consensus.ReplicatedCommand.RegisterCandidate.class,
        io.quorch.consensus.ReplicatedCommand.AckRecovery.class,
        io.quorch.consensus.ReplicatedCommand.SetGlobalRecoveries.class,
        io.quorch.consensus.ReplicatedCommand.RegisterFailureDetection.class,
        io.quorch.consensus.ReplicatedCommand.WriteRecovery.class,
        io.quorch.consensus.ReplicatedCommand.WriteRecoveryStep.class,
        io.quorch.consensus.ReplicatedCommand.SetLeaderUri.class,
        io.quorch.consensus.ReplicatedCommand.ResolveRecovery.class,
        io.quorch.consensus.ReplicatedCommand.PurgeHistory.class,
        io.quorch.consensus.ReplicatedCommand.ReloadConfiguration.class,
        io.quorch.domain.AckSelector.class,
        io.quorch.domain.AckSelector.All.class,
        io.quorch.domain.AckSelector.Cluster.class,
        io.quorch.domain.AckSelector.Id.class,
        io.quorch.domain.AckSelector.Uid.class,
        io.quorch.domain.AckSelector.Instance.class,
        io.quorch.domain.InstanceKey.class,
        io.quorch.domain.PromotionRule.class,
        io.quorch.domain.FailureDetection.class,
        io.quorch.domain.TopologyRecovery.class,
        io.quorch.domain.RecoveryType.class,
        io.quorch.domain.RecoveryStep.class }, classNames = {
                "org.apache.ratis.grpc.GrpcFactory",
                "org.apache.ratis.server.impl.ServerImplUtils",
                "org.apache.ratis.server.impl.RaftServerProxy",
                "org.apache.ratis.metrics.impl.MetricRegistriesImpl" })
public final class NativeRegistrations {

    private NativeRegistrations() {
    }
}
