package io.quorch.domain;

/** A server's own GTID state; fields of the other flavor stay empty. */
public record GtidState(
        /** MySQL @@gtid_mode ("OFF", "ON", ...); empty on MariaDB. */
        String gtidMode,
        /** MySQL @@gtid_executed. */
        String executed,
        /** MySQL @@gtid_purged. */
        String purged,
        /** MariaDB @@gtid_current_pos. */
        String mariadbCurrentPos,
        /** MariaDB @@gtid_slave_pos. */
        String mariadbSlavePos,
        /** MariaDB @@gtid_binlog_pos. */
        String mariadbBinlogPos,
        /** MariaDB @@gtid_strict_mode. */
        boolean mariadbStrictMode) {

    public static final GtidState NONE = new GtidState("", "", "", "", "", "", false);

    public boolean oracleGtidEnabled() {
        return gtidMode != null && gtidMode.toUpperCase(java.util.Locale.ROOT).startsWith("ON");
    }

    /** The executed set in the form tools expect: MySQL's gtid_executed, MariaDB's gtid_current_pos. */
    public String executedSet() {
        return executed != null && !executed.isEmpty() ? executed : mariadbCurrentPos == null ? "" : mariadbCurrentPos;
    }
}
