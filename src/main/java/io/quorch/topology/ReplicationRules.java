package io.quorch.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.quorch.domain.Flavor;
import io.quorch.domain.GtidSet;
import io.quorch.domain.Instance;
import io.quorch.domain.InstanceKey;
import io.quorch.domain.MariaDbGtidPosition;
import io.quorch.domain.ReplicationStatus;
import io.quorch.domain.ServerState;

/**
 * Whether one server can replicate from another, and whether a server may be moved now: orchestrator's
 * checks (go/inst/instance.go CanReplicateFrom, CanMove) with its wording, which scripts grep. Each check
 * answers the refusal, or empty when the move is allowed.
 */
public final class ReplicationRules {

    private ReplicationRules() {
    }

    /** orchestrator's CanReplicateFrom: can replica (once moved) replicate from source at all? */
    public static Optional<String> canReplicateFrom(Instance replica, Instance source) {
        ServerState r = replica.state();
        ServerState s = source.state();
        if (replica.key().equals(source.key())) {
            return Optional.of("instance cannot replicate from itself: " + replica.key());
        }
        if (!s.logBinEnabled()) {
            return Optional.of("instance does not have binary logs enabled: " + source.key());
        }
        if (s.isReplica() && !s.logReplicationUpdatesEnabled()) {
            return Optional.of("instance does not have log_slave_updates enabled: " + source.key());
        }
        if (smallerMajorVersion(r.version(), s.version())) {
            return Optional.of("instance " + replica.key() + " has version " + r.version() + ", which is lower than "
                    + s.version() + " on " + source.key());
        }
        if (r.logBinEnabled() && r.logReplicationUpdatesEnabled()
                && binlogFormatRank(r.binlogFormat()) < binlogFormatRank(s.binlogFormat())) {
            return Optional.of("Cannot replicate from " + s.binlogFormat() + " binlog format on " + source.key() + " to "
                    + r.binlogFormat() + " on " + replica.key());
        }
        if (r.serverId() == s.serverId()) {
            return Optional.of("Identical server id: " + source.key() + ", " + replica.key() + " both have "
                    + r.serverId());
        }
        return Optional.empty();
    }

    /** orchestrator's canMoveViaGTID: the replica uses GTID and the source speaks the same GTID. */
    public static boolean gtidCompatible(Instance replica, Instance source) {
        ServerState r = replica.state();
        ServerState s = source.state();
        boolean oracle = r.usingOracleGtid() && s.gtid().oracleGtidEnabled();
        boolean mariadb = r.usingMariaDbGtid() && s.flavor() == Flavor.MARIADB;
        return oracle || mariadb;
    }

    public static Optional<String> canMoveViaGtid(Instance replica, Instance source) {
        if (!gtidCompatible(replica, source)) {
            return Optional.of("Cannot move via GTID as not both instances use GTID: " + replica.key() + ", "
                    + source.key());
        }
        return Optional.empty();
    }

    /**
     * A GTID move needs the new source to hold every transaction the replica has executed (else the replica
     * has transactions the source never had, or asks for a position the source does not know) and not to have
     * purged any the replica still lacks.
     */
    public static Optional<String> hasNeededTransactions(Instance replica, Instance source) {
        ServerState r = replica.state();
        ServerState s = source.state();
        try {
            if (r.flavor() == Flavor.MARIADB && s.flavor() == Flavor.MARIADB) {
                MariaDbGtidPosition wanted = MariaDbGtidPosition.parse(r.gtid().mariadbSlavePos());
                MariaDbGtidPosition has = MariaDbGtidPosition.parse(s.gtid().mariadbCurrentPos());
                if (!has.atLeast(wanted)) {
                    return Optional.of(source.key() + " has not got all transactions " + replica.key()
                            + " has applied (gtid_slave_pos " + wanted + ", source gtid_current_pos " + has + ")");
                }
                return Optional.empty();
            }
            GtidSet executed = GtidSet.parse(r.gtid().executed());
            GtidSet sourceExecuted = GtidSet.parse(s.gtid().executed());
            GtidSet missing = executed.subtract(sourceExecuted);
            if (!missing.isEmpty()) {
                return Optional.of(replica.key() + " has transactions " + source.key() + " has not: " + missing);
            }
            GtidSet purgedNeeded = GtidSet.parse(s.gtid().purged()).subtract(executed);
            if (!purgedNeeded.isEmpty()) {
                return Optional.of(source.key() + " has purged transactions " + replica.key() + " still needs: "
                        + purgedNeeded);
            }
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("cannot compare GTID positions of " + replica.key() + " and " + source.key() + ": "
                    + e.getMessage());
        }
    }

    /** orchestrator's CanMove: valid, recently checked, replicating, and lag known and reasonable. */
    public static Optional<String> canMove(Instance i, Instant now, Duration pollInterval, int maxLagSeconds) {
        Optional<String> checked = canMoveViaMatch(i, now, pollInterval);
        if (checked.isPresent()) {
            return checked;
        }
        ReplicationStatus r = i.state().replication();
        if (r == null || !r.sqlThreadRunning() || !r.ioThreadRunning()) {
            return Optional.of(i.key() + ": instance is not replicating");
        }
        if (r.secondsBehindMaster() == null) {
            return Optional.of(i.key() + ": cannot determine slave lag");
        }
        if (!reasonableLag(r, maxLagSeconds)) {
            return Optional.of(i.key() + ": lags too much");
        }
        return Optional.empty();
    }

    /** orchestrator's CanMoveViaMatch and CanMoveAsCoMaster: the last check was valid and is recent. */
    public static Optional<String> canMoveViaMatch(Instance i, Instant now, Duration pollInterval) {
        if (!i.lastCheckValid()) {
            return Optional.of(i.key() + ": last check invalid");
        }
        if (!i.isUpToDate(now, pollInterval)) {
            return Optional.of(i.key() + ": not recently checked");
        }
        return Optional.empty();
    }

    /** Delayed replicas lag by design: their lag counts beyond their SQL delay (orchestrator's rule). */
    static boolean reasonableLag(ReplicationStatus r, int maxLagSeconds) {
        long lag = r.secondsBehindMaster() == null ? 0 : r.secondsBehindMaster();
        if (r.sqlDelay() > 0) {
            return Math.abs(lag - r.sqlDelay()) <= maxLagSeconds;
        }
        return lag <= maxLagSeconds;
    }

    /** Whether candidate replicates, directly or through others, from ancestor (a cycle if ancestor moved under it). */
    public static boolean isDescendantOf(InstanceKey candidate, InstanceKey ancestor, Map<InstanceKey, Instance> all) {
        Set<InstanceKey> seen = new HashSet<>();
        InstanceKey k = candidate;
        while (k != null && seen.add(k)) {
            Instance i = all.get(k);
            InstanceKey master = i == null ? null : i.masterKey();
            if (ancestor.equals(master)) {
                return true;
            }
            k = master;
        }
        return false;
    }

    /** STATEMENT < MIXED < ROW: a replica logging a smaller format cannot relay a larger one. */
    static int binlogFormatRank(String format) {
        return switch (format == null ? "" : format.toUpperCase(Locale.ROOT)) {
            case "STATEMENT" -> 0;
            case "MIXED" -> 1;
            case "ROW" -> 2;
            default -> 0;
        };
    }

    /** Whether a's major version (first two numbers) is lower than b's. */
    static boolean smallerMajorVersion(String a, String b) {
        int[] x = major(a);
        int[] y = major(b);
        return x[0] != y[0] ? x[0] < y[0] : x[1] < y[1];
    }

    private static int[] major(String version) {
        int[] out = new int[2];
        String[] parts = (version == null ? "" : version).split("[.-]");
        for (int i = 0; i < 2 && i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i].replaceAll("\\D.*", ""));
            } catch (NumberFormatException e) {
                out[i] = 0;
            }
        }
        return out;
    }
}
