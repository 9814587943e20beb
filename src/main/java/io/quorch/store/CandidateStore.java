package io.quorch.store;

import java.time.Instant;
import java.util.Map;

import io.quorch.domain.InstanceKey;
import io.quorch.domain.PromotionRule;

/** Promotion rules registered per server; each lasts CandidateInstanceExpireMinutes. */
public interface CandidateStore {

    void register(InstanceKey key, PromotionRule rule, Instant at);

    /** Rules registered since the given time. */
    Map<InstanceKey, PromotionRule> registeredSince(Instant since);
}
