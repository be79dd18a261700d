package ma.forsa.agreement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import ma.forsa.common.db.Db;
import ma.forsa.support.GraphQL;
import ma.forsa.support.Tokens;

/** Nested fields are batched: the number of SQL statements does not grow with the page size. */
@QuarkusTest
class BatchingTest {

    private static final String DEEP = "query($first: Int, $f: AgreementFilter) { agreements(first: $first, filter: $f) { "
            + "totalCount edges { node { id reference academy { code } "
            + "association { name province { code } centers { code occupancy } agreements { reference } } "
            + "centers { code occupancy province { code } association { name } } "
            + "tranches { seq amount } amendments { seq } "
            + "progress { enrolled active integrationRate disbursed } } } } }";

    @Inject
    Db sql;

    @Test
    void aPageOf50CostsTheSameStatementsAsAPageOf5() throws Exception {
        String association = Partners.createAssociation("MAR");
        String center = Partners.createCenter(association, "MAR");
        for (int i = 0; i < 50; i++) {
            String id = (String) Partners.draft("MS", association, List.of(center)).get("id");
            if (i % 10 == 0) {
                GraphQL.ok(Tokens.admin(), "mutation($id: ID!) { addTranche(agreementId: $id, version: 0, input: {amount: 10, "
                        + "dueOn: \"2025-01-01\"}) { id } }", Map.of("id", id));
                Partners.enroll(center, id, "ACTIVE");
            }
        }
        Map<String, Object> filter = Map.of("associationId", association);
        GraphQL.ok(Tokens.admin(), DEEP, Map.of("first", 1, "f", filter)); // warms reference data

        long before5 = sql.statementCount();
        JsonPath five = GraphQL.ok(Tokens.admin(), DEEP, Map.of("first", 5, "f", filter));
        long cost5 = sql.statementCount() - before5;

        long before50 = sql.statementCount();
        JsonPath fifty = GraphQL.ok(Tokens.admin(), DEEP, Map.of("first", 50, "f", filter));
        long cost50 = sql.statementCount() - before50;

        assertEquals(5, five.getList("data.agreements.edges").size());
        assertEquals(50, fifty.getList("data.agreements.edges").size());
        assertEquals(50, fifty.getList("data.agreements.edges[0].node.association.agreements").size());
        System.out.printf("Statements: page of 5 = %d, page of 50 = %d%n", cost5, cost50);
        assertEquals(cost5, cost50, "statements for 5 vs 50 agreements");
        // page + count, then one per nested field: association, its centres, their occupancy, its agreements,
        // covered centres, their occupancy, their association, tranches, amendments, progress.
        assertTrue(cost50 <= 12, "a page of 50 cost " + cost50 + " statements");
    }

    @Test
    void aLookUpJoinsTheAssociationItSelectsInOneStatement() throws Exception {
        String association = Partners.createAssociation("MAR");
        String center = Partners.createCenter(association, "MAR");
        String id = (String) Partners.draft("MS", association, List.of(center)).get("id");
        String query = "query($id: ID!) { agreement(id: $id) { id reference status budget endsOn association { id name } } }";
        GraphQL.ok(Tokens.admin(), query, Map.of("id", id)); // warms reference data
        long before = sql.statementCount();
        JsonPath r = GraphQL.ok(Tokens.admin(), query, Map.of("id", id));
        assertEquals(1, sql.statementCount() - before, "agreement(id) with its association: one statement");
        assertEquals(association, r.getString("data.agreement.association.id"));
        for (String token : List.of(Tokens.academyOfficer("MS"), Tokens.associationStaff(association))) {
            assertEquals(association, GraphQL.ok(token, query, Map.of("id", id)).getString("data.agreement.association.id"));
        }
        // out of scope stays NOT_FOUND (the join does not widen the scope)
        assertEquals("NOT_FOUND", GraphQL.errorCode(GraphQL.post(Tokens.academyOfficer("CS"), query, Map.of("id", id))));
    }

    @Test
    void aPageJoinsTheAssociationItSelectsInItsOwnStatement() throws Exception {
        String association = Partners.createAssociation("MAR");
        String center = Partners.createCenter(association, "MAR");
        for (int i = 0; i < 3; i++) {
            Partners.draft("MS", association, List.of(center));
        }
        // the kit's q1: page (with associations and the count), centres, tranches
        String query = "query($f: AgreementFilter) { agreements(first: 20, filter: $f) { totalCount pageInfo { hasNextPage endCursor } "
                + "edges { node { id reference association { id name } centers { code name capacity } tranches { amount status dueOn } } } } }";
        Map<String, Object> vars = Map.of("f", Map.of("associationId", association));
        GraphQL.ok(Tokens.admin(), query, vars); // warms reference data
        String admin = Tokens.admin();
        for (String token : List.of(admin, Tokens.academyOfficer("MS"), Tokens.associationStaff(association))) {
            long before = sql.statementCount();
            JsonPath r = GraphQL.ok(token, query, vars);
            long cost = sql.statementCount() - before;
            if (token.equals(admin)) { // an officer's scope reads its grants first
                assertEquals(3, cost, "a page with its associations and its count, centres, tranches");
            }
            assertEquals(3, r.getInt("data.agreements.totalCount"));
            assertEquals(List.of(association, association, association), r.getList("data.agreements.edges.node.association.id"));
            assertEquals(GraphQL.ok(Tokens.admin(), "query($id: ID!) { association(id: $id) { name } }", Map.of("id", association))
                    .getString("data.association.name"), r.getString("data.agreements.edges[0].node.association.name"));
        }
        // out of scope: the join does not widen it
        assertEquals(0, GraphQL.ok(Tokens.academyOfficer("CS"), query, vars).getInt("data.agreements.totalCount"));
    }

    @Test
    void concurrentWritesBeyondThePoolSizeAllComplete() throws Exception {
        String association = Partners.createAssociation("MAR");
        String center = Partners.createCenter(association, "MAR");
        String officer = Tokens.academyOfficer("MS");
        ExecutorService pool = Executors.newFixedThreadPool(48);
        try {
            List<Callable<JsonPath>> calls = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                int n = i;
                calls.add(() -> n % 2 == 0
                        ? Partners.createAgreement(officer, Partners.agreementInput("MS", association, List.of(center)))
                        : GraphQL.post(officer, "mutation($in: CenterInput!) { createCenter(input: $in) { id } }",
                                Map.of("in", Partners.centerInput(association, "MAR"))));
            }
            for (Future<JsonPath> f : pool.invokeAll(calls)) {
                JsonPath r = f.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertTrue(r.get("errors") == null, r::prettify);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(24, GraphQL.ok(Tokens.admin(), "query($a: ID) { agreements(filter: {associationId: $a}) { totalCount } }",
                Map.of("a", association)).getInt("data.agreements.totalCount"));
    }

    @Test
    void oneDocumentWithSeveralRootFieldsSurvives32ConcurrentRequests() throws Exception {
        String association = Partners.createAssociation("MAR");
        String center = Partners.createCenter(association, "MAR");
        for (int i = 0; i < 5; i++) {
            Partners.draft("MS", association, List.of(center));
        }
        String document = "query($a: ID!, $c: ID!) { me { subject } "
                + "agreements(first: 10) { totalCount edges { node { reference association { name centers { code } } "
                + "centers { code occupancy } tranches { seq } progress { enrolled } } } } "
                + "centers(first: 10) { totalCount edges { node { code association { name agreements { reference } } "
                + "province { code } occupancy } } } "
                + "association(id: $a) { name centers { code } agreements { reference progress { enrolled } } } "
                + "center(id: $c) { code occupancy } }";
        List<String> tokens = List.of(Tokens.admin(), Tokens.ministry(), Tokens.academyOfficer("MS"),
                Tokens.associationStaff(association));
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Callable<JsonPath>> calls = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                String token = tokens.get(i % tokens.size());
                calls.add(() -> GraphQL.post(token, document, Map.of("a", association, "c", center)));
            }
            for (Future<JsonPath> f : pool.invokeAll(calls)) {
                JsonPath r = f.get();
                assertTrue(r.get("errors") == null, r::prettify);
                assertTrue(r.getInt("data.agreements.totalCount") >= 5);
                assertEquals(5, r.getList("data.association.agreements").size());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
