package io.quorch.discovery;

import io.quorch.domain.InstanceKey;
import io.quorch.domain.ServerState;

/** A probed server's state for tests of other packages. */
public final class HostnameResolverTestAccess {

    private HostnameResolverTestAccess() {
    }

    public static ServerState state(String reportHost, InstanceKey master) {
        return HostnameResolverTest.state(reportHost, master);
    }
}
