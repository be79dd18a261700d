package ma.forsa.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import ma.forsa.support.DirectSql;
import ma.forsa.support.Tokens;

/** Every refused token is refused with the right code AND leaves one REFUSED audit event without personal data. */
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
    void aRefusedTokenIsAuditedWithoutPersonalData(String why, String token, String expected) throws InterruptedException {
        String requestId = "refused-" + UUID.randomUUID();
        var request = given().contentType(ContentType.JSON).header("X-Request-Id", requestId)
                .body(Map.of("query", "{ me { subject } }"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        JsonPath response = request.post("/graphql").then().statusCode(200).extract().jsonPath();
        assertEquals(expected, response.getString("errors[0].extensions.code"), why);
        assertFalse(response.prettify().contains(NAME));

        List<Map<String, Object>> rows = List.of();
        for (int i = 0; i < 50 && rows.isEmpty(); i++) { // the audit insert does not hold up the refusal
            Thread.sleep(100);
            rows = DirectSql.query("SELECT subject, role, entity, entity_id, changes::text AS changes FROM audit_event"
                    + " WHERE action = 'REFUSED' AND request_id = ?", requestId);
        }
        assertEquals(1, rows.size(), why + ": one REFUSED event");
        Map<String, Object> row = rows.get(0);
        assertEquals("Access", row.get("entity"));
        JsonObject changes = new JsonObject((String) row.get("changes"));
        assertEquals(Set.of("code", "reason"), changes.fieldNames());
        assertEquals(expected, changes.getString("code"));
        String all = row.toString();
        assertFalse(all.contains("Fatima") || all.contains("Bennani") || all.contains("+2126"), all);
        assertTrue(token == null || !all.contains(token), "the token itself is not stored");
    }
}
