package ma.forsa.common.graphql;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import ma.forsa.common.db.Db;
import ma.forsa.learner.RegistryFixtures;
import ma.forsa.support.Tokens;

/**
 * GraphQL over HTTP as a browser or a mobile client meets it: GET and POST, the two media types and their statuses,
 * batches, automatic persisted queries, limits refused before the database, one error shape with its code, and
 * messages in the caller's language.
 */
@QuarkusTest
class GraphQLOverHttpTest {

    private static final String NEW = "application/graphql-response+json";
    private static final String LEGACY = "application/json";

    @Inject
    Db db;
    @Inject
    AgroalDataSource dataSource;

    private String admin;

    @BeforeEach
    void token() {
        admin = Tokens.admin();
    }

    private Response post(String accept, String body) {
        return given().header("Authorization", "Bearer " + admin).accept(accept).contentType(ContentType.JSON).body(body)
                .post("/graphql");
    }

    private static String json(String query) {
        return "{\"query\": " + io.vertx.core.json.Json.encode(query) + "}";
    }

    // ------------------------------------------------------------------ GET and POST

    @Test
    void aQueryRunsOverGetWithItsOperationNameAndParametersDecodedOnce() {
        String doc = "query Other { academies { code } } query Me { me { subject roleList } echo: __typename }";
        JsonPath answer = given().header("Authorization", "Bearer " + admin).accept(NEW).queryParam("query", doc)
                .queryParam("operationName", "Me").get("/graphql").then().statusCode(200)
                .contentType(startsWith(NEW)).header("Vary", containsString("Authorization")).extract().jsonPath();
        assertEquals(List.of("ADMIN"), answer.getList("data.me.roleList"));
        assertTrue(answer.getMap("data").get("academies") == null);
        // a '+' inside a string survives (it is not decoded twice into a space)
        given().header("Authorization", "Bearer " + admin).queryParam("query", "query($s: String) { enumLabels(type: $s) { value } }")
                .queryParam("variables", "{\"s\": \"Sex+\"}").get("/graphql").then().statusCode(200)
                .body("data.enumLabels", hasSize(0));
    }

    @Test
    void aMutationOverGetIsRefusedWith405AndABody() {
        given().header("Authorization", "Bearer " + admin).accept(NEW)
                .queryParam("query", "mutation { createAssociation(input: {registrationNumber: \"X\", name: \"Y\", provinceCode: \"01\"}) { id } }")
                .get("/graphql").then().statusCode(405).header("Allow", "POST")
                .body("errors[0].extensions.code", equalTo("METHOD_NOT_ALLOWED"));
    }

    @Test
    void postAnswersBothMediaTypes() {
        post(NEW, json("{ academies { code } }")).then().statusCode(200).contentType(startsWith(NEW))
                .body("data.academies.size()", not(equalTo(0)));
        post(LEGACY, json("{ academies { code } }")).then().statusCode(200).contentType(startsWith(LEGACY));
        given().header("Authorization", "Bearer " + admin).contentType("application/graphql")
                .body("{ me { subject } }".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/graphql").then().statusCode(200).body("data.me.subject", notNullValue());
        given().accept("text/html").contentType(ContentType.JSON).body(json("{ __typename }")).post("/graphql").then()
                .statusCode(406).body("errors[0].extensions.code", equalTo("NOT_ACCEPTABLE"));
    }

    // ------------------------------------------------------------------ statuses and codes per error class

    @Test
    void requestsThatAreNotWellFormedAre400WithEitherMediaType() {
        for (String accept : List.of(NEW, LEGACY)) {
            post(accept, "{not json").then().statusCode(400).body("errors[0].extensions.code", equalTo("BAD_REQUEST"));
            post(accept, "{\"variables\": {}}").then().statusCode(400).body("errors[0].extensions.code", equalTo("BAD_REQUEST"));
            post(accept, "{\"query\": 12}").then().statusCode(400).body("errors[0].extensions.code", equalTo("BAD_REQUEST"));
        }
    }

    @Test
    void documentsThatAreNotValidGraphQLAre400ForTheNewMediaTypeAnd200ForTheLegacyOne() {
        post(NEW, json("{ me { subject ")).then().statusCode(400).body("errors[0].extensions.code", equalTo("GRAPHQL_PARSE_FAILED"))
                .body("errors[0].locations[0].line", equalTo(1)).body("data", nullValue());
        post(LEGACY, json("{ me { subject ")).then().statusCode(200).body("errors[0].extensions.code", equalTo("GRAPHQL_PARSE_FAILED"));
        post(NEW, json("{ me { nope } }")).then().statusCode(400)
                .body("errors[0].extensions.code", equalTo("GRAPHQL_VALIDATION_FAILED"))
                .body("errors[0].message", containsString("nope"));
        post(LEGACY, json("{ me { nope } }")).then().statusCode(200)
                .body("errors[0].extensions.code", equalTo("GRAPHQL_VALIDATION_FAILED"));
    }

    @Test
    void anExpiredTokenIsUnauthenticatedAnd401WithTheNewMediaType() {
        String expired = Tokens.builder("ADMIN").issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600))
                .sign(Tokens.key());
        for (String query : List.of("{ me { subject } }", "{ academies { code } }")) {
            given().header("Authorization", "Bearer " + expired).accept(NEW).contentType(ContentType.JSON).body(json(query))
                    .post("/graphql").then().statusCode(401).body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"))
                    .body("errors", hasSize(1));
            given().header("Authorization", "Bearer " + expired).accept(LEGACY).contentType(ContentType.JSON).body(json(query))
                    .post("/graphql").then().statusCode(200).body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
        }
        given().accept(NEW).contentType(ContentType.JSON).body(json("{ me { subject } }")).post("/graphql").then().statusCode(401)
                .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void aMalformedDateIsAValidationErrorOnItsFieldWithoutEchoingTheInput() {
        Map<String, Object> in = RegistryFixtures.learnerInput();
        in.put("birthDate", "2025-13-45");
        String body = io.vertx.core.json.Json.encode(Map.of("query", RegistryFixtures.REGISTER, "variables", Map.of("in", in)));
        String answer = post(NEW, body).then().statusCode(400).body("errors", hasSize(1))
                .body("errors[0].extensions.code", equalTo("VALIDATION")).body("errors[0].extensions.field", equalTo("birthDate"))
                .extract().asString();
        assertFalse(answer.contains((String) in.get("firstName")), answer);
        assertFalse(answer.contains("2025-13-45"), answer);
        assertFalse(answer.contains("ma.forsa"), answer);
        // the same as a literal in the document
        String literal = "mutation { registerLearner(input: {firstName: \"Zineb\", lastName: \"Alaoui\", birthDate: \"2010-02-31\", "
                + "sex: FEMALE}) { id } }";
        String second = post(LEGACY, json(literal)).then().statusCode(200).body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].extensions.field", equalTo("birthDate")).extract().asString();
        assertFalse(second.contains("Zineb") || second.contains("2010-02-31"), second);
        // an enum value that does not exist: the value is not repeated either
        in.put("birthDate", "2010-02-03");
        in.put("sex", "SECRETVALUE");
        String third = post(NEW, io.vertx.core.json.Json.encode(Map.of("query", RegistryFixtures.REGISTER, "variables", Map.of("in", in))))
                .then().statusCode(400).body("errors[0].extensions.field", equalTo("sex")).extract().asString();
        assertFalse(third.contains("SECRETVALUE"), third);
    }

    @Test
    void domainErrorsKeepTheirCodeAndDataStays200() {
        post(NEW, json("{ learner(id: \"" + UUID.randomUUID() + "\") { id } }")).then().statusCode(200)
                .body("data.learner", nullValue()).body("errors[0].extensions.code", equalTo("NOT_FOUND"));
        post(NEW, json("{ learners(first: 500) { totalCount } }")).then().statusCode(400)
                .body("errors[0].extensions.code", equalTo("VALIDATION")).body("errors[0].extensions.field", equalTo("first"));
    }

    // ------------------------------------------------------------------ languages

    @Test
    void errorsSpeakTheCallersLanguage() {
        String id = UUID.randomUUID().toString();
        Map<String, String> messages = new java.util.HashMap<>();
        for (String language : List.of("fr", "en", "ar")) {
            messages.put(language, given().header("Authorization", "Bearer " + admin).header("Accept-Language", language)
                    .contentType(ContentType.JSON).body(json("{ me { subject ")).post("/graphql").then().statusCode(200)
                    .extract().path("errors[0].message"));
        }
        assertTrue(messages.get("fr").startsWith("Le document n'est pas du GraphQL valide"), messages.get("fr"));
        assertTrue(messages.get("en").startsWith("The document is not valid GraphQL"), messages.get("en"));
        assertTrue(messages.get("ar").startsWith("الوثيقة"), messages.get("ar"));
        String french = given().header("Authorization", "Bearer " + admin).header("Accept-Language", "fr-MA,fr;q=0.9")
                .contentType(ContentType.JSON).body(json("{ learner(id: \"" + id + "\") { id } }")).post("/graphql")
                .then().extract().path("errors[0].message");
        assertTrue(french.startsWith("Aucun"), french);
    }

    @Test
    void enumLabelsComeInThreeLanguages() {
        JsonPath labels = post(NEW, json("{ enumLabels(type: \"Strand\") { type value fr en ar } all: enumLabels { type } }")).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(java.util.Set.of("compétences de vie", "éducatif", "préprofessionnel"),
                java.util.Set.copyOf(labels.getList("data.enumLabels.fr")));
        assertTrue(labels.getList("data.enumLabels.en").contains("life skills"));
        assertTrue(labels.getList("data.enumLabels.ar").contains("تربوي"));
        List<String> types = labels.getList("data.all.type");
        for (String type : List.of("AgreementStatus", "EnrollmentStatus", "OutcomeKind", "Sex", "Role", "StatsDimension")) {
            assertTrue(types.contains(type), type);
        }
    }

    // ------------------------------------------------------------------ batches

    @Test
    void aBatchIsAnsweredInOrderAndBoundedInSize() {
        JsonPath answer = post(NEW, "[" + json("{ me { subject } }") + "," + json("{ nope }") + "]").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(2, answer.getList("$").size());
        assertEquals("GRAPHQL_VALIDATION_FAILED", answer.getString("[1].errors[0].extensions.code"));
        assertTrue(answer.getString("[0].data.me.subject") != null);
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            many.add(json("{ __typename }"));
        }
        post(NEW, "[" + String.join(",", many) + "]").then().statusCode(400).body("errors[0].extensions.code", equalTo("BAD_REQUEST"));
    }

    // ------------------------------------------------------------------ automatic persisted queries

    @Test
    void persistedQueriesRoundTripOverGet() {
        String query = "query Codes { academies { code } } # " + UUID.randomUUID();
        String hash = PersistedQueries.sha256(query);
        String extensions = "{\"persistedQuery\": {\"version\": 1, \"sha256Hash\": \"" + hash + "\"}}";
        // unknown hash: the client is asked to send the query
        given().header("Authorization", "Bearer " + admin).accept(LEGACY).queryParam("extensions", extensions).get("/graphql").then()
                .statusCode(200).body("errors[0].extensions.code", equalTo("PERSISTED_QUERY_NOT_FOUND"))
                .body("errors[0].message", startsWith("PersistedQueryNotFound"));
        given().header("Authorization", "Bearer " + admin).accept(NEW).queryParam("extensions", extensions).get("/graphql").then()
                .statusCode(404).body("errors[0].extensions.code", equalTo("PERSISTED_QUERY_NOT_FOUND"));
        // a wrong hash is refused
        post(NEW, "{\"query\": " + io.vertx.core.json.Json.encode(query + " ") + ", \"extensions\": " + extensions + "}").then()
                .statusCode(400).body("errors[0].extensions.code", equalTo("BAD_REQUEST"));
        // query and hash: run and remembered
        post(NEW, "{\"query\": " + io.vertx.core.json.Json.encode(query) + ", \"extensions\": " + extensions + "}").then()
                .statusCode(200).body("data.academies.size()", not(equalTo(0)));
        // then the hash alone, over GET (a comment in the document survives: no newline stripping either)
        given().header("Authorization", "Bearer " + admin).accept(NEW).queryParam("extensions", extensions)
                .queryParam("operationName", "Codes").get("/graphql").then().statusCode(200).body("data.academies.size()", not(equalTo(0)));
    }

    // ------------------------------------------------------------------ cost, before any SQL

    @Test
    void nestedListsUnderManyAliasesAreRefusedBeforeAnySql() {
        StringBuilder doc = new StringBuilder("{");
        for (int i = 0; i < 40; i++) {
            doc.append(" a").append(i).append(": learners(first: 100) { edges { node { id enrollments { center { ")
                    .append("enrollments(first: 100) { edges { node { learner { id firstName } } } } } } } } }");
        }
        doc.append(" }");
        long before = db.statementCount();
        long start = System.nanoTime();
        post(NEW, json(doc.toString())).then().statusCode(400).body("errors", hasSize(1))
                .body("errors[0].extensions.code", equalTo("QUERY_TOO_COMPLEX"))
                .body("errors[0].extensions.rootFields", equalTo(40)).body("errors[0].extensions.limit", equalTo(25));
        // one alias alone is over the cost limit too, with its computed cost
        String one = doc.substring(0, doc.indexOf(" a1:")) + " }";
        JsonPath cost = post(NEW, json(one)).then().statusCode(400).body("errors[0].extensions.code", equalTo("QUERY_TOO_COMPLEX"))
                .extract().jsonPath();
        assertTrue(cost.getLong("errors[0].extensions.cost") > cost.getLong("errors[0].extensions.limit"));
        assertTrue(cost.getString("errors[0].message").contains(String.valueOf(cost.getLong("errors[0].extensions.cost"))));
        assertEquals(before, db.statementCount(), "no statement may reach the database");
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 5_000);
    }

    @Test
    void hundredsOfStatisticsAliasesAndHugeSearchesAreRefusedQuickly() {
        StringBuilder doc = new StringBuilder("{");
        for (int i = 0; i < 300; i++) {
            doc.append(" s").append(i).append(": statistics(groupBy: [ACADEMY]) { enrolled }");
        }
        doc.append(" }");
        long before = db.statementCount();
        post(NEW, json(doc.toString())).then().statusCode(400).body("errors[0].extensions.code", equalTo("QUERY_TOO_COMPLEX"));
        String huge = "x".repeat(1_000_000);
        long start = System.nanoTime();
        given().header("Authorization", "Bearer " + admin).accept(NEW).contentType(ContentType.JSON)
                .body("{\"query\": \"query($s: String) { learners(filter: {search: $s}) { totalCount } }\", \"variables\": {\"s\": \""
                        + huge + "\"}}")
                .post("/graphql").then().statusCode(413).body("errors[0].extensions.code", equalTo("PAYLOAD_TOO_LARGE"));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 5_000);
        // a long search that fits the body is refused on its field
        post(NEW, "{\"query\": \"query($s: String) { learners(filter: {search: $s}) { totalCount } }\", \"variables\": {\"s\": \""
                + "y".repeat(5_000) + "\"}}").then().statusCode(400).body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].extensions.field", equalTo("search"));
        assertEquals(before, db.statementCount());
    }

    // ------------------------------------------------------------------ REST speaks the same shape

    @Test
    void restErrorsHaveTheSameCodesAndTheCallersLanguage() {
        given().header("Accept-Language", "fr").get("/imports/" + UUID.randomUUID()).then().statusCode(401)
                .body("code", equalTo("UNAUTHENTICATED")).body("requestId", notNullValue());
        given().header("Authorization", "Bearer " + admin).header("Accept-Language", "fr").get("/imports/not-an-id").then()
                .statusCode(404).body("code", equalTo("NOT_FOUND")).body("message", startsWith("Aucun"))
                .body("requestId", notNullValue());
        given().header("Authorization", "Bearer " + admin).header("Accept-Language", "en").get("/imports/not-an-id").then()
                .statusCode(404).body("message", startsWith("No "));
    }
}
