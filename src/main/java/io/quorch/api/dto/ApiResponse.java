package io.quorch.api.dto;

import com.fasterxml.jackson.annotation.JsonProperty;

/** orchestrator's response envelope: {"Code":"OK"|"ERROR","Message":...,"Details":...}. */
public record ApiResponse(
        @JsonProperty("Code") String code,
        @JsonProperty("Message") String message,
        @JsonProperty("Details") Object details) {

    public static ApiResponse ok(String message, Object details) {
        return new ApiResponse("OK", message, details);
    }

    public static ApiResponse error(String message) {
        return new ApiResponse("ERROR", message, null);
    }
}
