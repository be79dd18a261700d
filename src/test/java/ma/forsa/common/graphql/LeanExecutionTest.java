package ma.forsa.common.graphql;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import ma.forsa.support.DirectSql;
import ma.forsa.support.SqlFixtures;
import ma.forsa.support.Tokens;

/**
 * {@link LeanExecution}'s short way for plain values gives, byte for byte, the response graphql-java's own way gives:
 * each document is answered with the short way off, then on, over the same data, and the short way must have been
 * taken (a comparison of two identical ways would prove nothing).
 */
@QuarkusTest
class LeanExecutionTest {

    static UUID association;
    static UUID center;
    static UUID agreement;
    static UUID learner;

    @BeforeAll
    static void data() {
        association = SqlFixtures.association("MAR");
        center = SqlFixtures.center(association, "MAR");
        agreement = SqlFixtures.agreement("MS", association, center);
        DirectSql.update("INSERT INTO tranche (agreement_id, seq, amount, due_on, condition) VALUES (?, 1, 1250.50, DATE '2021-01-15',"
                + " 'Rapport \"trimestriel\" \\ signé — التقرير')", agreement);
        DirectSql.update("INSERT INTO tranche (agreement_id, seq, amount, due_on, status, paid_on) VALUES (?, 2, 99.99,"
                + " DATE '2021-06-15', 'PAID', DATE '2021-06-20')", agreement);
        learner = SqlFixtures.learner("Lean" + SqlFixtures.suffix().substring(0, 5), "FEMALE", "MAR", LocalDate.of(2010, 3, 1),
                LocalDate.of(2022, 9, 1));
        UUID open = SqlFixtures.enrollment(learner, center, "ACTIVE", LocalDate.of(2023, 9, 10), null);
        UUID done = SqlFixtures.enrollment(learner, center, "COMPLETED", LocalDate.of(2022, 9, 12), LocalDate.of(2023, 6, 30));
        SqlFixtures.outcome(done, "VOCATIONAL_TRAINING", LocalDate.of(2023, 12, 1), 6);
        SqlFixtures.outcome(done, "EMPLOYMENT", LocalDate.of(2024, 6, 1), 12);
        assertTrue(open != null);
    }

    static final List<String> DOCUMENTS = List.of(
            // a page of agreements: plain leaves beside batched fields, plain lists under them, aliases, __typename
            "query($first: Int) { agreements(first: $first) { totalCount pageInfo { hasNextPage endCursor __typename } edges { cursor "
                    + "node { __typename id reference status budget signedOn statusReason targetIntegrationRate "
                    + "association { name ref: registrationNumber } centers { code name capacity occupancy openedOn __typename } "
                    + "tranches { seq amount status dueOn paidOn condition due: dueOn } } } } }",
            // fragments, inline fragments, @skip and @include with variables, the same field twice
            "query($id: ID!, $yes: Boolean!, $no: Boolean!) { agreement(id: $id) { ...A tranches { ... on Tranche { amount } "
                    + "seq @include(if: $yes) status @skip(if: $yes) paidOn @include(if: $no) amount } } } "
                    + "fragment A on Agreement { reference kind status reference startsOn endsOn version targetBeneficiaries "
                    + "progress { enrolled active completed droppedOut integrated integrationRate beneficiaryTargetReached disbursed suppressed } }",
            // the statistics table: rows of plain values with a list of plain keys
            "{ statistics(groupBy: [ACADEMY, OUTCOME_KIND]) { keys { dimension value } enrolled active completed droppedOut "
                    + "integrated integrationRate suppressed } }",
            "{ statistics(groupBy: [SEX]) { k: keys { value d: dimension } suppressed enrolled __typename } }",
            // a learner: personal fields, nullable ones null, nested enrollments and outcomes, enums, dates, lists of enums
            "query($id: ID!) { learner(id: $id) { id firstName lastName firstNameAr birthDate sex cin disability leftSchoolYear "
                    + "lastGradeCompleted provinceOfResidence { code name } enrollments { schoolYear status strands enrolledOn exitedOn "
                    + "capacityOverride vocationalField center { code name } outcomes { followUpMonth kind observedOn organization verified } } } }",
            "{ learners(first: 5) { totalCount pageInfo { hasNextPage } edges { node { id lastName sex birthDate enrollments { status "
                    + "outcomes { kind } } } } } }",
            "{ me { roles } __typename }",
            // the partner portal's page of learners (the kit's q2): batched fields three levels deep, each with plain fields
            "{ learners(first: 20) { totalCount pageInfo { hasNextPage endCursor } edges { node { id firstName lastName birthDate sex "
                    + "enrollments { schoolYear status center { name } outcomes { followUpMonth kind } } } } } }",
            // the same batched field twice under aliases, a batched field inside a fragment, nulls beside batched fields
            "{ learners(first: 3) { edges { node { ...L e2: enrollments { center { __typename code } } } } } } "
                    + "fragment L on Learner { cin enrollments { exitedOn agreement { reference } center { name capacity } } }",
            // a batched list of batched objects, under a single look-up
            "query($id: ID!) { agreement(id: $id) { centers { code occupancy province { code } association { name centers { code } agreements { reference } } } association { name } } }");

    @Test
    void theShortWayAnswersAsGraphqlJavaDoes() {
        Map<String, Object> variables = new HashMap<>();
        variables.put("first", 50);
        variables.put("id", agreement.toString());
        variables.put("yes", true);
        variables.put("no", false);
        for (String document : DOCUMENTS) {
            Map<String, Object> vars = new HashMap<>(variables);
            if (document.contains("learner(id")) {
                vars.put("id", learner.toString());
            }
            String own;
            try {
                LeanExecution.off = true;
                own = post(document, vars);
            } finally {
                LeanExecution.off = false;
            }
            int before = LeanExecution.shortWays;
            int trees = LeanExecution.batchedTrees;
            String lean = post(document, vars);
            assertEquals(own, lean, document);
            assertTrue(!lean.contains("\"errors\""), lean);
            if (!document.startsWith("{ me")) {
                assertTrue(LeanExecution.shortWays > before, "the short way was not taken: " + document);
            }
            if (document.contains("enrollments {") || document.contains("centers {")) {
                assertTrue(LeanExecution.batchedTrees > trees, "no value was completed with its batched fields: " + document);
            }
        }
    }

    @Test
    void aConnectionCountsWhereverTheDocumentSelectsItsTotal() {
        // Selection.wants reads the document itself: a spread, an inline fragment under a condition, an alias
        int direct = ma.forsa.support.GraphQL.ok(Tokens.admin(), "{ agreements(first: 1) { totalCount } }").getInt("data.agreements.totalCount");
        assertTrue(direct > 0);
        for (String document : List.of("{ agreements(first: 1) { ...c } } fragment c on AgreementConnection { totalCount }",
                "query($yes: Boolean!) { agreements(first: 1) { ... @include(if: $yes) { totalCount } } }",
                "{ agreements(first: 1) { edges { cursor } n: totalCount } }")) {
            String body = post(document, Map.of("yes", true));
            assertTrue(body.contains("\"totalCount\":" + direct) || body.contains("\"n\":" + direct), document + " -> " + body);
        }
    }

    private static String post(String document, Map<String, Object> variables) {
        Map<String, Object> body = new HashMap<>();
        body.put("query", document);
        body.put("variables", variables);
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + Tokens.admin()).body(body)
                .when().post("/graphql").then().statusCode(200).extract().asString();
    }
}
