package io.quorch.api.dto;

import com.fasterxml.jackson.annotation.JsonProperty;

/** orchestrator's ClusterInfo. */
public record ClusterInfo(
        @JsonProperty("ClusterName") String clusterName,
        @JsonProperty("ClusterAlias") String clusterAlias,
        @JsonProperty("ClusterDomain") String clusterDomain,
        @JsonProperty("CountInstances") int countInstances,
        @JsonProperty("HeuristicLag") long heuristicLag,
        @JsonProperty("HasAutomatedMasterRecovery") boolean hasAutomatedMasterRecovery,
        @JsonProperty("HasAutomatedIntermediateMasterRecovery") boolean hasAutomatedIntermediateMasterRecovery) {
}
