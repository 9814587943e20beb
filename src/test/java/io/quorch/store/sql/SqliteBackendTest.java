package io.quorch.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quorch.testing.TestBackend;

/** The backend contract on a real SQLite file, in a directory that does not exist yet. */
class SqliteBackendTest extends BackendContract {

    @TempDir
    Path dir;

    @Override
    protected TestBackend openEmptyBackend() {
        return TestBackend.open(new SqliteDialect(dir.resolve("nested/dirs/quorch.db")), "", "");
    }

    /**
     * A transaction that reads, then writes (every one quorch runs: ids, upserts with a check) must not fail
     * with SQLITE_BUSY_SNAPSHOT when another connection writes in between: it holds the write lock from its
     * start, so the other write waits for it instead of invalidating its snapshot.
     */
    @Test
    void aWriteBetweenATransactionsReadAndItsWriteWaitsInsteadOfFailingIt() throws Exception {
        new SchemaMigrator(jdbc(), dialect(), Migrations.all()).migrate();
        jdbc().update("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER)");
        jdbc().update("INSERT INTO counter VALUES (1, 0)");
        java.util.concurrent.CountDownLatch read = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CompletableFuture<Integer> other = new java.util.concurrent.CompletableFuture<>();
        int seen = jdbc().inTransaction(c -> {
            int n = Jdbc.query(c, "SELECT n FROM counter WHERE id = 1", rs -> rs.getInt(1)).get(0);
            Thread.ofVirtual().start(() -> {
                read.countDown();
                try {
                    other.complete(jdbc().update("UPDATE counter SET n = n + 10 WHERE id = 1"));
                } catch (RuntimeException e) {
                    other.completeExceptionally(e);
                }
            });
            awaitThenPause(read);
            Jdbc.update(c, "UPDATE counter SET n = ? WHERE id = 1", n + 1);
            return n;
        });
        assertEquals(0, seen);
        assertEquals(1, other.get(15, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(11, jdbc().queryOne("SELECT n FROM counter WHERE id = 1", rs -> rs.getInt(1)).orElseThrow());
    }

    private static void awaitThenPause(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
            // the other write starts meanwhile: it either waits for this transaction or commits before it
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void createsTheFileInWalMode() {
        new SchemaMigrator(jdbc(), dialect(), Migrations.all()).migrate();
        assertTrue(Files.exists(dir.resolve("nested/dirs/quorch.db")));
        assertEquals("wal", jdbc().queryOne("PRAGMA journal_mode", rs -> rs.getString(1)).orElseThrow());
    }
}
