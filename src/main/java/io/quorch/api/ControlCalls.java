package io.quorch.api;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.quorch.api.dto.ApiResponse;
import io.quorch.control.ControlContext;
import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;

/** What the replication-control and instance routes share: arguments checked, one change per server, the state after. */
@ApplicationScoped
public class ControlCalls {

    private final ClusterLookup lookup;
    private final ControlContext control;

    public ControlCalls(ClusterLookup lookup, ControlContext control) {
        this.lookup = lookup;
        this.control = control;
    }

    /** Checks the arguments, runs the change, answers with the message and the state after. */
    public ApiResponse change(String host, String port, Function<InstanceKey, Instance> change,
            Function<InstanceKey, String> message) {
        InstanceKey key = ClusterLookup.key(host, port);
        lookup.instance(key);
        Instance after = control.exclusive(key, () -> change.apply(key));
        return ApiResponse.ok(message.apply(key), lookup.json(after));
    }
}
