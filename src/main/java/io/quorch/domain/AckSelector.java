package io.quorch.domain;

/** Which unacknowledged recoveries an acknowledgement covers. */
public sealed interface AckSelector {

    record All() implements AckSelector {
    }

    record Cluster(String clusterName) implements AckSelector {
    }

    record Id(long id) implements AckSelector {
    }

    record Uid(String uid) implements AckSelector {
    }

    record Instance(InstanceKey key) implements AckSelector {
    }
}
