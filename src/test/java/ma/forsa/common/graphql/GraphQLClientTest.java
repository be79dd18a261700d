package ma.forsa.common.graphql;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.graphql.client.GraphQLError;
import io.smallrye.graphql.client.Response;
import io.smallrye.graphql.client.dynamic.api.DynamicGraphQLClient;
import io.smallrye.graphql.client.dynamic.api.DynamicGraphQLClientBuilder;
import ma.forsa.learner.RegistryFixtures;
import ma.forsa.support.DirectSql;
import ma.forsa.support.Tokens;

/**
 * The service driven by a real GraphQL client (SmallRye GraphQL's dynamic client over HTTP), as a mobile app would:
 * typed scalars and roles, retries made safe by Idempotency-Key, CONFLICT on concurrent changes.
 */
@QuarkusTest
class GraphQLClientTest {

    @TestHTTPResource("/graphql")
    URL url;
    @Inject
    AgroalDataSource dataSource;

    private DynamicGraphQLClient client(String token, Map<String, String> headers) {
        DynamicGraphQLClientBuilder builder = DynamicGraphQLClientBuilder.newBuilder().url(url.toString())
                .header("Authorization", "Bearer " + token);
        headers.forEach(builder::header);
        return builder.build();
    }

    private static String code(Response response) {
        assertTrue(response.hasError(), () -> "expected an error: " + response);
        return response.getErrors().get(0).getCode();
    }

    @Test
    void theViewerHasTypedRolesAndScalarsSayTheirFormat() throws Exception {
        try (DynamicGraphQLClient c = client(Tokens.admin(), Map.of())) {
            Response me = c.executeSync("{ me { subject roles roleList } }");
            assertFalse(me.hasError(), me::toString);
            assertEquals("ADMIN", me.getData().getJsonObject("me").getJsonArray("roleList").getString(0));
            java.util.function.Function<String, jakarta.json.JsonObject> type = name -> {
                Response r;
                try {
                    r = c.executeSync("{ __type(name: \"" + name + "\") { name kind description specifiedByURL } }");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                assertFalse(r.hasError(), r::toString);
                return r.getData().isNull("__type") ? null : r.getData().getJsonObject("__type");
            };
            assertTrue(type.apply("Date").getString("description").contains("YYYY-MM-DD"));
            assertEquals("https://scalars.graphql.org/andimarek/local-date.html", type.apply("Date").getString("specifiedByURL"));
            assertTrue(type.apply("DateTime").getString("specifiedByURL").contains("date-time"));
            assertTrue(type.apply("BigDecimal").getString("description").contains("MAD"));
            assertEquals(null, type.apply("BigInteger"), "no unused BigInteger scalar");
            var data = java.util.Map.of("role", type.apply("Role"));
            assertEquals("ENUM", data.get("role").getString("kind"));
        }
    }

    @Test
    void aRetriedRegistrationWithTheSameKeyCreatesOneLearner() throws Exception {
        Map<String, Object> in = RegistryFixtures.learnerInput();
        String key = UUID.randomUUID().toString();
        String mutation = RegistryFixtures.REGISTER;
        Map<String, Object> variables = Map.of("in", in, "c", true);
        String first;
        try (DynamicGraphQLClient c = client(Tokens.admin(), Map.of("Idempotency-Key", key))) {
            Response one = c.executeSync(mutation, variables);
            assertFalse(one.hasError(), one::toString);
            first = one.getData().getJsonObject("registerLearner").getString("id");
            Response again = c.executeSync(mutation, variables);
            assertFalse(again.hasError(), again::toString);
            assertEquals(first, again.getData().getJsonObject("registerLearner").getString("id"));
            assertEquals("true", again.getTransportMeta().getOrDefault("Idempotent-Replayed", List.of("")).get(0));
            // the same key for another request is refused with its own code
            Map<String, Object> other = RegistryFixtures.learnerInput();
            Response reused = c.executeSync(mutation, Map.of("in", other, "c", true));
            assertEquals("IDEMPOTENCY_KEY_REUSED", code(reused));
        }
        assertEquals(1L, ((Number) DirectSql.value("SELECT count(*) FROM learner WHERE first_name = ? AND last_name = ?",
                in.get("firstName"), in.get("lastName"))).longValue());
        // another subject may use the same key: keys belong to their caller
        try (DynamicGraphQLClient c = client(Tokens.builder("ADMIN").subject("other-admin-" + UUID.randomUUID())
                .sign(Tokens.key()), Map.of("Idempotency-Key", key))) {
            Response mine = c.executeSync(mutation, Map.of("in", RegistryFixtures.learnerInput(), "c", true));
            assertFalse(mine.hasError(), mine::toString);
        }
    }

    @Test
    void aRetriedEnrollmentWithTheSameKeyCreatesOneEnrollment() throws Exception {
        RegistryFixtures fx = new RegistryFixtures(dataSource);
        UUID association = fx.association("MAR");
        UUID center = fx.center(association, "MAR", 30);
        String token = Tokens.associationStaff(association);
        String learner = RegistryFixtures.register(token, RegistryFixtures.learnerInput());
        Map<String, Object> variables = Map.of("in", RegistryFixtures.enrollInput(learner, center));
        String key = "enroll-" + UUID.randomUUID();
        try (DynamicGraphQLClient c = client(token, Map.of("Idempotency-Key", key))) {
            Response one = c.executeSync(RegistryFixtures.ENROLL, variables);
            assertFalse(one.hasError(), one::toString);
            Response again = c.executeSync(RegistryFixtures.ENROLL, variables);
            assertEquals(one.getData().getJsonObject("enroll").getString("id"), again.getData().getJsonObject("enroll").getString("id"));
        }
        assertEquals(1L, ((Number) DirectSql.value("SELECT count(*) FROM enrollment WHERE learner_id = ?", UUID.fromString(learner)))
                .longValue());
        // without a key, the retry meets the one-open-enrollment rule and names the open enrollment
        try (DynamicGraphQLClient c = client(token, Map.of())) {
            Response retry = c.executeSync(RegistryFixtures.ENROLL, variables);
            GraphQLError error = retry.getErrors().get(0);
            assertNotNull(error.getExtensions().get("existing"), retry::toString);
        }
    }

    @Test
    void concurrentUpdatesOfOneVersionGiveOneSuccessAndConflictsNeverInternalErrors() throws Exception {
        String token = Tokens.admin();
        RegistryFixtures fx = new RegistryFixtures(dataSource);
        UUID association = fx.association("MAR");
        String learner = RegistryFixtures.register(Tokens.associationStaff(association), RegistryFixtures.learnerInput());
        String update = "mutation($id: ID!, $in: LearnerInput!) { updateLearner(id: $id, version: 0, input: $in) { id version } }";
        List<CompletableFuture<io.restassured.response.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Map<String, Object> in = RegistryFixtures.learnerInput();
            calls.add(CompletableFuture.supplyAsync(() -> given().header("Authorization", "Bearer " + token).contentType("application/json")
                    .body(Map.of("query", update, "variables", Map.of("id", learner, "in", in))).post("/graphql")));
        }
        int ok = 0;
        for (var call : calls) {
            var answer = call.get().jsonPath();
            String code = answer.getString("errors[0].extensions.code");
            if (code == null) {
                ok++;
            } else {
                assertEquals("CONFLICT", code, answer.prettify());
            }
        }
        assertEquals(1, ok);
    }
}
