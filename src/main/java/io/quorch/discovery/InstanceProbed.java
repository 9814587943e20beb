package io.quorch.discovery;

import io.quorch.domain.Instance;

/** Fired after each probe is recorded: valid, or a failed probe of a known server. */
public record InstanceProbed(Instance instance, boolean valid) {
}
