package ma.forsa.ops;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import ma.forsa.support.Tokens;

/**
 * Every request is one line of the request log with its request id, GraphQL POSTs included (SmallRye GraphQL
 * replaces the response's end handler, so the line is written when the body ends).
 */
@QuarkusTest
class RequestLogTest {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String message = record.getParameters() == null ? record.getMessage()
                    : String.format(record.getMessage(), record.getParameters());
            lines.add(message);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private java.util.logging.Level level;

    @BeforeEach
    void listen() {
        Logger log = Logger.getLogger("forsa.http");
        level = log.getLevel();
        log.setLevel(java.util.logging.Level.INFO); // the test profile keeps request lines out of the build's output
        log.addHandler(handler);
    }

    @AfterEach
    void stop() {
        Logger log = Logger.getLogger("forsa.http");
        log.removeHandler(handler);
        log.setLevel(level);
    }

    @Test
    void aGraphQlPostIsOneLineWithItsRequestId() {
        given().header("Authorization", "Bearer " + Tokens.admin()).header(RequestIds.HEADER, "graphql-post-0001")
                .contentType(ContentType.JSON).body(Map.of("query", "{ me { subject } }"))
                .post("/graphql").then().statusCode(200).header(RequestIds.HEADER, "graphql-post-0001");
        List<String> mine = linesOf("graphql-post-0001");
        assertEquals(1, mine.size(), lines.toString());
        assertTrue(mine.get(0).startsWith("method=POST path=/graphql status=200 durationMs="), mine.get(0));
    }

    @Test
    void aRefusedGraphQlPostAndARestCallAreLoggedToo() {
        given().header(RequestIds.HEADER, "graphql-anon-0001").contentType(ContentType.JSON)
                .body(Map.of("query", "{ me { subject } }")).post("/graphql").then().statusCode(200);
        given().header(RequestIds.HEADER, "rest-call-00001").get("/imports/template.csv").then().statusCode(401);
        assertEquals(1, linesOf("graphql-anon-0001").size(), lines.toString());
        List<String> rest = linesOf("rest-call-00001");
        assertEquals(1, rest.size(), lines.toString());
        assertTrue(rest.get(0).contains("method=GET path=/imports/template.csv status=401"), rest.get(0));
    }

    @Test
    void healthProbesAreNotLogged() {
        given().header(RequestIds.HEADER, "health-probe-001").get("/q/health/live").then().statusCode(200);
        given().header(RequestIds.HEADER, "after-probe-0001").contentType(ContentType.JSON)
                .body(Map.of("query", "{ __typename }")).post("/graphql").then().statusCode(200);
        linesOf("after-probe-0001"); // the probe, sent first, would be logged by now
        assertEquals(0, lines.stream().filter(l -> l.contains("health-probe-001")).count(), lines.toString());
    }

    /** The lines naming a request id, once the line of that request has been written (after its body). */
    private List<String> linesOf(String requestId) {
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> lines.stream().anyMatch(l -> l.contains("requestId=" + requestId)));
        return lines.stream().filter(l -> l.contains("requestId=" + requestId)).toList();
    }
}
