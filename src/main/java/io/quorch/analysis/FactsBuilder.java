package io.quorch.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.ReplicationStatus;
import io.quorch.topology.ErrantGtid;

/** Turns the instances of a cluster (or of all clusters) into the facts the rules read. */
public final class FactsBuilder {

    /** orchestrator's default ReasonableReplicationLagSeconds. */
    public static final long REASONABLE_LAG_SECONDS = 10;

    private FactsBuilder() {
    }

    /** Facts for every primary, every server with replicas, and every first-tier replica that lost its primary. */
    public static List<AnalysisFacts> build(List<Instance> instances, Predicate<InstanceKey> downtimed) {
        return build(instances, downtimed, REASONABLE_LAG_SECONDS);
    }

    /** The same, counting a replica as lagging above reasonableLagSeconds (ReasonableReplicationLagSeconds). */
    public static List<AnalysisFacts> build(List<Instance> instances, Predicate<InstanceKey> downtimed,
            long reasonableLagSeconds) {
        Map<InstanceKey, Instance> byKey = new HashMap<>();
        Map<InstanceKey, List<Instance>> replicasOf = new HashMap<>();
        for (Instance i : instances) {
            byKey.put(i.key(), i);
        }
        for (Instance i : instances) {
            if (i.masterKey() != null && !i.masterKey().equals(i.key())) {
                replicasOf.computeIfAbsent(i.masterKey(), k -> new ArrayList<>()).add(i);
            }
        }
        List<AnalysisFacts> facts = new ArrayList<>();
        for (Instance i : instances) {
            List<Instance> replicas = replicasOf.getOrDefault(i.key(), List.of());
            boolean isMaster = i.masterKey() == null;
            Instance master = isMaster ? null : byKey.get(i.masterKey());
            boolean lostReachableTop = master != null && master.masterKey() == null && master.lastCheckValid()
                    && failingToConnect(i);
            if (!isMaster && replicas.isEmpty() && !lostReachableTop) {
                continue;
            }
            facts.add(of(i, master, replicas, downtimed, lostReachableTop, reasonableLagSeconds));
        }
        return facts;
    }

    static boolean failingToConnect(Instance replica) {
        ReplicationStatus r = replica.state().replication();
        return replica.lastCheckValid() && r != null && !r.ioThreadRunning() && r.sqlThreadRunning()
                && (r.ioThreadConnecting() || r.lastIoErrno() != 0);
    }

    private static AnalysisFacts of(Instance i, Instance master, List<Instance> replicas,
            Predicate<InstanceKey> downtimed, boolean lostReachableTop, long reasonableLagSeconds) {
        int valid = 0;
        int replicating = 0;
        int failing = 0;
        int down = 0;
        int lagging = 0;
        int delayed = 0;
        int logging = 0;
        int gtid = 0;
        int nonGtid = 0;
        Set<String> majors = new HashSet<>();
        Set<String> formats = new HashSet<>();
        List<InstanceKey> errant = new ArrayList<>();
        for (Instance r : replicas) {
            ReplicationStatus s = r.state().replication();
            if (downtimed.test(r.key())) {
                down++;
            }
            if (!r.lastCheckValid()) {
                continue;
            }
            valid++;
            if (s != null && s.replicating()) {
                replicating++;
            }
            if (failingToConnect(r)) {
                failing++;
            }
            Long lag = r.state().replicationLagSeconds();
            if (lag != null && lag > reasonableLagSeconds) {
                lagging++;
            }
            if (s != null && s.sqlDelay() > 0) {
                delayed++;
            }
            if (r.state().logBinEnabled() && r.state().logReplicationUpdatesEnabled()) {
                logging++;
                majors.add(r.state().majorVersion());
                formats.add(r.state().binlogFormat());
            }
            if (r.state().usingGtid()) {
                gtid++;
            } else {
                nonGtid++;
            }
            if (i.lastCheckValid() && !ErrantGtid.of(r, i).isEmpty()) {
                errant.add(r.key());
            }
        }
        var semi = i.state().semiSync();
        boolean coMaster = master != null && i.key().equals(master.masterKey());
        return new AnalysisFacts(i.key(), i.masterKey(), i.clusterName(), i.masterKey() == null, coMaster,
                i.lastCheckValid(), i.state().readOnly(), downtimed.test(i.key()), replicas.size(), valid, replicating,
                failing, down, lagging, delayed, logging, semi.masterEnabled(), semi.masterStatus(),
                semi.masterWaitForReplicaCount(), semi.masterClients(), lostReachableTop,
                master != null && master.masterKey() == null, gtid, nonGtid, majors.size(), formats.size(), errant,
                replicas.stream().map(Instance::key).toList(), i);
    }
}
