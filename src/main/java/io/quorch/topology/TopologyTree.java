package io.quorch.topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;

/** Replication trees over a set of instances: roots are servers whose primary is not in the set. */
public final class TopologyTree {

    /** An instance and its depth below its tree's root, in depth-first order. */
    public record Node(Instance instance, int depth) {
    }

    private TopologyTree() {
    }

    public static List<Node> depthFirst(List<Instance> instances) {
        Map<InstanceKey, Instance> byKey = new LinkedHashMap<>();
        instances.stream().sorted(Comparator.comparing(Instance::key)).forEach(i -> byKey.put(i.key(), i));
        Map<InstanceKey, List<Instance>> children = new LinkedHashMap<>();
        List<Instance> roots = new ArrayList<>();
        for (Instance i : byKey.values()) {
            InstanceKey master = i.masterKey();
            if (master == null || !byKey.containsKey(master) || master.equals(i.key())) {
                roots.add(i);
            } else {
                children.computeIfAbsent(master, k -> new ArrayList<>()).add(i);
            }
        }
        List<Node> out = new ArrayList<>();
        Set<InstanceKey> visited = new HashSet<>();
        for (Instance root : roots) {
            walk(root, 0, children, visited, out);
        }
        // co-primaries replicating from each other have no root: start from the smallest key
        for (Instance i : byKey.values()) {
            if (!visited.contains(i.key())) {
                walk(i, 0, children, visited, out);
            }
        }
        return out;
    }

    private static void walk(Instance i, int depth, Map<InstanceKey, List<Instance>> children,
            Set<InstanceKey> visited, List<Node> out) {
        if (!visited.add(i.key())) {
            return;
        }
        out.add(new Node(i, depth));
        for (Instance child : children.getOrDefault(i.key(), List.of())) {
            walk(child, depth + 1, children, visited, out);
        }
    }
}
