package ma.forsa.privacy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import ma.forsa.support.DirectSql;
import ma.forsa.support.ServiceDate;
import ma.forsa.support.SqlFixtures;
import ma.forsa.support.Tokens;

/** Personal data never reaches the logs (security logs at DEBUG in tests) nor the metrics labels. */
@QuarkusTest
class NoPersonalDataLeakTest {

    @Test
    void exportsRefusalsAndErrorsLeaveNoPersonalDataInLogsOrMetrics() {
        String first = "Leakcheck" + SqlFixtures.suffix();
        UUID learner = SqlFixtures.learner(first, "FEMALE", "MAR", LocalDate.of(2009, 2, 3), ServiceDate.today());
        String massar = (String) DirectSql.value("SELECT massar_code FROM learner WHERE id = ?", learner);

        List<String> messages = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                messages.add(String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(record.getParameters())
                        + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(handler);
        Logger requests = Logger.getLogger("forsa.http");
        java.util.logging.Level level = requests.getLevel();
        requests.setLevel(java.util.logging.Level.INFO); // the test profile keeps request lines out of the build's output
        try {
            given().header("Authorization", "Bearer " + Tokens.admin()).get("/admin/learners/" + learner + "/export")
                    .then().statusCode(200);
            String refusedRequest = "leak-check-" + SqlFixtures.suffix();
            given().header("Authorization", "Bearer " + Tokens.academyOfficer("MS")).header("X-Request-Id", refusedRequest)
                    .get("/admin/learners/" + learner + "/export").then().statusCode(403);
            // a refused token carrying personal-looking claims
            String token = Tokens.builder("GUEST").claim("name", first).claim("massar", massar).sign(Tokens.key());
            given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                    .body(Map.of("query", "{ me { subject } }")).post("/graphql").then().statusCode(200);
            // a GraphQL validation error whose variables hold personal data
            given().header("Authorization", "Bearer " + Tokens.admin()).contentType(ContentType.JSON)
                    .body(Map.of("query", "query($e: String!) { auditTrail(entity: $e, id: \"x\", after: \"" + massar + "\") "
                            + "{ pageInfo { hasNextPage } } }", "variables", Map.of("e", first)))
                    .post("/graphql").then().statusCode(200);
            given().header("Authorization", "Bearer " + Tokens.admin()).queryParam("dryRun", "true")
                    .post("/admin/retention/run").then().statusCode(200);
            // the refused-access audit and the request log lines are written asynchronously: wait for the last of each
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> ((Number) DirectSql.value(
                    "SELECT count(*) FROM audit_event WHERE action = 'REFUSED' AND request_id = ?", refusedRequest)).longValue() > 0
                    && messages.stream().anyMatch(m -> m.contains("/admin/retention/run")));
        } finally {
            root.removeHandler(handler);
            requests.setLevel(level);
        }
        assertFalse(messages.isEmpty(), "the handler saw the request logs");
        for (String message : messages) {
            assertFalse(message.contains(first) || message.contains(massar) || message.contains("Testlast")
                    || message.contains("+212600000000"), "personal data in a log line: " + message);
        }

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("/admin/learners/{id}/export"), "metrics label the route template");
        assertFalse(metrics.contains(learner.toString()) || metrics.contains(first) || metrics.contains(massar));
        assertEquals(0, messages.stream().filter(m -> m.contains(learner.toString()) && m.contains("first_name")).count());
    }
}
