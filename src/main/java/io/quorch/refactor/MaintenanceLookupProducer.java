package io.quorch.refactor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.quorch.store.MaintenanceStore;

/** Moves ask the replicated maintenance marks (begin-maintenance) whether a server may be touched. */
@ApplicationScoped
public class MaintenanceLookupProducer {

    @Produces
    @ApplicationScoped
    MaintenanceLookup fromStore(MaintenanceStore maintenance) {
        return maintenance::inMaintenance;
    }
}
