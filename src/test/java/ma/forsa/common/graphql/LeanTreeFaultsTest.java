package ma.forsa.common.graphql;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import ma.forsa.support.DirectSql;
import ma.forsa.support.OwnPostgres;
import ma.forsa.support.SqlFixtures;
import ma.forsa.support.Tokens;

/**
 * A batched field that fails under a value {@link LeanTree} completes is reported as graphql-java reports it: the same
 * errors at the same paths, the same nulls, a null in a non-null field making its nearest nullable parent null. The
 * batch is made to fail by PostgreSQL itself: the service's role (on this profile's own server, as in production, not
 * the owner) loses its right to read the table for a moment.
 */
@QuarkusTest
@TestProfile(OwnPostgres.class)
class LeanTreeFaultsTest {

    /** {@code agreement} is nullable; {@code outcomes} is not, nor is anything above it up to {@code learner}. */
    private static final String DOCUMENT = "query($id: ID!) { learner(id: $id) { id enrollments { status "
            + "agreement { reference } outcomes { kind } } } }";

    @Test
    void aFailingBatchGivesTheErrorsAndNullsGraphqlJavaGives() throws SQLException {
        UUID association = SqlFixtures.association("MAR");
        UUID center = SqlFixtures.center(association, "MAR");
        UUID agreement = SqlFixtures.agreement("MS", association, center);
        UUID learner = SqlFixtures.learner("Fault" + SqlFixtures.suffix().substring(0, 5), "MALE", "MAR",
                LocalDate.of(2010, 1, 1), LocalDate.of(2022, 9, 1));
        for (int i = 0; i < 2; i++) {
            UUID enrollment = SqlFixtures.enrollment(learner, center, "COMPLETED", LocalDate.of(2021 + i, 9, 10),
                    LocalDate.of(2022 + i, 6, 30));
            DirectSql.update("UPDATE enrollment SET agreement_id = ? WHERE id = ?", agreement, enrollment);
            SqlFixtures.outcome(enrollment, "EMPLOYMENT", LocalDate.of(2022 + i, 7, 15), 0);
        }
        Map<String, Object> variables = Map.of("id", learner.toString());
        String whole = compared(variables);
        assertEquals(2, JsonPath.from(whole).getList("data.learner.enrollments").size(), whole);
        assertTrue(!whole.contains("\"errors\""), whole);

        // a nullable field's batch fails: each of its fields null, one error each, the rest of the value as it is
        String agreements = withoutReading("agreement", () -> compared(variables));
        JsonPath a = JsonPath.from(agreements);
        assertEquals(2, a.getList("errors").size(), agreements);
        assertEquals("learner", a.getString("errors[0].path[0]"), agreements);
        assertEquals(2, a.getList("data.learner.enrollments").size(), agreements);
        assertNull(a.get("data.learner.enrollments[0].agreement"), agreements);
        assertEquals("EMPLOYMENT", a.getString("data.learner.enrollments[1].outcomes[0].kind"), agreements);

        // a non-null field's batch fails: the null reaches the nearest nullable parent (learner itself)
        String outcomes = withoutReading("outcome", () -> compared(variables));
        JsonPath o = JsonPath.from(outcomes);
        assertTrue(o.getList("errors").size() >= 2, outcomes);
        assertNull(o.get("data.learner"), outcomes);
    }

    /** The document answered with {@link LeanTree} off, then on; the two must be the same. */
    private static String compared(Map<String, Object> variables) {
        String own;
        try {
            LeanExecution.off = true;
            own = post(variables);
        } finally {
            LeanExecution.off = false;
        }
        int trees = LeanExecution.batchedTrees;
        String lean = post(variables);
        assertTrue(LeanExecution.batchedTrees > trees, "no value was completed with its batched fields");
        assertEquals(withoutRequestId(own), withoutRequestId(lean));
        return lean;
    }

    /** Each request has its own id, named in its errors. */
    private static String withoutRequestId(String body) {
        return body.replaceAll("(request id |\"requestId\":\")[0-9a-f-]{36}", "$1…");
    }

    private static String withoutReading(String table, java.util.function.Supplier<String> request) throws SQLException {
        grant("REVOKE SELECT ON " + table + " FROM " + OwnPostgres.SERVICE_ROLE);
        try {
            return request.get();
        } finally {
            grant("GRANT SELECT ON " + table + " TO " + OwnPostgres.SERVICE_ROLE);
        }
    }

    private static void grant(String sql) throws SQLException {
        try (Connection c = OwnPostgres.connect("postgres"); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String post(Map<String, Object> variables) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + Tokens.admin())
                .body(Map.of("query", DOCUMENT, "variables", variables))
                .when().post("/graphql").then().statusCode(200).extract().asString();
    }
}
