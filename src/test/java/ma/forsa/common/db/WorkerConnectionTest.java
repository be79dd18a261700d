package ma.forsa.common.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The bulk import's connection ({@link WorkerConnection}): which statements PostgreSQL keeps prepared, transactions
 * begun by the first statement and ended by commit or rollback, statements sent without waiting that run in order and
 * report the first failure.
 */
@QuarkusTest
class WorkerConnectionTest {

    @Inject
    Db db;

    /** Statements of this connection PostgreSQL keeps prepared whose text holds {@code marker}. */
    private static int kept(WorkerConnection c, String marker) {
        // the marker is split so that this statement's own text does not hold it
        return c.query(Sql.of("SELECT count(*)::int FROM pg_prepared_statements WHERE statement LIKE '%' || ? || ? || '%'",
                marker.substring(0, 3), marker.substring(3))).iterator().next().getInteger(0);
    }

    @Test
    void lookUpsStayPreparedAndTheDuplicateProbeIsPlannedEachTime() {
        try (WorkerConnection c = db.worker()) {
            c.autoCommit(true);
            c.query(Sql.of("SELECT 1 AS kept_marker"));
            c.query(Sql.of("SELECT 1 AS kept_marker"));
            c.queryPlannedEachTime(Sql.of("SELECT 1 AS unnamed_marker"));
            assertEquals(1, kept(c, "kept_marker"), "prepared once, kept for the connection's life");
            assertEquals(0, kept(c, "unnamed_marker"), "an unnamed statement, whatever the pool's statement cache");
        }
    }

    @Test
    void theFirstStatementBeginsATransactionThatCommitOrRollbackEnds() {
        String name = "wc_" + Long.toHexString(System.nanoTime());
        try (WorkerConnection c = db.worker()) {
            c.execute("CREATE TABLE " + name + " (n int)");
            c.commit();
            c.update(Sql.of("INSERT INTO " + name + " VALUES (1)"));
            c.rollback();
            c.update(Sql.of("INSERT INTO " + name + " VALUES (2)"));
            c.commit();
            c.update(Sql.of("INSERT INTO " + name + " VALUES (3)")); // left open: close() rolls it back
            assertEquals(List.of(2, 3), values(c, name));
        }
        try (WorkerConnection c = db.worker()) {
            c.autoCommit(true);
            assertEquals(List.of(2), values(c, name), "committed: 2; rolled back: 1, and 3 when the connection closed");
            c.execute("DROP TABLE " + name);
        }
    }

    @Test
    void statementsSentWithoutWaitingRunInOrderAndTheFirstFailureIsThrown() {
        String name = "ws_" + Long.toHexString(System.nanoTime());
        try (WorkerConnection c = db.worker()) {
            c.execute("CREATE TEMP TABLE " + name + " (n int PRIMARY KEY)");
            List<WorkerConnection.Sent> sent = List.of(c.send(Sql.of("INSERT INTO " + name + " SELECT generate_series(1, 100)")),
                    c.send(Sql.of("UPDATE " + name + " SET n = n + 1000 WHERE n <= 50")));
            WorkerConnection.awaitAll(sent);
            assertEquals(50, c.query(Sql.of("SELECT count(*)::int FROM " + name + " WHERE n > 1000")).iterator().next()
                    .getInteger(0));
            c.commit();

            List<WorkerConnection.Sent> failing = List.of(c.send(Sql.of("INSERT INTO " + name + " VALUES (1001)")),
                    c.send(Sql.of("INSERT INTO " + name + " VALUES (7)")));
            WorkerConnection.Failure failure = assertThrows(WorkerConnection.Failure.class, () -> WorkerConnection.awaitAll(failing));
            assertEquals("23505", failure.sqlState(), "the first statement's unique violation, not the aborted transaction's");
            c.rollback();
            assertEquals(100, c.query(Sql.of("SELECT count(*)::int FROM " + name)).iterator().next().getInteger(0));
        }
    }

    private static List<Integer> values(WorkerConnection c, String table) {
        List<Integer> out = new java.util.ArrayList<>();
        c.query(Sql.of("SELECT n FROM " + table + " ORDER BY n")).forEach(r -> out.add(r.getInteger(0)));
        return out;
    }
}
