package io.quorch.store.sql;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import io.agroal.api.AgroalDataSource;
import io.quorch.testing.Sandbox;

/** The backend contract on a real MariaDB server from scripts/sandbox, as the quorch user. */
class MySqlBackendIT extends BackendContract {

    private static Sandbox sandbox;

    private MySqlDialect dialect;
    private AgroalDataSource dataSource;
    private Jdbc jdbc;

    @BeforeAll
    static void up() {
        sandbox = Sandbox.up("mysql-backend", 0, false);
    }

    @AfterAll
    static void down() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @BeforeEach
    void open() {
        sandbox.sql(sandbox.primaryPort(), "DROP DATABASE IF EXISTS quorch_backend");
        dialect = new MySqlDialect("127.0.0.1", sandbox.primaryPort(), "quorch_backend");
        dataSource = BackendProducer.pool(dialect, "quorch", "quorch", 4);
        jdbc = new Jdbc(dataSource);
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    @Override
    protected Jdbc jdbc() {
        return jdbc;
    }

    @Override
    protected SqlDialect dialect() {
        return dialect;
    }
}
