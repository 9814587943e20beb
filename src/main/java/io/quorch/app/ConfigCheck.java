package io.quorch.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quorch.config.BackendConfig;
import io.quorch.config.ConfigProblemsException;
import io.quorch.config.ConfigRules;
import io.quorch.config.DiscoveryConfig;
import io.quorch.config.ReloadableSettings;
import io.quorch.config.OrchestratorJsonConfigSource;
import io.quorch.config.RaftConfig;
import io.quorch.config.RecoveryConfig;
import io.quorch.config.SecurityConfig;
import io.quorch.security.SecurityProducer;

/** First thing at startup: cross-field configuration rules, and a warning for each unknown key. */
@ApplicationScoped
public class ConfigCheck {

    private static final Logger LOG = Logger.getLogger(ConfigCheck.class);

    void onStart(@Observes @Priority(1) StartupEvent event, BackendConfig backend, RaftConfig raft,
            RecoveryConfig recovery, SecurityConfig security, DiscoveryConfig discovery, ReloadableSettings reloadable,
            @ConfigProperty(name = OrchestratorJsonConfigSource.UNKNOWN_KEYS_PROPERTY) Optional<List<String>> unknown) {
        unknown.orElse(List.of()).forEach(k -> LOG.warnf("unknown configuration key %s (ignored)", k));
        List<String> problems = new ArrayList<>(ConfigRules.check(backend, raft, recovery));
        ConfigRules.seeds(discovery, problems);
        ConfigRules.nodeDataCenter(discovery, problems);
        try {
            // the reloadable settings are checked as they are read: a bad filter stops the start here
            reloadable.get();
        } catch (ConfigProblemsException e) {
            problems.addAll(e.problems());
        }
        SecurityProducer.build(security, problems);
        if (!problems.isEmpty()) {
            throw new ConfigProblemsException(problems);
        }
    }
}
