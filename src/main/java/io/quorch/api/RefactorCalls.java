package io.quorch.api;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.quorch.api.dto.ApiResponse;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.Text;
import io.quorch.recovery.LeadershipLostException;
import io.quorch.refactor.RefactorException;
import io.quorch.refactor.RefactorService;
import io.quorch.refactor.RefactorService.Outcome;
import io.quorch.topology.MovePlan;
import io.quorch.topology.TopologySnapshot;

/** What the refactoring routes share: arguments checked, the service called, its outcome in orchestrator's answer. */
@ApplicationScoped
public class RefactorCalls {

    private final ClusterLookup lookup;
    private final RefactorService refactor;

    public RefactorCalls(ClusterLookup lookup, RefactorService refactor) {
        this.lookup = lookup;
        this.refactor = refactor;
    }

    /** An operation on one server: Details is the subject's fresh instance JSON. */
    public ApiResponse one(String who, Function<TopologySnapshot, MovePlan> planner, Function<Outcome, String> message,
            InstanceKey... keys) {
        Outcome o = run(who, planner, keys);
        return ApiResponse.ok(message.apply(o), lookup.json(o.subject()));
    }

    /** An operation over replicas: Details is the list of moved replicas, fresh. */
    public ApiResponse many(String who, Function<TopologySnapshot, MovePlan> planner, Function<Outcome, String> message,
            InstanceKey... keys) {
        Outcome o = run(who, planner, keys);
        return ApiResponse.ok(message.apply(o), lookup.json(o.moved()));
    }

    /** A question answered from fresh state; nothing changes. */
    public <T> T check(Function<TopologySnapshot, T> question, InstanceKey... keys) {
        for (InstanceKey k : keys) {
            lookup.instance(k);
        }
        try {
            return refactor.check(question, keys);
        } catch (RefactorException e) {
            throw new ApiException(e.status(), e.getMessage());
        }
    }

    private Outcome run(String who, Function<TopologySnapshot, MovePlan> planner, InstanceKey... keys) {
        for (InstanceKey k : keys) {
            lookup.instance(k);
        }
        try {
            return refactor.run(Text.line(who, 100), planner, keys);
        } catch (RefactorException e) {
            throw new ApiException(e.status(), e.getMessage());
        } catch (LeadershipLostException e) {
            throw new ApiException(503, e.getMessage());
        }
    }

    /** " ; 2 errors: a; b" or "" . */
    static String errors(Outcome o) {
        return o.errors().isEmpty() ? "" : "; " + o.errors().size() + " errors: " + String.join("; ", o.errors());
    }
}
