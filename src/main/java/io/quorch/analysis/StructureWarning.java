package io.quorch.analysis;

/** Problems of a topology's shape that do not stop replication but weaken failover. */
public enum StructureWarning {
    NoWriteableMasterStructureWarning,
    ErrantGTIDStructureWarning,
    DifferentGTIDModesStructureWarning,
    NoLoggingReplicasStructureWarning,
    NoFailoverSupportStructureWarning,
    MultipleMajorVersionsLoggingReplicasStructureWarning,
    StatementAndRowLoggingReplicasStructureWarning,
    NotEnoughValidSemiSyncReplicasStructureWarning
}
