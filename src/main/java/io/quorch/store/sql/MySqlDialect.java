package io.quorch.store.sql;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A MySQL or MariaDB server as backend; the schema is created when missing. */
public final class MySqlDialect implements SqlDialect {

    private final String host;
    private final int port;
    private final String database;

    public MySqlDialect(String host, int port, String database) {
        this.host = host;
        this.port = port;
        this.database = database;
    }

    @Override
    public String name() {
        return "mysql";
    }

    @Override
    public String describe() {
        return "mysql " + host + ":" + port + "/" + database;
    }

    @Override
    public String jdbcUrl() {
        return "jdbc:mysql://" + host + ":" + port + "/" + database;
    }

    @Override
    public Class<?> driverClass() {
        return com.mysql.cj.jdbc.Driver.class;
    }

    @Override
    public Map<String, String> jdbcProperties() {
        // TLS and public key retrieval come from the MySQLOrchestrator* keys (BackendProducer)
        return Map.of(
                "createDatabaseIfNotExist", "true",
                "connectTimeout", "2000",
                "socketTimeout", "10000",
                "characterEncoding", "UTF-8",
                "connectionTimeZone", "UTC");
    }

    @Override
    public void prepare() {
        // the driver creates the schema on first connection (createDatabaseIfNotExist)
    }

    @Override
    public String ddl(String statement) {
        return statement.replace("{AUTO_ID}", "BIGINT AUTO_INCREMENT PRIMARY KEY")
                .replace("{TEXT}", "MEDIUMTEXT")
                .replace("{TABLE_OPTIONS}", " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
    }

    @Override
    public String upsert(String table, List<String> columns, List<String> keyColumns, List<String> rest) {
        List<String> updates = rest.isEmpty() ? List.of(keyColumns.get(0)) : rest;
        return insertPrefix(table, columns) + " ON DUPLICATE KEY UPDATE "
                + updates.stream().map(c -> c + " = VALUES(" + c + ")").collect(Collectors.joining(", "));
    }
}
