package ma.forsa.audit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import ma.forsa.common.db.Db;
import ma.forsa.common.db.Sql;

/**
 * READ_PERSONAL events are committed on a connection of their own, taken from the reactive pool's budget: with every
 * connection of the request pool held, a read's audit still commits at once (it never waits behind reads), and the
 * request pool opens one connection fewer than quarkus.datasource.reactive.max-size (the budget per replica holds).
 */
@QuarkusTest
class AuditConnectionTest {

    @Inject
    Pool pool;

    @Inject
    ReadAuditBatch batch;

    @Inject
    Db db;

    @ConfigProperty(name = "quarkus.datasource.reactive.max-size")
    int maxSize;

    @Test
    void aReadsAuditCommitsWhileEveryRequestConnectionIsHeld_andThePoolKeepsOneForIt() throws Exception {
        String request = "audit-connection-" + UUID.randomUUID();
        List<SqlConnection> held = new ArrayList<>();
        CompletableFuture<SqlConnection> beyond = null;
        try {
            for (int i = 0; i < maxSize - 1; i++) {
                held.add(pool.getConnection().await().atMost(Duration.ofSeconds(10)));
            }
            // the pool has no connection left for anyone: the next one waits (released below)
            beyond = pool.getConnection().subscribeAsCompletionStage().toCompletableFuture();

            CompletableFuture<Void> audited = batch.append(List.of(new ReadAuditBatch.Event("audit-connection-test",
                    "ADMIN", UUID.randomUUID().toString(), null, request))).subscribeAsCompletionStage().toCompletableFuture();
            // well within forsa.db.acquire-timeout (5 s), which an audit queued behind the held connections would wait
            await().atMost(Duration.ofSeconds(3)).until(audited::isDone);
            assertFalse(audited.isCompletedExceptionally(), "the audit failed: " + audited);
            assertFalse(beyond.isDone(), "the request pool opened " + maxSize + " connections: the audit's one is not kept apart");

            held.remove(0).closeAndAwait(); // hands its connection to the waiting one
            beyond.get(10, TimeUnit.SECONDS);
        } finally {
            held.forEach(SqlConnection::closeAndAwait);
            if (beyond != null) {
                beyond.thenAccept(c -> c.close().subscribe().with(v -> { }, e -> { }));
            }
        }
        assertEquals(1, db.count(Sql.of("SELECT count(*) FROM audit_event WHERE request_id = ? AND action = 'READ_PERSONAL'",
                request)).await().atMost(Duration.ofSeconds(10)));
    }
}
