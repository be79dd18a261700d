package ma.forsa.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import ma.forsa.support.GraphQL;
import ma.forsa.support.Tokens;

/** Statistics over the hand-counted {@link StatsFixture}: every dimension, both sources, scope and suppression. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatisticsTest {

    static final String QUERY = "query($g: [StatsDimension!]!, $f: StatsFilter) { statistics(groupBy: $g, filter: $f) "
            + "{ keys { dimension value } enrolled active completed droppedOut integrated integrationRate suppressed } }";

    @Inject
    DataSource dataSource;

    final StatsFixture fx = new StatsFixture();

    @BeforeAll
    void insertFixture() throws Exception {
        fx.insert(dataSource);
    }

    /** Rows keyed by their key values joined with '|'; each row as [enrolled, active, completed, droppedOut, integrated]. */
    Map<String, List<Integer>> stats(String token, List<String> groupBy, Map<String, Object> filter) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("g", groupBy);
        vars.put("f", filter);
        JsonPath r = GraphQL.ok(token, QUERY, vars);
        List<Map<String, Object>> rows = r.getList("data.statistics");
        Map<String, List<Integer>> out = new LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
            @SuppressWarnings("unchecked")
            List<Map<String, String>> keys = (List<Map<String, String>>) row.get("keys");
            String key = keys.stream().map(k -> k.get("value")).collect(Collectors.joining("|"));
            out.put(key, row.get("suppressed").equals(Boolean.TRUE) ? null
                    : List.of((Integer) row.get("enrolled"), (Integer) row.get("active"), (Integer) row.get("completed"),
                            (Integer) row.get("droppedOut"), (Integer) row.get("integrated")));
        }
        return out;
    }

    Map<String, List<Integer>> stats(List<String> groupBy) {
        return stats(Tokens.admin(), groupBy, Map.of("schoolYear", fx.schoolYear));
    }

    @Test
    void totalOfTheYear() {
        JsonPath r = GraphQL.ok(Tokens.admin(), QUERY, Map.of("g", List.of(), "f", Map.of("schoolYear", fx.schoolYear)));
        assertEquals(1, r.getList("data.statistics").size());
        assertEquals(List.of(), r.getList("data.statistics[0].keys"));
        assertEquals(20, r.getInt("data.statistics[0].enrolled"));
        assertEquals(0.7, r.getDouble("data.statistics[0].integrationRate"), 1e-9);
        assertEquals(Map.of("", List.of(20, 10, 8, 2, 7)), stats(List.of()));
    }

    @Test
    void byAcademyProvinceCentreAssociation() {
        assertEquals(Map.of("CS", List.of(6, 6, 0, 0, 0), "MS", List.of(14, 4, 8, 2, 7)), stats(List.of("ACADEMY")));
        assertEquals(Map.of("CAS", List.of(6, 6, 0, 0, 0), "CHI", List.of(3, 0, 3, 0, 3), "MAR", List.of(11, 4, 5, 2, 4)),
                stats(List.of("PROVINCE")));
        assertEquals(Map.of(fx.code(fx.c1), List.of(11, 4, 5, 2, 4), fx.code(fx.c2), List.of(3, 0, 3, 0, 3),
                fx.code(fx.c3), List.of(6, 6, 0, 0, 0)), stats(List.of("CENTER")));
        assertEquals(Map.of(fx.a1Reg(), List.of(14, 4, 8, 2, 7), fx.a2Reg(), List.of(6, 6, 0, 0, 0)),
                stats(List.of("ASSOCIATION")));
    }

    @Test
    void bySexAgeBandStrandOutcome() {
        assertEquals(Map.of("FEMALE", List.of(12, 8, 2, 2, 3), "MALE", List.of(8, 2, 6, 0, 4)), stats(List.of("SEX")));
        assertEquals(Map.of("13-15", List.of(4, 2, 2, 0, 2), "16-18", List.of(6, 2, 4, 0, 4), "19-22", List.of(10, 6, 2, 2, 1)),
                stats(List.of("AGE_BAND")));
        assertEquals(Map.of("EDUCATIONAL", List.of(9, 4, 3, 2, 4), "PRE_VOCATIONAL", List.of(8, 0, 8, 0, 6),
                "LIFE_SKILLS", List.of(13, 10, 3, 0, 3)), stats(List.of("STRAND")));
        assertEquals(Map.of("NONE", List.of(11, 10, 1, 0, 0), "FORMAL_SCHOOL", List.of(2, 0, 2, 0, 2),
                "EMPLOYMENT", List.of(4, 0, 4, 0, 4), "NOT_INTEGRATED", List.of(1, 0, 1, 0, 0),
                "UNKNOWN", List.of(1, 0, 0, 1, 0), "VOCATIONAL_TRAINING", List.of(1, 0, 0, 1, 1)),
                stats(List.of("OUTCOME_KIND")));
        assertEquals(Map.of(fx.schoolYear, List.of(20, 10, 8, 2, 7)), stats(List.of("SCHOOL_YEAR")));
    }

    @Test
    void theThreeSourcesAgree() {
        // ACADEMY x OUTCOME_KIND from the centre roll-up, ACADEMY x SEX from the academy roll-up, CENTER x SEX and any
        // dated request from the enrollment facts.
        Map<String, List<Integer>> cells = stats(List.of("ACADEMY", "OUTCOME_KIND"));
        Map<String, List<Integer>> facts = stats(Tokens.admin(), List.of("ACADEMY", "OUTCOME_KIND"),
                Map.of("schoolYear", fx.schoolYear, "from", fx.enrolledOn.toString(), "to", fx.enrolledOn.toString()));
        assertEquals(cells, facts);
        assertEquals(List.of(5, 4, 1, 0, 0), cells.get("MS|NONE"));
        assertEquals(Map.of("CS|FEMALE", List.of(6, 6, 0, 0, 0), "MS|FEMALE", List.of(6, 2, 2, 2, 3),
                "MS|MALE", List.of(8, 2, 6, 0, 4)), stats(List.of("ACADEMY", "SEX")));
        assertEquals(Map.of(fx.code(fx.c1) + "|FEMALE", List.of(6, 2, 2, 2, 3), fx.code(fx.c1) + "|MALE", List.of(5, 2, 3, 0, 1),
                fx.code(fx.c2) + "|MALE", List.of(3, 0, 3, 0, 3), fx.code(fx.c3) + "|FEMALE", List.of(6, 6, 0, 0, 0)),
                stats(List.of("CENTER", "SEX")));
        assertEquals(Map.of(), stats(Tokens.admin(), List.of("ACADEMY"),
                Map.of("schoolYear", fx.schoolYear, "from", fx.enrolledOn.plusDays(1).toString())));
    }

    @Test
    void scopeConfinesTheCounts() {
        Map<String, Object> year = Map.of("schoolYear", fx.schoolYear);
        assertEquals(Map.of(fx.code(fx.c3), List.of(6, 6, 0, 0, 0)), stats(Tokens.academyOfficer("CS"), List.of("CENTER"), year));
        assertEquals(Map.of(), stats(Tokens.academyOfficer("CS"), List.of("CENTER"),
                Map.of("schoolYear", fx.schoolYear, "academyCode", "MS")));
        assertEquals(Map.of("", List.of(6, 6, 0, 0, 0)), stats(Tokens.associationStaff(fx.a2), List.of(), year));
        assertEquals(Map.of("FEMALE", List.of(6, 2, 2, 2, 3), "MALE", List.of(8, 2, 6, 0, 4)),
                stats(Tokens.associationStaff(fx.a1), List.of("SEX"), year));
    }

    @Test
    void ministrySeesSmallCellsSuppressedWithTheirComplement() {
        Map<String, Object> year = Map.of("schoolYear", fx.schoolYear);
        JsonPath r = GraphQL.ok(Tokens.ministry(), QUERY, Map.of("g", List.of("CENTER"), "f", year));
        Map<String, Map<String, Object>> rows = new HashMap<>();
        List<Map<String, Object>> list = r.getList("data.statistics");
        for (Map<String, Object> row : list) {
            @SuppressWarnings("unchecked")
            List<Map<String, String>> keys = (List<Map<String, String>>) row.get("keys");
            rows.put(keys.get(0).get("value"), row);
        }
        // C1: 11 enrolled are shown; its sub-figures are not, droppedOut being 2 (security/Disclosure, rule 2)
        Map<String, Object> c1 = rows.get(fx.code(fx.c1));
        assertEquals(11, c1.get("enrolled"));
        for (String figure : List.of("active", "completed", "droppedOut", "integrated", "integrationRate")) {
            assertNull(c1.get(figure), figure);
        }
        assertEquals(true, c1.get("suppressed"));
        Map<String, Object> c2 = rows.get(fx.code(fx.c2));
        assertNull(c2.get("enrolled"), "3 learners: suppressed");
        assertNull(c2.get("integrationRate"));
        assertEquals(true, c2.get("suppressed"));
        assertNull(rows.get(fx.code(fx.c3)).get("enrolled"),
                "6 learners, but the only other cell: suppressed so that C2 = total - C1 - C3 cannot be computed");
        assertEquals(3, rows.size(), "suppressed rows keep their keys");
        assertEquals(List.of(3, 0, 3, 0, 3), stats(List.of("CENTER")).get(fx.code(fx.c2)), "ADMIN sees every cell");
    }

    @Test
    void emptyAndInvalidFilters() {
        assertEquals(Map.of(), stats(Tokens.admin(), List.of("ACADEMY"), Map.of("schoolYear", "2999-3000")));
        JsonPath all = GraphQL.ok(Tokens.admin(), QUERY, Map.of("g", List.of()));
        assertTrue(all.getInt("data.statistics[0].enrolled") >= 20);
        JsonPath bad = GraphQL.post(Tokens.admin(), QUERY, Map.of("g", List.of("SEX"), "f", Map.of("schoolYear", "2024")));
        assertEquals("VALIDATION", GraphQL.errorCode(bad));
        assertEquals("schoolYear", bad.getString("errors[0].extensions.field"));
        assertEquals("UNAUTHENTICATED", GraphQL.errorCode(GraphQL.post(null, QUERY, Map.of("g", List.of()))));
    }

    @Test
    void writesAreReflectedAtOnce() throws Exception {
        Map<String, Object> year = Map.of("schoolYear", fx.schoolYear);
        // An enrollment of C3 completes with an apprenticeship: moves from active to completed and integrated.
        try (Connection c = dataSource.getConnection()) {
            StatsFixture.exec(c, "UPDATE enrollment SET status = 'COMPLETED', exited_on = enrolled_on + 200 WHERE id = "
                    + "(SELECT id FROM enrollment WHERE center_id = ? AND status = 'ACTIVE' LIMIT 1)", fx.c3);
            assertEquals(Map.of("", List.of(6, 5, 1, 0, 0)), stats(Tokens.associationStaff(fx.a2), List.of(), year));
            StatsFixture.exec(c, "INSERT INTO outcome (enrollment_id, kind, observed_on, follow_up_month) SELECT id, "
                    + "'APPRENTICESHIP', exited_on, 0 FROM enrollment WHERE center_id = ? AND status = 'COMPLETED'", fx.c3);
            assertEquals(Map.of("CS|APPRENTICESHIP", List.of(1, 0, 1, 0, 1), "CS|NONE", List.of(5, 5, 0, 0, 0)),
                    stats(Tokens.academyOfficer("CS"), List.of("ACADEMY", "OUTCOME_KIND"), year));
            assertEquals(Map.of("CS|FEMALE", List.of(6, 5, 1, 0, 1)),
                    stats(Tokens.academyOfficer("CS"), List.of("ACADEMY", "SEX"), year));
            // back to the fixture's state
            StatsFixture.exec(c, "DELETE FROM outcome WHERE enrollment_id IN (SELECT id FROM enrollment WHERE center_id = ?)", fx.c3);
            StatsFixture.exec(c, "UPDATE enrollment SET status = 'ACTIVE', exited_on = NULL WHERE center_id = ?", fx.c3);
        }
        assertEquals(Map.of("", List.of(6, 6, 0, 0, 0)), stats(Tokens.associationStaff(fx.a2), List.of(), year));
        assertFalse(stats(List.of("OUTCOME_KIND")).containsKey("APPRENTICESHIP"));
    }

    @Test
    void triggerMaintainedTablesMatchARecount() throws Exception {
        String[] checks = {
            "SELECT count(*) FROM ((SELECT * FROM stats_fact EXCEPT SELECT * FROM stats_fact_source) "
                    + "UNION ALL (SELECT * FROM stats_fact_source EXCEPT SELECT * FROM stats_fact)) d",
            "WITH r AS (SELECT center_id, school_year, outcome_kind, count(*)::int AS enrolled, "
                    + "count(*) FILTER (WHERE status IN ('ENROLLED', 'ACTIVE'))::int AS active, "
                    + "count(*) FILTER (WHERE status = 'COMPLETED')::int AS completed, "
                    + "count(*) FILTER (WHERE status = 'DROPPED_OUT')::int AS dropped_out, "
                    + "count(*) FILTER (WHERE stats_is_integrated(status, outcome_kind))::int AS integrated "
                    + "FROM stats_fact GROUP BY 1, 2, 3) SELECT count(*) FROM ((SELECT * FROM r EXCEPT "
                    + "SELECT * FROM stats_center_cell WHERE enrolled > 0) UNION ALL (SELECT * FROM stats_center_cell "
                    + "WHERE enrolled > 0 EXCEPT SELECT * FROM r)) d",
            "WITH r AS (SELECT academy_code, school_year, sex, age, strands, outcome_kind, count(*)::int AS enrolled, "
                    + "count(*) FILTER (WHERE status IN ('ENROLLED', 'ACTIVE'))::int AS active, "
                    + "count(*) FILTER (WHERE status = 'COMPLETED')::int AS completed, "
                    + "count(*) FILTER (WHERE status = 'DROPPED_OUT')::int AS dropped_out, "
                    + "count(*) FILTER (WHERE stats_is_integrated(status, outcome_kind))::int AS integrated "
                    + "FROM stats_fact GROUP BY 1, 2, 3, 4, 5, 6) SELECT count(*) FROM ((SELECT * FROM r EXCEPT "
                    + "SELECT * FROM stats_academy_cell WHERE enrolled > 0) UNION ALL (SELECT * FROM stats_academy_cell "
                    + "WHERE enrolled > 0 EXCEPT SELECT * FROM r)) d",
            "WITH r AS (SELECT agreement_id, count(*)::int AS enrolled, "
                    + "count(*) FILTER (WHERE status IN ('ENROLLED', 'ACTIVE'))::int AS active, "
                    + "count(*) FILTER (WHERE status = 'COMPLETED')::int AS completed, "
                    + "count(*) FILTER (WHERE status = 'DROPPED_OUT')::int AS dropped_out, "
                    + "count(*) FILTER (WHERE stats_is_integrated(status, outcome_kind))::int AS integrated "
                    + "FROM stats_fact WHERE agreement_id IS NOT NULL GROUP BY 1) SELECT count(*) FROM ((SELECT * FROM r "
                    + "EXCEPT SELECT * FROM stats_agreement_cell WHERE enrolled > 0) UNION ALL (SELECT * FROM "
                    + "stats_agreement_cell WHERE enrolled > 0 EXCEPT SELECT * FROM r)) d" };
        try (Connection c = dataSource.getConnection(); var st = c.createStatement()) {
            for (String check : checks) {
                try (var rs = st.executeQuery(check)) {
                    rs.next();
                    assertEquals(0, rs.getInt(1), check);
                }
            }
        }
    }
}
