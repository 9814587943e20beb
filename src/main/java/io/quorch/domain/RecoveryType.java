package io.quorch.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a recovery was started. Stored, replicated and shown by the API as orchestrator's lower-case word. */
public enum RecoveryType {
    /** Started by quorch on an actionable analysis. */
    AUTOMATIC("automatic"),
    /** Requested through /api/recover. */
    MANUAL("manual"),
    /** Requested through /api/force-master-failover: the live primary is fenced first. */
    FORCED("forced"),
    /** A planned switchover (/api/graceful-master-takeover). */
    GRACEFUL("graceful");

    private final String wire;

    RecoveryType(String wire) {
        this.wire = wire;
    }

    /** The stored and JSON value. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The type a stored or replicated value names; rows written before types existed are automatic. */
    @JsonCreator
    public static RecoveryType of(String wire) {
        if (wire == null || wire.isBlank()) {
            return AUTOMATIC;
        }
        for (RecoveryType t : values()) {
            if (t.wire.equals(wire)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown recovery type \"" + wire + "\"");
    }

    @Override
    public String toString() {
        return wire;
    }
}
