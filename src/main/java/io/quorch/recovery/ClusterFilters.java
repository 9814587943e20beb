package io.quorch.recovery;

import java.util.List;
import java.util.regex.Pattern;

/**
 * RecoverMasterClusterFilters-style lists: "*" matches every cluster; any other entry is a
 * regular expression found in the cluster name or its alias (orchestrator also accepts
 * "alias=NAME" for an exact alias).
 */
public final class ClusterFilters {

    private ClusterFilters() {
    }

    public static boolean matches(List<String> filters, String clusterName, String alias) {
        for (String f : filters) {
            String filter = f.trim();
            if (filter.isEmpty()) {
                continue;
            }
            if (filter.equals("*")) {
                return true;
            }
            if (filter.startsWith("alias=")) {
                if (filter.substring("alias=".length()).equals(alias)) {
                    return true;
                }
                continue;
            }
            Pattern p = Pattern.compile(filter);
            if (p.matcher(clusterName).find() || (alias != null && !alias.isEmpty() && p.matcher(alias).find())) {
                return true;
            }
        }
        return false;
    }
}
