package ma.forsa.agreement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import ma.forsa.common.db.Db;
import ma.forsa.support.GraphQL;
import ma.forsa.support.Tokens;

/**
 * A page of agreements carries its totalCount in its own statement (AgreementRepository#page, common/paging/CountedPage),
 * with or without the agreements' associations joined and in every order: a count selected costs no statement of its
 * own, and it is the list's count on the first page, a later one, one past the end (no row to carry it: counted apart),
 * and for an empty list, within the caller's scope and the filter only.
 */
@QuarkusTest
class AgreementCountedPageTest {

    private static final String PAGE = "query($first: Int, $after: String, $f: AgreementFilter, $o: AgreementOrder) { "
            + "agreements(first: $first, after: $after, filter: $f, orderBy: $o) { %s edges { node { id %s } } "
            + "pageInfo { hasNextPage endCursor } } }";

    @Inject
    Db reads;

    @Test
    void theCountOfAListOfAgreementsRidesInItsPage() {
        String association = Partners.createAssociation("MAR");
        String centre = Partners.createCenter(association, "MAR");
        for (int i = 0; i < 3; i++) {
            Partners.draft("MS", association, List.of(centre));
        }
        String other = Partners.createAssociation("MAR");
        Partners.draft("MS", other, List.of(Partners.createCenter(other, "MAR")));
        Map<String, Object> mine = Map.of("associationId", association);

        Map<String, String> callers = Map.of("ADMIN", Tokens.admin(), "ASSOCIATION_STAFF", Tokens.associationStaff(association));
        for (Map.Entry<String, String> caller : callers.entrySet()) {
            String token = caller.getValue();
            for (String nested : List.of("", "association { name }")) {
                for (String order : List.of("REFERENCE", "BUDGET")) {
                    String counted = PAGE.formatted("totalCount", nested);
                    String uncounted = PAGE.formatted("", nested);
                    Map<String, Object> vars = Map.of("first", 2, "f", mine, "o", order);
                    String what = caller.getKey() + ", " + (nested.isEmpty() ? "no association" : nested) + ", " + order;
                    GraphQL.ok(token, counted, vars); // the statements prepared
                    long withCount = Long.MAX_VALUE;
                    long withoutCount = Long.MAX_VALUE;
                    JsonPath first = null;
                    for (int attempt = 0; attempt < 3; attempt++) { // the fewest of three: a staff's standing is cached for seconds
                        long before = reads.statementCount();
                        first = GraphQL.ok(token, counted, vars);
                        withCount = Math.min(withCount, reads.statementCount() - before);
                        before = reads.statementCount();
                        GraphQL.ok(token, uncounted, vars);
                        withoutCount = Math.min(withoutCount, reads.statementCount() - before);
                    }
                    assertEquals(withoutCount, withCount, "statements with and without totalCount, " + what);
                    assertEquals(3, first.getInt("data.agreements.totalCount"), "first page, " + what);
                    assertEquals(2, first.getList("data.agreements.edges").size());

                    String cursor = first.getString("data.agreements.pageInfo.endCursor");
                    JsonPath next = GraphQL.ok(token, counted, Map.of("first", 2, "after", cursor, "f", mine, "o", order));
                    assertEquals(3, next.getInt("data.agreements.totalCount"), "second page, " + what);
                    assertEquals(1, next.getList("data.agreements.edges").size());

                    String last = next.getString("data.agreements.pageInfo.endCursor");
                    JsonPath past = GraphQL.ok(token, counted, Map.of("first", 2, "after", last, "f", mine, "o", order));
                    assertEquals(3, past.getInt("data.agreements.totalCount"), "past the end, " + what);
                    assertEquals(0, past.getList("data.agreements.edges").size());
                }
            }
        }

        // another association's staff: its own agreement only, whatever the filter asks
        JsonPath theirs = GraphQL.ok(Tokens.associationStaff(other), PAGE.formatted("totalCount", ""), Map.of("first", 2,
                "f", Map.of(), "o", "REFERENCE"));
        assertEquals(1, theirs.getInt("data.agreements.totalCount"));
        JsonPath none = GraphQL.ok(Tokens.associationStaff(other), PAGE.formatted("totalCount", ""), Map.of("first", 2,
                "f", mine, "o", "REFERENCE"));
        assertEquals(0, none.getInt("data.agreements.totalCount"), "an empty list");
        assertEquals(0, none.getList("data.agreements.edges").size());
    }
}
