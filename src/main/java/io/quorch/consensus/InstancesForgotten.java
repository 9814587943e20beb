package io.quorch.consensus;

import java.time.Instant;
import java.util.Set;

import io.quorch.domain.InstanceKey;

/** Fired on this node after a forget was applied, so discovery stops polling those servers at once. */
public record InstancesForgotten(Set<InstanceKey> keys, Instant at) {
}
