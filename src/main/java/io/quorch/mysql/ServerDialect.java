package io.quorch.mysql;

import io.quorch.domain.Flavor;

/**
 * The statements that differ between server families and versions. MySQL 8.0.22+ speaks of
 * sources and replicas; MariaDB and older MySQL of masters and slaves.
 */
public record ServerDialect(
        String replicationStatusSql,
        String replicasSql,
        String binlogStatusSql,
        String gtidSql) {

    static final String MARIADB_GTID = "SELECT @@global.gtid_current_pos, @@global.gtid_slave_pos,"
            + " @@global.gtid_binlog_pos, @@global.gtid_strict_mode";
    static final String MYSQL_GTID = "SELECT @@global.server_uuid, @@global.gtid_mode, @@global.gtid_executed,"
            + " @@global.gtid_purged, @@global.super_read_only";

    public static ServerDialect of(Flavor flavor, String version) {
        if (flavor == Flavor.MARIADB) {
            return new ServerDialect("SHOW SLAVE STATUS", "SHOW SLAVE HOSTS", "SHOW MASTER STATUS", MARIADB_GTID);
        }
        int[] v = numbers(version);
        boolean replicaTerms = atLeast(v, 8, 0, 22);
        boolean binaryLogStatus = atLeast(v, 8, 2, 0);
        return new ServerDialect(
                replicaTerms ? "SHOW REPLICA STATUS" : "SHOW SLAVE STATUS",
                replicaTerms ? "SHOW REPLICAS" : "SHOW SLAVE HOSTS",
                binaryLogStatus ? "SHOW BINARY LOG STATUS" : "SHOW MASTER STATUS",
                MYSQL_GTID);
    }

    public boolean isMariaDb() {
        return gtidSql.equals(MARIADB_GTID);
    }

    static int[] numbers(String version) {
        int[] out = new int[3];
        String[] parts = version == null ? new String[0] : version.split("[.-]");
        for (int i = 0; i < 3 && i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i].replaceAll("\\D.*", ""));
            } catch (NumberFormatException e) {
                out[i] = 0;
            }
        }
        return out;
    }

    static boolean atLeast(int[] v, int major, int minor, int patch) {
        if (v[0] != major) {
            return v[0] > major;
        }
        if (v[1] != minor) {
            return v[1] > minor;
        }
        return v[2] >= patch;
    }
}
