package ma.forsa.common.db;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import ma.forsa.agreement.Partners;
import ma.forsa.support.OwnPostgres;
import ma.forsa.support.Tokens;

/**
 * The service against a PostgreSQL the test owns (OwnPostgres), under writes all along: crashed, requests fail within
 * the deadline and readiness answers DOWN; restarted, the service recovers by itself; frozen (SIGSTOP), requests fail
 * within the deadline instead of hanging and readiness answers DOWN within its own; thawed, it recovers again; and
 * every write acknowledged before (or between) the faults is in the database at the end.
 */
@QuarkusTest
@TestProfile(OwnPostgres.class)
class DatabaseFaultsTest {

    /** A request may take the response deadline (statement timeout + margin, 3 s) plus slack for a busy machine. */
    static final Duration REQUEST_LIMIT = OwnPostgres.RESPONSE_DEADLINE.plusSeconds(3);
    /** Readiness answers within forsa.db.readiness-timeout (1 s) plus slack. */
    static final Duration READINESS_LIMIT = Duration.ofMillis(2500);
    static final Duration RECOVERY = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CREATE = "mutation($in: AssociationInput!) { createAssociation(input: $in) { id } }";
    private static final String READ = "query($id: ID!) { association(id: $id) { id name } }";
    private static final String STATS = "{ statistics(groupBy: []) { enrolled } }";

    @TestHTTPResource("/graphql")
    URI graphql;

    @TestHTTPResource("/q/health/ready")
    URI ready;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String admin = Tokens.admin();

    @jakarta.inject.Inject
    Db db;

    @Test
    void aLongSetBasedJobOutlivesTheRequestDeadlineAndARequestDoesNot() {
        // statement timeout 2 s + margin 1 s here: a 4-second statement fails on a request's transaction...
        org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> db.transaction(c -> c.execute(
                Sql.of("SELECT pg_sleep(4)"))).await().atMost(Duration.ofSeconds(30)));
        // ...and completes in a job's, whose deadline is its own (the demo generator at a million learners)
        assertEquals(1, db.longTransaction(Duration.ofSeconds(20), c -> c.execute(Sql.of("SELECT pg_sleep(4)")))
                .await().atMost(Duration.ofSeconds(30)).rowCount());
        // a request's transaction that lifts the server's limit itself is still cut by the client-side deadline
        org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> db.transaction(c -> c.execute(
                Sql.of("SET LOCAL statement_timeout = 10000")).chain(() -> c.execute(Sql.of("SELECT pg_sleep(4)"))))
                .await().atMost(Duration.ofSeconds(30)));
    }

    @Test
    void requestsFailWithinTheDeadlineWhilePostgresIsDownOrFrozenAndNothingAcknowledgedIsLost() throws Exception {
        Writer writer = new Writer();
        boolean frozen = false;
        try {
            String known = id(post(CREATE, Map.of("in", Partners.associationInput("CAS"))));
            assertEquals(200, status(ready));
            writer.start();
            await().atMost(RECOVERY).until(() -> writer.acknowledged.size() >= 3);

            // Crashed (immediate shutdown, as a power cut would).
            OwnPostgres.crash();
            assertFailsInTime("stopped: read", READ, Map.of("id", known));
            assertFailsInTime("stopped: write", CREATE, Map.of("in", Partners.associationInput("CAS")));
            assertDownInTime("stopped");

            // Restarted: the same process serves again, without a restart of its own.
            long restarted = System.nanoTime();
            OwnPostgres.restart();
            awaitRecovery(known, writer);
            log("restarted: serving again after %d ms", millisSince(restarted));

            // Frozen: the port accepts connections, nothing ever answers.
            int before = writer.acknowledged.size();
            OwnPostgres.freeze();
            frozen = true;
            assertFailsInTime("frozen: read", READ, Map.of("id", known));
            assertFailsInTime("frozen: write", CREATE, Map.of("in", Partners.associationInput("CAS")));
            assertFailsInTime("frozen: statistics (analytics pool)", STATS, Map.of());
            assertDownInTime("frozen");
            // One write may have been on its way when the server froze; none after it.
            assertTrue(writer.acknowledged.size() <= before + 1, "no write is acknowledged by a frozen database");

            long thawed = System.nanoTime();
            OwnPostgres.thaw();
            frozen = false;
            awaitRecovery(known, writer);
            log("thawed: serving again after %d ms", millisSince(thawed));
        } finally {
            if (frozen) {
                OwnPostgres.thaw();
            }
            writer.stop();
        }

        log("writer: %d acknowledged, %d failed, slowest answer %d ms", writer.acknowledged.size(), writer.failed.get(),
                writer.slowest.get());
        assertTrue(writer.failed.get() > 0, "the writer met the faults");
        assertTrue(writer.slowest.get() <= REQUEST_LIMIT.toMillis(), "no write hung: slowest " + writer.slowest.get() + " ms");
        List<UUID> ids = writer.acknowledged.stream().map(UUID::fromString).toList();
        assertEquals(ids.size(), present(ids), "every acknowledged write is in the database");
    }

    // ---------------------------------------------------------------- checks

    private void assertFailsInTime(String what, String query, Map<String, Object> variables) throws Exception {
        long start = System.nanoTime();
        JsonNode response = post(query, variables);
        long took = millisSince(start);
        log("%s: failed in %d ms", what, took);
        assertTrue(took <= REQUEST_LIMIT.toMillis(), what + " took " + took + " ms");
        assertTrue(response.path("errors").size() > 0, what + " must fail: " + response);
        for (JsonNode error : response.path("errors")) {
            assertEquals("INTERNAL", error.path("extensions").path("code").asText(), what + ": " + response);
            String text = error.toString();
            assertFalse(text.contains("localhost") || text.contains("127.0.0.1") || text.contains(Integer.toString(OwnPostgres.port()))
                    || text.contains("Exception"), what + ": the error names no host, port or class: " + response);
        }
        response.path("data").fields().forEachRemaining(field -> assertTrue(field.getValue().isNull(), what + ": " + response));
    }

    private void assertDownInTime(String what) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = get(ready);
        long took = millisSince(start);
        log("%s: readiness %d in %d ms", what, response.statusCode(), took);
        assertEquals(503, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"DOWN\""), response.body());
        assertFalse(response.body().contains("localhost") || response.body().contains(Integer.toString(OwnPostgres.port())),
                "readiness names no host or port: " + response.body());
        assertTrue(took <= READINESS_LIMIT.toMillis(), what + ": readiness took " + took + " ms");
    }

    private void awaitRecovery(String known, Writer writer) {
        int acknowledged = writer.acknowledged.size();
        await().atMost(RECOVERY).pollInterval(Duration.ofMillis(200)).until(() -> status(ready) == 200
                && known.equals(post(READ, Map.of("id", known)).path("data").path("association").path("id").asText())
                && post(STATS, Map.of()).path("errors").isMissingNode()
                && writer.acknowledged.size() > acknowledged);
    }

    private static int present(List<UUID> ids) throws SQLException {
        try (Connection c = OwnPostgres.connect("postgres");
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM association WHERE id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    // ---------------------------------------------------------------- HTTP

    JsonNode post(String query, Map<String, Object> variables) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("query", query, "variables", variables));
        HttpRequest request = HttpRequest.newBuilder(graphql).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + admin)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private int status(URI uri) throws IOException, InterruptedException {
        return get(uri).statusCode();
    }

    private static String id(JsonNode response) {
        String id = response.path("data").path("createAssociation").path("id").asText(null);
        assertNotNull(id, response.toString());
        return id;
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static void log(String format, Object... args) {
        System.out.println("[DatabaseFaultsTest] " + String.format(format, args));
    }

    /** Creates an association every 100 ms from another thread, keeping what was acknowledged and the slowest answer. */
    final class Writer {
        final Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicLong slowest = new AtomicLong();
        private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

        void start() {
            executor.scheduleWithFixedDelay(this::writeOnce, 0, 100, TimeUnit.MILLISECONDS);
        }

        private void writeOnce() {
            long start = System.nanoTime();
            try {
                JsonNode response = post(CREATE, Map.of("in", Partners.associationInput("CAS")));
                String id = response.path("data").path("createAssociation").path("id").asText(null);
                if (id != null && response.path("errors").isMissingNode()) {
                    acknowledged.add(id);
                } else {
                    failed.incrementAndGet();
                }
            } catch (IOException e) {
                failed.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                slowest.accumulateAndGet(millisSince(start), Math::max);
            }
        }

        void stop() throws InterruptedException {
            executor.shutdown();
            assertTrue(executor.awaitTermination(30, TimeUnit.SECONDS), "the writer stops");
        }
    }
}
