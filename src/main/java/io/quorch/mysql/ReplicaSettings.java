package io.quorch.mysql;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import io.quorch.domain.BinlogCoordinates;
import io.quorch.domain.InstanceKey;

/**
 * How a replica replicates, read from SHOW SLAVE STATUS before its source changes: where from, how far,
 * as which user, and its MASTER_SSL* settings, so a move keeps the credentials and TLS settings and can
 * say what it found and left. The password cannot be read back: CHANGE MASTER never names it, so it stays.
 *
 * @param exec        executed position in the source's binary logs (Relay_Master_Log_File:Exec_Master_Log_Pos)
 * @param appliedGtid MariaDB gtid_slave_pos, MySQL gtid_executed
 * @param ssl         CHANGE MASTER option (MASTER_SSL, MASTER_SSL_CA, ...) to its current value
 */
public record ReplicaSettings(
        InstanceKey master,
        String user,
        BinlogCoordinates exec,
        boolean ioRunning,
        boolean sqlRunning,
        String appliedGtid,
        Map<String, String> ssl) {

    /** SHOW SLAVE STATUS column to the CHANGE MASTER option that sets it. */
    static final Map<String, String> SSL_COLUMNS = sslColumns();

    public ReplicaSettings {
        ssl = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ssl));
    }

    private static Map<String, String> sslColumns() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Master_SSL_Allowed", "MASTER_SSL");
        m.put("Master_SSL_CA_File", "MASTER_SSL_CA");
        m.put("Master_SSL_CA_Path", "MASTER_SSL_CAPATH");
        m.put("Master_SSL_Cert", "MASTER_SSL_CERT");
        m.put("Master_SSL_Cipher", "MASTER_SSL_CIPHER");
        m.put("Master_SSL_Key", "MASTER_SSL_KEY");
        m.put("Master_SSL_Verify_Server_Cert", "MASTER_SSL_VERIFY_SERVER_CERT");
        m.put("Master_SSL_Crl", "MASTER_SSL_CRL");
        m.put("Master_SSL_Crlpath", "MASTER_SSL_CRLPATH");
        return m;
    }

    static ReplicaSettings of(StatusRow row, String appliedGtid) {
        Map<String, String> ssl = new LinkedHashMap<>();
        SSL_COLUMNS.forEach((column, option) -> {
            if (row.has(column)) {
                String v = row.string(column);
                boolean flag = option.equals("MASTER_SSL") || option.equals("MASTER_SSL_VERIFY_SERVER_CERT");
                ssl.put(option, flag ? (row.yes(column) ? "1" : "0") : v);
            }
        });
        InstanceKey master = null;
        String host = row.string("Master_Host");
        if (!host.isBlank()) {
            try {
                master = new InstanceKey(host, (int) row.longValue("Master_Port"));
            } catch (IllegalArgumentException e) {
                master = null;
            }
        }
        return new ReplicaSettings(master, row.string("Master_User"),
                new BinlogCoordinates(row.string("Relay_Master_Log_File"), row.longValue("Exec_Master_Log_Pos")),
                row.yes("Slave_IO_Running"), row.yes("Slave_SQL_Running"), appliedGtid == null ? "" : appliedGtid,
                ssl);
    }

    /** Whether the credentials and TLS settings are the same as in before. */
    public boolean keeps(ReplicaSettings before) {
        return before == null || (user.equals(before.user) && ssl.equals(before.ssl));
    }

    /** "user repl, MASTER_SSL=0": what a move keeps, for the audit (no secret is readable here). */
    public String describeKept() {
        String tls = ssl.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
        return "user " + (user.isEmpty() ? "(none)" : user) + (tls.isEmpty() ? "" : ", " + tls);
    }
}
