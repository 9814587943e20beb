package io.quorch.discovery;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.quorch.domain.InstanceKey;
import io.quorch.domain.ServerState;

/**
 * MySQLHostnameResolveMethod "@@report_host": a server reached as one name that declares another
 * (its report_host) is known by the declared one, as orchestrator resolves hostnames. Remembers
 * each such name seen by this process, so crawling, seeds and the API reach the server by its
 * declared name and replicas name their primary by it. Pure memory: a restart relearns it at the
 * first probe.
 */
final class HostnameResolver {

    private final boolean enabled;
    private final Map<InstanceKey, InstanceKey> resolved = new ConcurrentHashMap<>();

    HostnameResolver(boolean enabled) {
        this.enabled = enabled;
    }

    /** The key a server is known by. */
    InstanceKey resolve(InstanceKey key) {
        return key == null ? null : resolved.getOrDefault(key, key);
    }

    /**
     * The key a probed server is known by: its report_host on the port it was reached at when that
     * differs from the name it was reached by (remembered), else the key itself.
     */
    InstanceKey learn(InstanceKey reached, ServerState state) {
        String declared = state.detected().reportHost();
        if (!enabled || declared.isEmpty() || declared.equalsIgnoreCase(reached.hostname())) {
            return reached;
        }
        InstanceKey known = new InstanceKey(declared, reached.port());
        resolved.put(reached, known);
        return known;
    }

    /** The state with its primary named as that primary is known. */
    ServerState resolveMaster(ServerState state) {
        InstanceKey master = state.masterKey();
        InstanceKey known = resolve(master);
        return master == null || known.equals(master) ? state : state.withMasterKey(known);
    }

    void forget(InstanceKey key) {
        resolved.remove(key);
        resolved.values().removeIf(key::equals);
    }
}
