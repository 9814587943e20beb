package io.quorch.config;

import java.util.List;
import java.util.Optional;

import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Automated and manual recovery. */
@ConfigMapping(prefix = "quorch.recovery")
public interface RecoveryConfig {

    /** RecoveryPeriodBlockSeconds: after a recovery, the cluster is not recovered again automatically for this long. Default 3600. */
    @WithDefault("3600")
    @Min(value = 0, message = "must not be negative, got ${validatedValue}")
    int periodBlockSeconds();

    /** RecoverMasterClusterFilters: clusters (regular expressions, "*" for all) whose dead primaries are recovered automatically. */
    Optional<List<String>> masterClusterFilters();

    /** RecoverIntermediateMasterClusterFilters: the same for intermediate primaries. */
    Optional<List<String>> intermediateMasterClusterFilters();

    /** CandidateInstanceExpireMinutes: a registered promotion rule lasts this long. Default 60. */
    @WithDefault("60")
    @Min(value = 1, message = "must be at least 1, got ${validatedValue}")
    int candidateExpireMinutes();

    /** ApplyMySQLPromotionAfterMasterFailover: RESET SLAVE ALL and read_only=0 on the promoted server. Default true. */
    @WithDefault("true")
    boolean applyPromotion();

    /** PreventCrossDataCenterMasterFailover: never promote a server of another data center. Default false. */
    @WithDefault("false")
    boolean preventCrossDataCenter();

    /** PreventCrossRegionMasterFailover: never promote a server of another region (DetectRegionQuery/RegionPattern). Default false. */
    @WithDefault("false")
    boolean preventCrossRegion();

    /** FailureDetectionPeriodBlockMinutes: a failure of one server and code is registered (and its hooks run) once per this period. Default 60. */
    @WithDefault("60")
    @Min(value = 1, message = "must be at least 1, got ${validatedValue}")
    int failureDetectionPeriodBlockMinutes();

    /**
     * FailureDetectionQuorum: how many nodes of the group (the leader included) must report the same failure of a
     * primary or intermediate primary before the leader recovers it: "majority", a number, or 1 (the leader alone).
     * Checked at startup against the group's size. Default "majority".
     */
    @WithDefault(FailureDetectionQuorum.MAJORITY)
    String failureDetectionQuorum();

    /**
     * MasterFailoverLostInstancesDowntimeMinutes: how long the failed primary and the replicas lost in a failover are
     * downtimed ("lost-in-recovery"); 0 means one year, as in orchestrator. Default 1440 (a day).
     */
    @WithDefault("1440")
    @Min(value = 0, message = "must not be negative, got ${validatedValue}")
    int lostInstancesDowntimeMinutes();

    /** DetachLostReplicasAfterMasterFailover: replicas lost in a failover get their primary's host detached ("//host"). Default true. */
    @WithDefault("true")
    boolean detachLostReplicas();

    /** PostponeReplicaRecoveryOnLagMinutes: replicas lagging more than this are moved after the post-failover hooks (0: never postponed). Default 0. */
    @WithDefault("0")
    @Min(value = 0, message = "must not be negative, got ${validatedValue}")
    int postponeReplicaRecoveryOnLagMinutes();

    /** RecoverNonWriteableMaster: a read-only primary whose replicas replicate is made writable. Default false. */
    @WithDefault("false")
    boolean recoverNonWriteableMaster();

    /** CoMasterRecoveryMustPromoteOtherCoMaster: a dead co-primary is replaced by the other co-primary only. Default true. */
    @WithDefault("true")
    boolean coMasterMustPromoteOther();

    /** FailMasterPromotionIfSQLThreadNotUpToDate: abort when the candidate has not applied all it received. Default false. */
    @WithDefault("false")
    boolean failIfSqlThreadBehind();

    /** DelayMasterPromotionIfSQLThreadNotUpToDate: wait for the candidate to apply all it received. Default false. */
    @WithDefault("false")
    boolean delayIfSqlThreadBehind();

    /** FailMasterPromotionOnLagMinutes: abort when the candidate lags more than this (0: never). Default 0. */
    @WithDefault("0")
    @Min(value = 0, message = "must not be negative, got ${validatedValue}")
    int failOnLagMinutes();

    /** PromotionIgnoreHostnameFilters: regular expressions of hosts never promoted. */
    Optional<List<String>> promotionIgnoreHostnameFilters();

    /**
     * ReasonableMaintenanceReplicationLagSeconds: a graceful takeover's designated replica, and a server a
     * topology move stops, may lag this much. Default 20.
     */
    @WithDefault("20")
    @Min(value = 0, message = "must not be negative, got ${validatedValue}")
    int reasonableMaintenanceLagSeconds();

    /** Hook processes. */
    HooksConfig hooks();

    /** Recovery hooks: shell commands with {placeholders}, run through ProcessesShellCommand. */
    interface HooksConfig {

        /** ProcessesShellCommand. Default "bash". */
        @WithDefault("bash")
        String shell();

        /** HookTimeoutSeconds: a synchronous hook running longer is killed and counts as failed. Default 60. */
        @WithDefault("60")
        @Min(value = 1, message = "must be at least 1, got ${validatedValue}")
        int timeoutSeconds();

        /** OnFailureDetectionProcesses. */
        Optional<List<String>> onFailureDetection();

        /** PreFailoverProcesses: a non-zero exit aborts the recovery. */
        Optional<List<String>> preFailover();

        /** PostMasterFailoverProcesses. */
        Optional<List<String>> postMasterFailover();

        /** PostIntermediateMasterFailoverProcesses. */
        Optional<List<String>> postIntermediateMasterFailover();

        /** PostFailoverProcesses. */
        Optional<List<String>> postFailover();

        /** PostUnsuccessfulFailoverProcesses. */
        Optional<List<String>> postUnsuccessfulFailover();

        /** PreGracefulTakeoverProcesses: a non-zero exit aborts the takeover. */
        Optional<List<String>> preGracefulTakeover();

        /** PostGracefulTakeoverProcesses. */
        Optional<List<String>> postGracefulTakeover();
    }
}
