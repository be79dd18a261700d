package ma.forsa.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import ma.forsa.common.db.Db;
import ma.forsa.support.GraphQL;
import ma.forsa.support.Tokens;

/**
 * The partner portal's lists (an association's learners, a centre's) carry their totalCount in the page's own statement
 * (LearnerRepository#page with a count): a count selected costs no statement of its own, and it is the list's count on
 * every page, the first, a later one, one past the end (no row to carry it: counted apart), and for an empty list; other
 * associations' learners are never counted.
 */
@QuarkusTest
class CountedPageTest {

    private static final String PAGE = "query($first: Int, $after: String, $f: LearnerFilter) { learners(first: $first, "
            + "after: $after, filter: $f) { %s edges { node { id } } pageInfo { hasNextPage endCursor } } }";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Db reads;

    @Test
    void theCountOfAnAssociationsOrACentresListRidesInItsPage() {
        RegistryFixtures fx = new RegistryFixtures(dataSource);
        UUID association = fx.association("MAR");
        UUID other = fx.association("MAR");
        UUID centre = fx.center(association, "MAR", 50);
        UUID second = fx.center(association, "MAR", 50);
        UUID elsewhere = fx.center(other, "MAR", 50);
        for (int i = 0; i < 3; i++) {
            enroll(fx, centre);
        }
        enroll(fx, second);
        enroll(fx, elsewhere);
        String staff = Tokens.associationStaff(association);
        Map<String, Object> byCentre = Map.of("centerId", centre.toString());

        for (Map<String, Object> filter : List.of(Map.<String, Object>of(), byCentre)) {
            int expected = filter.isEmpty() ? 4 : 3;
            GraphQL.ok(staff, PAGE.formatted("totalCount"), Map.of("first", 2, "f", filter)); // the statements prepared
            // the fewest of three tries: the caller's standing, cached for seconds, may be read again during one
            long withCount = Long.MAX_VALUE;
            long withoutCount = Long.MAX_VALUE;
            JsonPath counted = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                long before = reads.statementCount();
                counted = GraphQL.ok(staff, PAGE.formatted("totalCount"), Map.of("first", 2, "f", filter));
                withCount = Math.min(withCount, reads.statementCount() - before);
                before = reads.statementCount();
                GraphQL.ok(staff, PAGE.formatted(""), Map.of("first", 2, "f", filter));
                withoutCount = Math.min(withoutCount, reads.statementCount() - before);
            }
            assertEquals(withoutCount, withCount, "statements with and without totalCount, filter " + filter);
            assertEquals(expected, counted.getInt("data.learners.totalCount"), "first page, filter " + filter);
            assertEquals(2, counted.getList("data.learners.edges").size());

            String cursor = counted.getString("data.learners.pageInfo.endCursor");
            JsonPath next = GraphQL.ok(staff, PAGE.formatted("totalCount"), Map.of("first", 2, "after", cursor, "f", filter));
            assertEquals(expected, next.getInt("data.learners.totalCount"), "second page, filter " + filter);
            assertEquals(expected - 2, next.getList("data.learners.edges").size());

            String last = next.getString("data.learners.pageInfo.endCursor");
            JsonPath past = GraphQL.ok(staff, PAGE.formatted("totalCount"), Map.of("first", 2, "after", last, "f", filter));
            assertEquals(expected, past.getInt("data.learners.totalCount"), "past the end, filter " + filter);
            assertEquals(0, past.getList("data.learners.edges").size());
        }

        UUID empty = fx.association("MAR");
        JsonPath none = GraphQL.ok(Tokens.associationStaff(empty), PAGE.formatted("totalCount"), Map.of("first", 2,
                "f", Map.of()));
        assertEquals(0, none.getInt("data.learners.totalCount"));
        assertEquals(0, none.getList("data.learners.edges").size());
    }

    private static void enroll(RegistryFixtures fx, UUID centre) {
        UUID learner = fx.insert("INSERT INTO learner (first_name, last_name, name_key, search_key, birth_date, sex, "
                + "province_of_residence_code) VALUES ('Counted', 'Page', 'counted page', 'counted page', "
                + "DATE '2010-01-01', 'FEMALE', 'MAR') RETURNING id");
        fx.execute("INSERT INTO enrollment (learner_id, center_id, school_year, strands, status, enrolled_on) VALUES "
                + "(?, ?, '2025-2026', ARRAY['EDUCATIONAL']::varchar(20)[], 'ACTIVE', DATE '2025-09-15')", learner, centre);
    }
}
