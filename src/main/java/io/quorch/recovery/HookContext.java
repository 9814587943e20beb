package io.quorch.recovery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quorch.domain.InstanceKey;

/**
 * The values a hook may use, as {placeholders} and as orchestrator's ORC_* environment variables.
 * Values may come from servers and users (a report_host, a cluster alias): they are data, never
 * shell syntax.
 */
public record HookContext(
        String failureType,
        String failureDescription,
        InstanceKey failedKey,
        String failureCluster,
        String failureClusterAlias,
        int countReplicas,
        List<InstanceKey> replicaHosts,
        boolean isMaster,
        boolean isDowntimed,
        InstanceKey successorKey,
        List<InstanceKey> lostReplicas,
        Boolean isSuccessful,
        String command,
        String orchestratorHost) {

    public Map<String, String> placeholders() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("failureType", nz(failureType));
        // as orchestrator's GetAnalysisInstanceType: a co-primary's failure names it so
        boolean coMaster = failureType != null && failureType.startsWith("DeadCoMaster");
        m.put("instanceType", coMaster ? "co-master" : isMaster ? "master" : "intermediate-master");
        m.put("isMaster", Boolean.toString(isMaster));
        m.put("isCoMaster", Boolean.toString(coMaster));
        m.put("failureDescription", nz(failureDescription));
        m.put("failedHost", failedKey.hostname());
        m.put("failedPort", Integer.toString(failedKey.port()));
        m.put("failureCluster", nz(failureCluster));
        m.put("failureClusterAlias", nz(failureClusterAlias));
        m.put("failureClusterDomain", "");
        m.put("countReplicas", Integer.toString(countReplicas));
        m.put("countSlaves", Integer.toString(countReplicas));
        m.put("replicaHosts", join(replicaHosts));
        m.put("slaveHosts", join(replicaHosts));
        m.put("isDowntimed", Boolean.toString(isDowntimed));
        m.put("successorHost", successorKey == null ? "" : successorKey.hostname());
        m.put("successorPort", successorKey == null ? "" : Integer.toString(successorKey.port()));
        m.put("successorAlias", successorKey == null ? "" : successorKey.toString());
        m.put("lostReplicas", join(lostReplicas));
        m.put("lostSlaves", join(lostReplicas));
        m.put("countLostReplicas", Integer.toString(lostReplicas.size()));
        m.put("isSuccessful", isSuccessful == null ? "" : Boolean.toString(isSuccessful));
        m.put("command", nz(command));
        m.put("orchestratorHost", nz(orchestratorHost));
        return m;
    }

    /**
     * The hook with its {placeholders} filled, each value quoted for the shell where it stands
     * (see {@link HookTemplate}); throws IllegalArgumentException when a value cannot be placed safely.
     */
    public String substitute(String hook) {
        return HookTemplate.fill(hook, placeholders());
    }

    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, String> p = placeholders();
        env.put("ORC_FAILURE_TYPE", p.get("failureType"));
        env.put("ORC_INSTANCE_TYPE", p.get("instanceType"));
        env.put("ORC_IS_MASTER", p.get("isMaster"));
        env.put("ORC_IS_CO_MASTER", p.get("isCoMaster"));
        env.put("ORC_FAILURE_DESCRIPTION", p.get("failureDescription"));
        env.put("ORC_FAILED_HOST", p.get("failedHost"));
        env.put("ORC_FAILED_PORT", p.get("failedPort"));
        env.put("ORC_FAILURE_CLUSTER", p.get("failureCluster"));
        env.put("ORC_FAILURE_CLUSTER_ALIAS", p.get("failureClusterAlias"));
        env.put("ORC_FAILURE_CLUSTER_DOMAIN", "");
        env.put("ORC_COUNT_REPLICAS", p.get("countReplicas"));
        env.put("ORC_IS_DOWNTIMED", p.get("isDowntimed"));
        env.put("ORC_ORCHESTRATOR_HOST", p.get("orchestratorHost"));
        env.put("ORC_IS_SUCCESSFUL", p.get("isSuccessful"));
        env.put("ORC_LOST_REPLICAS", p.get("lostReplicas"));
        env.put("ORC_REPLICA_HOSTS", p.get("replicaHosts"));
        env.put("ORC_COMMAND", p.get("command"));
        env.put("ORC_SUCCESSOR_HOST", p.get("successorHost"));
        env.put("ORC_SUCCESSOR_PORT", p.get("successorPort"));
        env.put("ORC_SUCCESSOR_ALIAS", p.get("successorAlias"));
        return env;
    }

    public HookContext withOutcome(InstanceKey successor, List<InstanceKey> lost, boolean successful) {
        return new HookContext(failureType, failureDescription, failedKey, failureCluster, failureClusterAlias,
                countReplicas, replicaHosts, isMaster, isDowntimed, successor, lost, successful, command,
                orchestratorHost);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String join(List<InstanceKey> keys) {
        return String.join(",", keys.stream().map(InstanceKey::toString).toList());
    }
}
