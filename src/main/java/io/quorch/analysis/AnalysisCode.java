package io.quorch.analysis;

/** orchestrator's analysis codes, with what quorch does about each. */
public enum AnalysisCode {
    NoProblem("", Kind.NONE),
    DeadMasterWithoutReplicas("Primary cannot be reached by quorch and has no replicas", Kind.NONE),
    DeadMaster("Primary cannot be reached by quorch and none of its replicas is replicating", Kind.MASTER),
    DeadMasterAndReplicas("Primary cannot be reached by quorch and none of its replicas is reachable", Kind.NONE),
    DeadMasterAndSomeReplicas("Primary cannot be reached by quorch; some of its replicas are unreachable and none of"
            + " its replicas is replicating", Kind.MASTER),
    UnreachableMasterWithLaggingReplicas("Primary cannot be reached by quorch and all of its replicas are lagging",
            Kind.REPROBE),
    UnreachableMaster("Primary cannot be reached by quorch but it has replicating replicas; possibly a network or"
            + " load problem", Kind.REPROBE),
    LockedSemiSyncMaster("Semi-sync primary is waiting for more replica acknowledgements than it has replicas",
            Kind.NONE),
    MasterSingleReplicaNotReplicating("Primary is reachable but its single replica is not replicating", Kind.NONE),
    MasterSingleReplicaDead("Primary is reachable but its single replica is dead", Kind.NONE),
    AllMasterReplicasNotReplicating("Primary is reachable but none of its replicas is replicating", Kind.REPROBE),
    AllMasterReplicasNotReplicatingOrDead("Primary is reachable but none of its replicas is replicating or"
            + " reachable", Kind.REPROBE),
    DeadCoMaster("Co-primary cannot be reached by quorch and none of its replicas is replicating", Kind.CO_MASTER),
    DeadCoMasterAndSomeReplicas("Co-primary cannot be reached by quorch; some of its replicas are unreachable and"
            + " none of its replicas is replicating", Kind.CO_MASTER),
    UnreachableCoMaster("Co-primary cannot be reached by quorch but it has replicating replicas", Kind.REPROBE),
    AllCoMasterReplicasNotReplicating("Co-primary is reachable but none of its replicas is replicating", Kind.NONE),
    DeadIntermediateMasterWithSingleReplicaFailingToConnect("Intermediate primary cannot be reached by quorch and its"
            + " single replica is failing to connect", Kind.INTERMEDIATE),
    DeadIntermediateMasterWithSingleReplica("Intermediate primary cannot be reached by quorch and its single replica"
            + " is not replicating", Kind.NONE),
    DeadIntermediateMaster("Intermediate primary cannot be reached by quorch and none of its replicas is replicating",
            Kind.INTERMEDIATE),
    DeadIntermediateMasterAndSomeReplicas("Intermediate primary cannot be reached by quorch; some of its replicas are"
            + " unreachable and none of its replicas is replicating", Kind.INTERMEDIATE),
    DeadIntermediateMasterAndReplicas("Intermediate primary cannot be reached by quorch and none of its replicas is"
            + " reachable", Kind.NONE),
    AllIntermediateMasterReplicasFailingToConnectOrDead("Intermediate primary is reachable but all of its replicas"
            + " are failing to connect to it", Kind.INTERMEDIATE),
    AllIntermediateMasterReplicasNotReplicating("Intermediate primary is reachable but none of its replicas is"
            + " replicating", Kind.NONE),
    UnreachableIntermediateMasterWithLaggingReplicas("Intermediate primary cannot be reached by quorch and all of its"
            + " replicas are lagging", Kind.REPROBE),
    UnreachableIntermediateMaster("Intermediate primary cannot be reached by quorch but it has replicating replicas",
            Kind.REPROBE),
    FirstTierReplicaFailingToConnectToMaster("Direct replica of the primary cannot connect to it while quorch can",
            Kind.REPROBE);

    /** What recovery does about a code. */
    public enum Kind {
        /** Nothing automatic. */
        NONE,
        /** Probe the server and its replicas again at once. */
        REPROBE,
        /** Replace the dead primary. */
        MASTER,
        /** Move the dead intermediate primary's replicas. */
        INTERMEDIATE,
        /** Replace the dead co-primary (by the other co-primary when CoMasterRecoveryMustPromoteOtherCoMaster). */
        CO_MASTER
    }

    private final String description;
    private final Kind kind;

    AnalysisCode(String description, Kind kind) {
        this.description = description;
        this.kind = kind;
    }

    public String description() {
        return description;
    }

    public Kind kind() {
        return kind;
    }

    public boolean actionable() {
        return kind == Kind.MASTER || kind == Kind.INTERMEDIATE || kind == Kind.CO_MASTER;
    }

    /** A primary (or co-primary) is replaced: RecoverMasterClusterFilters and the primary failover hooks apply. */
    public boolean replacesPrimary() {
        return kind == Kind.MASTER || kind == Kind.CO_MASTER;
    }
}
