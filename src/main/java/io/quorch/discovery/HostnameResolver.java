package io.quorch.discovery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.jboss.logging.Logger;

import io.quorch.domain.InstanceKey;
import io.quorch.domain.ServerState;

/**
 * MySQLHostnameResolveMethod "@@report_host" or "@@hostname": a server reached as one name that
 * declares another is known by the declared one, as orchestrator resolves hostnames. Remembers
 * each such name seen by this process, so crawling, seeds and the API reach the server by its
 * declared name and replicas name their primary by it. Pure memory: a restart relearns it at the
 * first probe. A declared name that does not resolve is not adopted (orchestrator would adopt it
 * and then fail to reach the server under it): the server stays known by the name that works.
 */
final class HostnameResolver {

    private static final Logger LOG = Logger.getLogger(HostnameResolver.class);

    private final boolean enabled;
    private final Predicate<String> resolvable;
    private final Map<InstanceKey, InstanceKey> resolved = new ConcurrentHashMap<>();
    private final Set<InstanceKey> warned = ConcurrentHashMap.newKeySet();

    HostnameResolver(boolean enabled, Predicate<String> resolvable) {
        this.enabled = enabled;
        this.resolvable = resolvable;
    }

    /** Whether the name resolves to an address here (the JVM caches the answer). */
    static boolean resolves(String host) {
        try {
            InetAddress.getByName(host);
            return true;
        } catch (UnknownHostException | SecurityException e) {
            return false;
        }
    }

    /** The key a server is known by. */
    InstanceKey resolve(InstanceKey key) {
        return key == null ? null : resolved.getOrDefault(key, key);
    }

    /**
     * The key a probed server is known by: the name it declares, on the port it was reached at, when
     * that differs from the name it was reached by and resolves (remembered), else the key itself.
     */
    InstanceKey learn(InstanceKey reached, ServerState state) {
        String declared = state.detected().reportHost();
        if (!enabled || declared.isEmpty() || declared.equalsIgnoreCase(reached.hostname())) {
            return reached;
        }
        if (!resolvable.test(declared)) {
            if (warned.add(reached)) {
                LOG.warnf("%s declares itself %s, which does not resolve here: it stays known as %s", reached,
                        declared, reached);
            }
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
        warned.remove(key);
    }
}
