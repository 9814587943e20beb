package io.quorch.topology;

import io.quorch.domain.GtidSet;
import io.quorch.domain.Instance;
import io.quorch.domain.MariaDbGtidPosition;
import io.quorch.domain.ServerState;

/**
 * Transactions a replica has that its primary does not: written on the replica itself. Only
 * transactions not originating on the primary are considered, so a primary probed a moment
 * before its replica never makes the replica look errant.
 */
public final class ErrantGtid {

    private ErrantGtid() {
    }

    /** The errant transactions of replica relative to master, empty when there are none. */
    public static String of(Instance replica, Instance master) {
        ServerState r = replica.state();
        ServerState m = master.state();
        try {
            if (!r.gtid().executed().isEmpty() && !m.gtid().executed().isEmpty()) {
                GtidSet errant = GtidSet.parse(r.gtid().executed()).subtract(GtidSet.parse(m.gtid().executed()));
                if (!m.serverUuid().isEmpty()) {
                    errant = errant.without(m.serverUuid());
                }
                return errant.toString();
            }
            if (!r.gtid().mariadbBinlogPos().isEmpty()) {
                MariaDbGtidPosition replicaPos = MariaDbGtidPosition.parse(r.gtid().mariadbBinlogPos());
                MariaDbGtidPosition masterPos = MariaDbGtidPosition.parse(m.gtid().mariadbBinlogPos());
                StringBuilder sb = new StringBuilder();
                for (MariaDbGtidPosition.Gtid g : replicaPos.byDomain().values()) {
                    if (g.serverId() == r.serverId() && g.serverId() != m.serverId()
                            && masterPos.sequence(g.domain()) < g.sequence()) {
                        sb.append(sb.isEmpty() ? "" : ",").append(g);
                    }
                }
                return sb.toString();
            }
        } catch (IllegalArgumentException e) {
            return "";
        }
        return "";
    }
}
