package io.quorch.control;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quorch.domain.Flavor;
import io.quorch.domain.GtidSet;
import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.mysql.InstanceControl;
import io.quorch.mysql.ReplicationControl;
import io.quorch.mysql.ReplicationCommander.Target;
import io.quorch.store.InstanceStore;
import io.quorch.topology.ErrantGtid;

/**
 * orchestrator's errant-GTID tools, for MySQL GTID (gtid_mode=ON): which binary logs hold a
 * replica's errant transactions, RESET MASTER that forgets them, or empty transactions on the
 * primary that make them not errant. MariaDB's GTIDs are positions per domain, not sets: these
 * are refused there with what applies instead.
 */
@ApplicationScoped
public class ErrantGtidService {

    /** At most this many empty transactions in one inject (a hostile or broken set could name billions). */
    static final int MAX_INJECT = 10_000;

    private final ControlContext ctx;
    private final InstanceControl servers;
    private final ReplicationControl replication;
    private final InstanceStore instances;

    public ErrantGtidService(ControlContext ctx, InstanceControl servers, ReplicationControl replication,
            InstanceStore instances) {
        this.ctx = ctx;
        this.servers = servers;
        this.replication = replication;
        this.instances = instances;
    }

    /** The binary logs holding the replica's errant transactions, oldest first. */
    public List<String> locate(InstanceKey key) {
        Instance i = ctx.begin(key, "locating errant GTIDs");
        String errant = requireErrant(i, "locate-errant-gtid");
        GtidSet search = GtidSet.parse(errant);
        if (!search.subtract(GtidSet.parse(i.state().gtid().purged())).equals(search)) {
            throw ControlException.refused("locate-errant-gtid: " + errant + " is already purged on " + key);
        }
        Target t = ControlContext.target(i);
        List<String> binlogs = servers.binaryLogs(t);
        Map<String, GtidSet> previous = new LinkedHashMap<>();
        for (String b : binlogs) {
            previous.put(b, GtidSet.parse(servers.previousGtids(t, b)));
        }
        List<String> found = new ArrayList<>();
        for (int n = 0; n < binlogs.size() && !search.isEmpty(); n++) {
            GtidSet left = search.subtract(previous.get(binlogs.get(n)));
            if (!left.equals(search)) {
                if (n > 0) {
                    found.add(binlogs.get(n - 1));
                }
                search = left;
            }
        }
        if (!search.isEmpty() && !binlogs.isEmpty()) {
            found.add(binlogs.get(binlogs.size() - 1));
        }
        return found;
    }

    /**
     * RESET MASTER on a replica without replicas of its own, keeping gtid_purged at what it executed
     * minus the errant transactions, so it can still replicate and be replicated from.
     */
    public Instance resetMaster(InstanceKey key, String who) {
        Instance before = ctx.begin(key, "resetting the binary logs of errant GTIDs");
        String errant = requireErrant(before, "gtid-errant-reset-master");
        if (!before.state().replicaKeys().isEmpty()) {
            throw ControlException.refused("gtid-errant-reset-master will not operate on " + key + " because it has "
                    + before.state().replicaKeys().size() + " replicas. Expecting no replicas");
        }
        ctx.requireNoMaintenance(key, "reset-master-gtid");
        Target t = ControlContext.target(before);
        boolean replica = before.state().replication() != null;
        if (replica) {
            replication.stop(t);
        }
        String purged;
        try {
            String executed = servers.executedGtidSet(t);
            purged = servers.gtidSubtract(t, executed, errant);
            servers.resetMasterKeepingGtidPurged(t, purged);
        } finally {
            if (replica) {
                replication.start(t);
            }
        }
        Instance after = ctx.fresh(key);
        ctx.audit("gtid-errant-reset-master", who, before, after, "removed errant GTID " + errant
                + "; gtid_purged=" + purged);
        return after;
    }

    /** Commits an empty transaction for each errant GTID on the cluster's primary, so they are no longer errant. */
    public Instance injectEmpty(InstanceKey key, String who) {
        Instance before = ctx.begin(key, "injecting empty transactions for errant GTIDs");
        String errant = requireErrant(before, "gtid-errant-inject-empty");
        Instance primary = primaryOf(before).orElseThrow(() -> ControlException.refused(
                "gtid-errant-inject-empty: no primary known for " + key));
        List<String> gtids = explode(errant);
        Target t = ControlContext.target(primary);
        for (String g : gtids) {
            replication.injectEmptyTransaction(t, g);
        }
        ctx.fresh(primary.key());
        Instance after = ctx.fresh(key);
        ctx.audit("gtid-errant-inject-empty", who, before, after, "injected " + gtids.size()
                + " empty transactions on " + primary.key() + " for errant GTID " + errant);
        return after;
    }

    /** The errant set of a MySQL GTID replica; refused with what applies when there is none or it is MariaDB. */
    private String requireErrant(Instance i, String what) {
        if (i.state().flavor() == Flavor.MARIADB) {
            throw ControlException.refused(what + " applies to MySQL GTID (gtid_mode=ON); " + i.key()
                    + " is MariaDB, whose GTIDs are domain-server-sequence positions: its errant transactions show"
                    + " in the instance's GtidErrant and the ErrantGTID structure warning, and are repaired on the"
                    + " server (gtid_slave_pos, or re-cloning the replica)");
        }
        if (!i.state().gtid().oracleGtidEnabled()) {
            throw ControlException.refused(what + " requested for " + i.key() + " but it is not using oracle-gtid");
        }
        String errant = primaryOf(i).map(m -> ErrantGtid.of(i, m)).orElse("");
        if (errant.isEmpty()) {
            throw ControlException.refused(what + ": no errant-gtid on " + i.key());
        }
        return errant;
    }

    private Optional<Instance> primaryOf(Instance i) {
        Instance at = i;
        for (int depth = 0; depth < 64 && at.masterKey() != null; depth++) {
            Optional<Instance> up = instances.read(at.masterKey());
            if (up.isEmpty()) {
                return Optional.empty();
            }
            at = up.get();
        }
        return at == i ? Optional.empty() : Optional.of(at);
    }

    /** "uuid:1-3:7" as uuid:1, uuid:2, uuid:3, uuid:7; refused beyond {@link #MAX_INJECT}. */
    static List<String> explode(String set) {
        List<String> out = new ArrayList<>();
        for (String part : GtidSet.parse(set).toString().split(",")) {
            String[] fields = part.trim().split(":");
            for (int f = 1; f < fields.length; f++) {
                String[] range = fields[f].split("-");
                long start = Long.parseLong(range[0]);
                long end = range.length > 1 ? Long.parseLong(range[1]) : start;
                if (end - start + out.size() >= MAX_INJECT) {
                    throw ControlException.refused("gtid-errant-inject-empty: more than " + MAX_INJECT
                            + " errant transactions (" + set + "); inject them in parts");
                }
                for (long n = start; n <= end; n++) {
                    out.add(fields[0] + ":" + n);
                }
            }
        }
        return out;
    }
}
