package io.quorch.refactor;

import io.quorch.domain.InstanceKey;

/**
 * Whether a server is in maintenance (orchestrator's begin-maintenance lock). A move that would stop or
 * change such a server is refused with orchestrator's "Cannot begin maintenance on ...". The answer
 * comes from the replicated maintenance marks ({@link MaintenanceLookupProducer}).
 */
@FunctionalInterface
public interface MaintenanceLookup {

    boolean inMaintenance(InstanceKey key);
}
