package io.quorch.testing;

import java.util.HashMap;
import java.util.Map;

/** Settings every test profile against the sandbox shares: fast polling, the sandbox's credentials, short timeouts. */
public final class SandboxAccess {

    private SandboxAccess() {
    }

    /** The shared settings, then the profile's own (which win). */
    public static Map<String, String> with(Map<String, String> own) {
        Map<String, String> all = new HashMap<>(Map.of(
                "quorch.discovery.instance-poll-seconds", "0.5",
                "quorch.mysql.user", "quorch",
                "quorch.mysql.password", "quorch",
                "quorch.mysql.connect-timeout-seconds", "0.5",
                "quorch.mysql.read-timeout-seconds", "1"));
        all.putAll(own);
        return Map.copyOf(all);
    }
}
