package io.quorch.domain;

import java.time.Instant;

/** A server taken out of automated recovery until a time, by someone, for a reason. */
public record Downtime(InstanceKey key, String owner, String reason, Instant begin, Instant end) {

    public boolean activeAt(Instant now) {
        return !now.isBefore(begin) && now.isBefore(end);
    }
}
