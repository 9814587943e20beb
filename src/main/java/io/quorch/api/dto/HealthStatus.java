package io.quorch.api.dto;

import com.fasterxml.jackson.annotation.JsonProperty;

/** orchestrator's HealthStatus (Details of /api/health and /api/status), plus quorch's own fields. */
public record HealthStatus(
        @JsonProperty("Healthy") boolean healthy,
        @JsonProperty("Hostname") String hostname,
        @JsonProperty("Token") String token,
        @JsonProperty("IsActiveNode") boolean activeNode,
        @JsonProperty("Error") String error,
        @JsonProperty("Version") String version,
        @JsonProperty("UptimeSeconds") long uptimeSeconds,
        @JsonProperty("Backend") String backend,
        @JsonProperty("BackendDescription") String backendDescription,
        @JsonProperty("RaftLeader") String raftLeader,
        @JsonProperty("IsRaftLeader") boolean isRaftLeader,
        @JsonProperty("RaftLeaderURI") String raftLeaderUri,
        @JsonProperty("RaftAdvertise") String raftAdvertise,
        @JsonProperty("RaftHealthyMembers") java.util.List<String> raftHealthyMembers,
        @JsonProperty("RaftState") String raftState) {
}
