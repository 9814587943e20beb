package io.quorch.config;

import java.util.List;
import java.util.Optional;

import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What the failure analysis counts and leaves out. Every setting here is reloadable: the values in
 * use are {@link ReloadableSettings}'; this mapping checks them at start and documents them.
 */
@ConfigMapping(prefix = "quorch.analysis")
public interface AnalysisConfig {

    /** ReasonableReplicationLagSeconds: a replica lagging more than this counts as lagging. Default 10. */
    @WithDefault("10")
    @Min(value = 0, message = "must not be negative, got ${validatedValue}")
    int reasonableReplicationLagSeconds();

    /** ProblemIgnoreHostnameFilters: servers whose problems are not shown. */
    Optional<List<String>> problemIgnoreHostnameFilters();

    /** RecoveryIgnoreHostnameFilters: servers the analysis leaves out, so they are never recovered. */
    Optional<List<String>> recoveryIgnoreHostnameFilters();
}
