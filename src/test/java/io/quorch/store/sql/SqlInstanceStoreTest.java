package io.quorch.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.domain.InstanceKey;
import io.quorch.testing.TestBackend;
import io.quorch.topology.TopologyTestData;

/** Reading every instance skips the details this process wrote, and reads them again once another writer changed them. */
class SqlInstanceStoreTest {

    @TempDir
    Path dir;

    @Test
    void everyInstanceIsReadWithTheDetailsLastWrittenOrChangedSince() {
        try (TestBackend backend = TestBackend.sqlite(dir)) {
            backend.migrate();
            SqlInstanceStore store = backend.instances();
            InstanceKey a = new InstanceKey("db1", 3306);
            store.writeProbe(a, TopologyTestData.state(null, false, List.of()), Instant.ofEpochMilli(1000));
            assertFalse(store.readAll().get(0).state().readOnly());
            store.writeFailure(a, Instant.ofEpochMilli(2000), "gone");
            assertEquals(Instant.ofEpochMilli(2000), store.readAll().get(0).lastChecked(), "a failure is read");
            assertFalse(store.readAll().get(0).lastCheckValid());

            // another writer (an older process on the same file) changes the details and last_seen
            String details = backend.jdbc().queryOne("SELECT details FROM database_instance", rs -> rs.getString(1))
                    .orElseThrow().replace("\"readOnly\":false", "\"readOnly\":true");
            assertTrue(details.contains("\"readOnly\":true"), details);
            backend.jdbc().update("UPDATE database_instance SET details = ?, last_seen = 3000", details);
            assertTrue(store.readAll().get(0).state().readOnly(), "changed details are read again");
            assertEquals(Instant.ofEpochMilli(3000), store.readAll().get(0).lastSeen());
        }
    }
}
