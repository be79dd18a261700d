package ma.forsa.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import ma.forsa.support.DirectSql;
import ma.forsa.support.Tokens;

/**
 * Every refused token is refused with the right code, counted in the metrics (never one audit row per anonymous
 * request) and leaves no personal data; an authenticated caller refused by the policy leaves one REFUSED event.
 */
@QuarkusTest
class RefusedAccessAuditTest {

    /** A personal-looking claim that must never reach the audit trail. */
    private static final String NAME = "Fatima Zahra Bennani";

    static Stream<Arguments> refusedTokens() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String none = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes()) + "."
                + b64.encodeToString(("{\"iss\":\"" + Tokens.ISSUER + "\",\"aud\":\"" + Tokens.AUDIENCE + "\",\"sub\":\"x\","
                        + "\"name\":\"" + NAME + "\",\"groups\":[\"ADMIN\"],\"exp\":" + (Instant.now().getEpochSecond() + 600)
                        + "}").getBytes()) + ".";
        return Stream.of(
                Arguments.of("no token", null, "UNAUTHENTICATED"),
                Arguments.of("garbage", "not-a-jwt", "UNAUTHENTICATED"),
                Arguments.of("wrong signature", named("ADMIN").sign(Tokens.foreignKey()), "UNAUTHENTICATED"),
                Arguments.of("wrong issuer", named("ADMIN").issuer("https://elsewhere.example").sign(Tokens.key()),
                        "UNAUTHENTICATED"),
                Arguments.of("wrong audience", named("ADMIN").audience("another-api").sign(Tokens.key()), "UNAUTHENTICATED"),
                Arguments.of("expired", named("ADMIN").issuedAt(Instant.now().minusSeconds(7200))
                        .expiresAt(Instant.now().minusSeconds(3600)).sign(Tokens.key()), "UNAUTHENTICATED"),
                Arguments.of("not yet valid", named("ADMIN").claim("nbf", Instant.now().plusSeconds(600).getEpochSecond())
                        .sign(Tokens.key()), "UNAUTHENTICATED"),
                Arguments.of("alg none", none, "UNAUTHENTICATED"),
                Arguments.of("unknown role", named("GUEST").sign(Tokens.key()), "FORBIDDEN"),
                Arguments.of("officer without academy", named("ACADEMY_OFFICER").sign(Tokens.key()), "FORBIDDEN"),
                Arguments.of("staff without association", named("ASSOCIATION_STAFF").sign(Tokens.key()), "FORBIDDEN"));
    }

    private static io.smallrye.jwt.build.JwtClaimsBuilder named(String role) {
        return Tokens.builder(role).claim("name", NAME).claim("phone_number", "+212611223344");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void aRefusedTokenIsCountedNotWrittenAndLeavesNoPersonalData(String why, String token, String expected) {
        String requestId = "refused-" + UUID.randomUUID();
        double before = refusedTotal();
        var request = given().contentType(ContentType.JSON).header("X-Request-Id", requestId)
                .body(Map.of("query", "{ me { subject } }"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        JsonPath response = request.post("/graphql").then().statusCode(200).extract().jsonPath();
        assertEquals(expected, response.getString("errors[0].extensions.code"), why);
        assertFalse(response.prettify().contains(NAME));
        // Anonymous traffic cannot fill the audit trail: the refusal is a metric, not a row.
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> refusedTotal() > before);
        assertEquals(0L, DirectSql.value("SELECT count(*) FROM audit_event WHERE request_id = ?", requestId), why);
        String metrics = given().get("/q/metrics").asString();
        assertFalse(metrics.contains("Fatima") || metrics.contains("Bennani") || metrics.contains("+2126"), why);
        assertTrue(token == null || !metrics.contains(token), "the token itself is not exposed");
    }

    @org.junit.jupiter.api.Test
    void anAuthenticatedCallerRefusedByThePolicyLeavesOneRefusedEvent() {
        String requestId = "forbidden-" + UUID.randomUUID();
        JsonPath response = given().contentType(ContentType.JSON).header("X-Request-Id", requestId)
                .header("Authorization", "Bearer " + Tokens.ministry())
                .body(Map.of("query", "mutation { createCenter(input: {code: \"X\", name: \"X\", associationId: \""
                        + UUID.randomUUID() + "\", provinceCode: \"MAR\", capacity: 1}) { id } }"))
                .post("/graphql").then().statusCode(200).extract().jsonPath();
        assertEquals("FORBIDDEN", response.getString("errors[0].extensions.code"));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> ((Number) DirectSql.value(
                "SELECT count(*) FROM audit_event WHERE action = 'REFUSED' AND request_id = ?", requestId)).intValue() == 1);
        Map<String, Object> row = DirectSql.query("SELECT role, entity, changes::text AS changes FROM audit_event "
                + "WHERE action = 'REFUSED' AND request_id = ?", requestId).get(0);
        assertEquals("MINISTRY", row.get("role"));
        JsonObject changes = new JsonObject((String) row.get("changes"));
        assertEquals(Set.of("code", "action"), changes.fieldNames());
        assertEquals("MANAGE_CENTERS", changes.getString("action"));
    }

    /** forsa_access_refused_total summed over its reasons, as /q/metrics shows it. */
    private static double refusedTotal() {
        return given().get("/q/metrics").asString().lines().filter(l -> l.startsWith("forsa_access_refused_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
