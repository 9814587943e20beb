package io.quorch.domain;

import java.time.Instant;

/** One audited step of a recovery. */
public record RecoveryStep(String recoveryUid, int seq, Instant at, String message) {
}
