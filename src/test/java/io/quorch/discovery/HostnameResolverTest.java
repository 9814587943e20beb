package io.quorch.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quorch.domain.BinlogCoordinates;
import io.quorch.domain.DetectedValues;
import io.quorch.domain.Flavor;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.ReplicationStatus;
import io.quorch.domain.ServerState;

/** MySQLHostnameResolveMethod "@@report_host"/"@@hostname": servers are known by the name they declare. */
class HostnameResolverTest {

    static final InstanceKey REACHED = new InstanceKey("10.0.0.7", 3306);
    static final InstanceKey DECLARED = new InstanceKey("db-7.example.com", 3306);

    static ServerState state(String reportHost, InstanceKey master) {
        ReplicationStatus r = master == null ? null : new ReplicationStatus(master, true, true, "Yes", "",
                BinlogCoordinates.NONE, BinlogCoordinates.NONE, BinlogCoordinates.NONE, "", "", 0, 0, 0L, 0, "", 1,
                false, "Slave_Pos", "", "", false);
        return new ServerState(7, "", "10.11.19-MariaDB", "", Flavor.MARIADB, false, false, true, true, "ROW", "FULL",
                null, r, null, null, List.of(), "", "", "", "", 1, 1,
                new DetectedValues(null, "", null, null, reportHost));
    }

    @Test
    void aServerReachedUnderAnotherNameIsKnownByTheOneItDeclares() {
        HostnameResolver names = new HostnameResolver(true, h -> true);
        assertEquals(DECLARED, names.learn(REACHED, state("db-7.example.com", null)));
        assertEquals(DECLARED, names.resolve(REACHED));
        // a replica configured with the primary's address names it by its declared name
        ServerState replica = state("db-8.example.com", REACHED);
        assertEquals(DECLARED, names.resolveMaster(replica).masterKey());
        names.forget(DECLARED);
        assertEquals(REACHED, names.resolve(REACHED));
    }

    @Test
    void noReportHostTheSameNameOrMethodNoneChangeNothing() {
        HostnameResolver names = new HostnameResolver(true, h -> true);
        assertEquals(REACHED, names.learn(REACHED, state("", null)));
        assertEquals(REACHED, names.learn(REACHED, state("10.0.0.7", null)));
        assertEquals(REACHED, new HostnameResolver(false, h -> true).learn(REACHED, state("db-7.example.com", null)));
        ServerState primary = state("", null);
        assertSame(primary, names.resolveMaster(primary));
    }

    @Test
    void aDeclaredNameThatDoesNotResolveIsNotAdopted() {
        HostnameResolver names = new HostnameResolver(true, h -> !h.equals("db-7.example.com"));
        assertEquals(REACHED, names.learn(REACHED, state("db-7.example.com", null)));
        assertEquals(REACHED, names.resolve(REACHED));
        assertEquals(false, HostnameResolver.resolves("no-such-host.invalid"));
        assertEquals(true, HostnameResolver.resolves("127.0.0.1"));
    }
}
