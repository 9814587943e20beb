package io.quorch.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.quorch.domain.Downtime;
import io.quorch.domain.InstanceKey;

public interface DowntimeStore {

    void begin(Downtime downtime);

    boolean end(InstanceKey key);

    Optional<Downtime> active(InstanceKey key, Instant now);

    List<Downtime> allActive(Instant now);
}
