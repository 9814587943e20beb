package io.quorch.store.sql;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.quorch.testing.Sandbox;
import io.quorch.testing.TestBackend;

/** The backend contract on a real MariaDB server from scripts/sandbox, as the quorch user. */
class MySqlBackendIT extends BackendContract {

    private static Sandbox sandbox;

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

    @Override
    protected TestBackend openEmptyBackend() {
        sandbox.sql(sandbox.primaryPort(), "DROP DATABASE IF EXISTS quorch_backend");
        return TestBackend.open(new MySqlDialect("127.0.0.1", sandbox.primaryPort(), "quorch_backend"), "quorch",
                "quorch");
    }
}
