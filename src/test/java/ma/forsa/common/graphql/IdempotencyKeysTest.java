package ma.forsa.common.graphql;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.json.Json;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import ma.forsa.learner.RegistryFixtures;
import ma.forsa.support.DirectSql;
import ma.forsa.support.Tokens;

/** Keys still running, keys past their lifetime, and the purge, against the table every replica shares. */
@QuarkusTest
class IdempotencyKeysTest {

    @Inject
    IdempotencyKeys keys;

    private static String fingerprint(String query, Map<String, Object> variables) {
        String json = new JsonObject(variables).encode();
        return PersistedQueries.sha256(query + '\u0000' + '\u0000'
                + GraphQLEndpoint.canonical(Json.createReader(new java.io.StringReader(json)).readValue()));
    }

    @Test
    void aDuplicateArrivingWhileTheFirstRunsIsRefusedCleanly() {
        String subject = "idem-" + UUID.randomUUID();
        String token = Tokens.builder("ADMIN").subject(subject).sign(Tokens.key());
        Map<String, Object> variables = Map.of("in", RegistryFixtures.learnerInput(), "c", true);
        String key = UUID.randomUUID().toString();
        DirectSql.update("INSERT INTO idempotency_key (subject, key, fingerprint, created_at) VALUES (?, ?, ?, now())", subject, key,
                fingerprint(RegistryFixtures.REGISTER, variables));
        given().header("Authorization", "Bearer " + token).header("Idempotency-Key", key).accept("application/graphql-response+json")
                .contentType("application/json").body(Map.of("query", RegistryFixtures.REGISTER, "variables", variables)).post("/graphql")
                .then().statusCode(409).header("Retry-After", "1").body("errors[0].extensions.code", equalTo("IDEMPOTENCY_KEY_IN_USE"));
    }

    @Test
    void anExpiredKeyServesANewRequestAndThePurgeDeletesOldKeys() {
        String subject = "idem-" + UUID.randomUUID();
        String token = Tokens.builder("ADMIN").subject(subject).sign(Tokens.key());
        String key = UUID.randomUUID().toString();
        DirectSql.update("INSERT INTO idempotency_key (subject, key, fingerprint, created_at, response) VALUES (?, ?, ?, "
                + "now() - interval '25 hours', '{}')", subject, key, "0".repeat(64));
        given().header("Authorization", "Bearer " + token).header("Idempotency-Key", key).contentType("application/json")
                .body(Map.of("query", RegistryFixtures.REGISTER, "variables", Map.of("in", RegistryFixtures.learnerInput(), "c", true)))
                .post("/graphql").then().statusCode(200).body("data.registerLearner.id", org.hamcrest.Matchers.notNullValue());
        DirectSql.update("INSERT INTO idempotency_key (subject, key, fingerprint, created_at) VALUES (?, ?, ?, now() - interval '2 days')",
                subject, "old-" + key, "0".repeat(64));
        keys.purge().await().atMost(Duration.ofSeconds(30));
        assertEquals(1L, ((Number) DirectSql.value("SELECT count(*) FROM idempotency_key WHERE subject = ?", subject)).longValue());
    }

    @Test
    void aMalformedKeyIsABadRequest() {
        given().header("Authorization", "Bearer " + Tokens.admin()).header("Idempotency-Key", "not a key!")
                .contentType("application/json")
                .body(Map.of("query", RegistryFixtures.REGISTER, "variables", Map.of("in", RegistryFixtures.learnerInput())))
                .post("/graphql").then().statusCode(400).body("errors[0].extensions.code", equalTo("BAD_REQUEST"))
                .body("errors[0].extensions.field", equalTo("Idempotency-Key"));
    }
}
