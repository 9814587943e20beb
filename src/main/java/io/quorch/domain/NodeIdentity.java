package io.quorch.domain;

import java.time.Instant;

/**
 * Who this quorch process is: the host it runs on, a token unique to this run, and when it started.
 */
public record NodeIdentity(String hostname, String token, String version, Instant startedAt) {
}
