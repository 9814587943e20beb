package io.quorch.refactor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.quarkus.arc.DefaultBean;

/**
 * The answer when nothing records maintenance: no server is in maintenance. A bean of type
 * {@link MaintenanceLookup} backed by the maintenance store replaces this one.
 */
@ApplicationScoped
public class MaintenanceLookupProducer {

    @Produces
    @DefaultBean
    @ApplicationScoped
    MaintenanceLookup none() {
        return key -> false;
    }
}
