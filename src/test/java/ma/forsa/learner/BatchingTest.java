package ma.forsa.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
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
 * Nested lists are batched: a page of 50 learners with their enrollments, centres, agreements,
 * outcomes (and back-references) costs as many SQL statements as a page of 5. Statements are
 * counted by {@link Db}, the one gateway of reads to the database.
 */
@QuarkusTest
class BatchingTest {

    private static final String PAGE = "query($first: Int, $f: LearnerFilter) { learners(first: $first, filter: $f) { "
            + "totalCount edges { node { id firstName provinceOfResidence { code name } enrollments { id status "
            + "learner { id } center { id code enrollments(first: 3) { totalCount edges { node { id } } } } "
            + "agreement { id reference } outcomes { id followUpMonth enrollment { id } } } } } } }";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    Db reads;

    @Test
    void aPageOf50CostsAsManyStatementsAsAPageOf5() {
        RegistryFixtures fx = new RegistryFixtures(dataSource);
        String token = RegistryFixtures.letters(10);
        UUID association = fx.association("MAR");
        UUID agreement = fx.agreement(association, "MS", "ACTIVE", LocalDate.of(2025, 1, 1), LocalDate.of(2027, 12, 31));
        for (int i = 0; i < 50; i++) {
            UUID center = fx.center(association, "MAR", 100);
            fx.execute("INSERT INTO agreement_center (agreement_id, center_id) VALUES (?, ?)", agreement, center);
            UUID learner = fx.insert("INSERT INTO learner (first_name, last_name, name_key, search_key, birth_date, sex, "
                    + "province_of_residence_code) VALUES (?, ?, ?, ?, DATE '2010-01-01', 'MALE', 'MAR') RETURNING id",
                    "Batch" + i, token, "batch" + i + " " + token, "batch" + i + " " + token);
            UUID enrollment = fx.insert("INSERT INTO enrollment (learner_id, center_id, agreement_id, school_year, strands, "
                    + "status, enrolled_on, exited_on) VALUES (?, ?, ?, '2025-2026', ARRAY['EDUCATIONAL']::varchar(20)[], "
                    + "'COMPLETED', DATE '2025-09-15', DATE '2026-06-30') RETURNING id", learner, center, agreement);
            fx.execute("INSERT INTO outcome (enrollment_id, kind, observed_on, follow_up_month) VALUES (?, 'EMPLOYMENT', "
                    + "DATE '2026-07-15', 0)", enrollment);
        }
        Map<String, Object> filter = Map.of("search", token);
        GraphQL.ok(Tokens.admin(), PAGE, Map.of("first", 1, "f", filter)); // warms the reference data cache

        long before5 = reads.statementCount();
        JsonPath five = GraphQL.ok(Tokens.admin(), PAGE, Map.of("first", 5, "f", filter));
        long cost5 = reads.statementCount() - before5;
        long before50 = reads.statementCount();
        JsonPath fifty = GraphQL.ok(Tokens.admin(), PAGE, Map.of("first", 50, "f", filter));
        long cost50 = reads.statementCount() - before50;

        assertEquals(5, five.getList("data.learners.edges").size());
        assertEquals(50, fifty.getList("data.learners.edges").size());
        List<String> outcomes = fifty.getList("data.learners.edges.node.enrollments.outcomes.enrollment.id.flatten()");
        assertEquals(50, outcomes.size());
        assertEquals("MAR", fifty.getString("data.learners.edges[0].node.provinceOfResidence.code"));
        assertEquals(1, fifty.getInt("data.learners.edges[0].node.enrollments[0].center.enrollments.totalCount"));
        System.out.printf("BatchingTest: SQL statements for a page of 5: %d, of 50: %d%n", cost5, cost50);
        assertEquals(cost5, cost50, "statements for 5 learners: " + cost5 + ", for 50: " + cost50);
        // count + page, enrollments, learner, centre, centre enrollments (count + page), agreement, outcomes, enrollment
        assertTrue(cost50 <= 10, "statements for a page: " + cost50);
    }

    @Test
    void theCentresOfEnrollmentsComeWithTheEnrollmentsOrTheirParentCentre() {
        RegistryFixtures fx = new RegistryFixtures(dataSource);
        String token = RegistryFixtures.letters(10);
        UUID association = fx.association("MAR");
        UUID first = fx.center(association, "MAR", 100);
        UUID second = fx.center(association, "MAR", 100);
        fx.execute("UPDATE center SET commune = 'Agdal', address = '12 rue " + token + "' WHERE id = ?", second);
        for (int i = 0; i < 4; i++) {
            UUID learner = fx.insert("INSERT INTO learner (first_name, last_name, name_key, search_key, birth_date, sex, "
                    + "province_of_residence_code) VALUES (?, ?, ?, ?, DATE '2010-01-01', 'FEMALE', 'MAR') RETURNING id",
                    "Joined" + i, token, "joined" + i + " " + token, "joined" + i + " " + token);
            fx.execute("INSERT INTO enrollment (learner_id, center_id, school_year, strands, status, enrolled_on, exited_on) "
                    + "VALUES (?, ?, '2024-2025', ARRAY['EDUCATIONAL']::varchar(20)[], 'COMPLETED', DATE '2024-09-15', "
                    + "DATE '2025-06-30')", learner, i % 2 == 0 ? first : second);
            if (i % 2 == 1) { // two enrollments, in both centres
                fx.execute("INSERT INTO enrollment (learner_id, center_id, school_year, strands, status, enrolled_on) "
                        + "VALUES (?, ?, '2025-2026', ARRAY['EDUCATIONAL']::varchar(20)[], 'ENROLLED', DATE '2025-09-15')",
                        learner, first);
            }
        }
        Map<String, Object> vars = Map.of("f", Map.of("search", token));
        String fields = "id code name commune address capacity status version";
        String without = "query($f: LearnerFilter) { learners(first: 10, filter: $f) { edges { node { lastName enrollments { id "
                + "status } } } } }";
        String with = "query($f: LearnerFilter) { learners(first: 10, filter: $f) { edges { node { lastName enrollments { id "
                + "status center { " + fields + " } } } } } }";
        GraphQL.ok(Tokens.admin(), without, vars); // warms the reference data cache

        long before = reads.statementCount();
        GraphQL.ok(Tokens.admin(), without, vars);
        long plain = reads.statementCount() - before;
        before = reads.statementCount();
        JsonPath page = GraphQL.ok(Tokens.admin(), with, vars);
        long withCentres = reads.statementCount() - before;
        assertEquals(plain, withCentres, "the centres are read with the enrollments, in the same statement");

        List<Map<String, Object>> centres = page.getList("data.learners.edges.node.enrollments.flatten().center");
        assertEquals(6, centres.size());
        for (Map<String, Object> centre : centres) { // each as the centre's own look-up gives it
            Map<String, Object> row = fx.query("SELECT id::text AS id, code, name, commune, address, capacity, status, version "
                    + "FROM center WHERE id = ?::uuid", centre.get("id")).get(0);
            assertEquals(row, centre, "centre " + centre.get("id"));
        }
        assertEquals(4, centres.stream().filter(c -> c.get("id").equals(first.toString())).count());
        assertEquals("12 rue " + token, centres.stream().filter(c -> c.get("id").equals(second.toString())).findFirst()
                .orElseThrow().get("address"));

        // under a centre's enrollments, each enrollment's centre is that centre: no statement for it
        String underCentre = "query($id: ID!) { center(id: $id) { enrollments(first: 10) { edges { node { id %s } } } } }";
        Map<String, Object> centreVars = Map.of("id", second.toString());
        GraphQL.ok(Tokens.admin(), underCentre.formatted(""), centreVars);
        before = reads.statementCount();
        GraphQL.ok(Tokens.admin(), underCentre.formatted(""), centreVars);
        plain = reads.statementCount() - before;
        before = reads.statementCount();
        JsonPath underSecond = GraphQL.ok(Tokens.admin(), underCentre.formatted("center { " + fields + " }"), centreVars);
        assertEquals(plain, reads.statementCount() - before, "the enrollments' centre is their parent");
        List<String> ids = underSecond.getList("data.center.enrollments.edges.node.center.id");
        assertEquals(List.of(second.toString(), second.toString()), ids);
    }
}
