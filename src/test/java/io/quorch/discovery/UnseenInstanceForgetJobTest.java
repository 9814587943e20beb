package io.quorch.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.ServerState;

/** UnseenInstanceForgetHours: who is forgotten. */
class UnseenInstanceForgetJobTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static final Instant STARTED = NOW.minus(Duration.ofHours(1));

    static Instance seen(int port, Instant lastSeen, Instant lastChecked) {
        ServerState s = new ServerState(port, "", "10.11.19-MariaDB", "", io.quorch.domain.Flavor.MARIADB, false,
                false, true, true, "ROW", "FULL", null, null, null, null, List.of(), "", "", "", "", 1, 1);
        return new Instance(new InstanceKey("127.0.0.1", port), s, "c", 0, lastChecked, lastSeen, false, 3, "down");
    }

    @Test
    void aServerUnseenLongerThanTheLimitAndTriedSinceStartIsForgotten() {
        List<Instance> all = List.of(
                seen(1, NOW.minus(Duration.ofHours(25)), NOW.minusSeconds(5)),
                seen(2, NOW.minus(Duration.ofHours(23)), NOW.minusSeconds(5)),
                // unseen for long, but not tried since this node started: the node may just be back
                seen(3, NOW.minus(Duration.ofHours(300)), STARTED.minusSeconds(60)));
        assertEquals(List.of(new InstanceKey("127.0.0.1", 1)),
                UnseenInstanceForgetJob.unseen(all, NOW, Duration.ofHours(24), STARTED));
    }
}
