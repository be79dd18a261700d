package ma.forsa.privacy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import ma.forsa.support.DirectSql;
import ma.forsa.support.ServiceDate;
import ma.forsa.support.SqlFixtures;
import ma.forsa.support.Tokens;

/** The retention rule (forsa.retention.years = 5 by default) through POST /admin/retention/run. */
@QuarkusTest
class RetentionTest {

    /** What the statistics are computed from: any change here would change a published figure. */
    private static final String STATISTICS = """
            SELECT l.sex, l.province_of_residence_code AS province, l.disability, extract(year FROM l.birth_date) AS born,
                   e.status, e.school_year, e.center_id, o.kind, o.follow_up_month, count(*) AS n
            FROM learner l LEFT JOIN enrollment e ON e.learner_id = l.id LEFT JOIN outcome o ON o.enrollment_id = e.id
            GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 ORDER BY 1, 2, 3, 4, 5, 6, 7::text, 8, 9""";

    private static Response run(String token, String dryRun) {
        var request = given();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.queryParam("dryRun", dryRun).post("/admin/retention/run");
    }

    @Test
    void inactiveLearnersAreAnonymisedAndStatisticsStayTheSame() {
        LocalDate today = ServiceDate.today();
        UUID association = SqlFixtures.association("MAR");
        UUID center = SqlFixtures.center(association, "MAR");
        String first = "Retention" + SqlFixtures.suffix();

        UUID completedLongAgo = SqlFixtures.learner(first, "FEMALE", "MAR", LocalDate.of(2001, 3, 4), LocalDate.of(2015, 1, 10));
        UUID done = SqlFixtures.enrollment(completedLongAgo, center, "COMPLETED", LocalDate.of(2015, 9, 10), LocalDate.of(2016, 6, 30));
        DirectSql.update("UPDATE enrollment SET exit_reason = ? WHERE id = ?", "Parti vivre chez sa tante " + first, done);
        SqlFixtures.outcome(done, "FORMAL_SCHOOL", LocalDate.of(2016, 6, 30), 0);
        SqlFixtures.outcome(done, "VOCATIONAL_TRAINING", LocalDate.of(2016, 12, 30), 6);
        UUID neverEnrolled = SqlFixtures.learner(first, "MALE", "CHI", LocalDate.of(2002, 5, 6), LocalDate.of(2016, 2, 1));

        UUID stillEnrolled = SqlFixtures.learner(first, "MALE", "MAR", LocalDate.of(2001, 1, 1), LocalDate.of(2015, 1, 10));
        SqlFixtures.enrollment(stillEnrolled, center, "ACTIVE", LocalDate.of(2015, 9, 10), null);
        UUID recentFollowUp = SqlFixtures.learner(first, "FEMALE", "MAR", LocalDate.of(2003, 1, 1), LocalDate.of(2015, 1, 10));
        UUID dropped = SqlFixtures.enrollment(recentFollowUp, center, "DROPPED_OUT", LocalDate.of(2015, 9, 10),
                LocalDate.of(2016, 3, 1));
        SqlFixtures.outcome(dropped, "EMPLOYMENT", today.minusYears(1), 12);
        UUID recentExit = SqlFixtures.learner(first, "MALE", "CHI", LocalDate.of(2004, 1, 1), LocalDate.of(2016, 1, 10));
        SqlFixtures.enrollment(recentExit, center, "COMPLETED", LocalDate.of(2016, 9, 10), today.minusYears(2));
        UUID registeredLastYear = SqlFixtures.learner(first, "FEMALE", "CHI", LocalDate.of(2008, 1, 1), today.minusYears(1));

        List<UUID> due = List.of(completedLongAgo, neverEnrolled);
        List<UUID> kept = List.of(stillEnrolled, recentFollowUp, recentExit, registeredLastYear);

        // dry run: counts and ids, no names, nothing changed
        Response dry = run(Tokens.admin(), "true");
        assertEquals(200, dry.statusCode(), dry.asString());
        assertTrue(dry.jsonPath().getBoolean("dryRun"));
        assertEquals(5, dry.jsonPath().getInt("retentionYears"));
        List<String> listed = dry.jsonPath().getList("learnerIds");
        due.forEach(id -> assertTrue(listed.contains(id.toString()), "dry run lists " + id));
        kept.forEach(id -> assertFalse(listed.contains(id.toString()), "dry run keeps " + id));
        assertTrue(dry.jsonPath().getInt("learners") >= 2);
        assertFalse(dry.asString().contains(first) || dry.asString().contains("Testlast"), "no names in the answer");
        assertEquals(6L, ((Number) DirectSql.value("SELECT count(*) FROM learner WHERE first_name = ?", first)).longValue());
        assertEquals(0L, auditedAnonymisations(completedLongAgo));

        List<Map<String, Object>> before = DirectSql.query(STATISTICS);
        Map<String, Object> rowBefore = learnerRow(completedLongAgo);

        Response done1 = run(Tokens.admin(), "false");
        assertEquals(200, done1.statusCode(), done1.asString());
        assertFalse(done1.jsonPath().getBoolean("dryRun"));
        List<String> anonymised = done1.jsonPath().getList("learnerIds");
        due.forEach(id -> assertTrue(anonymised.contains(id.toString())));
        kept.forEach(id -> assertFalse(anonymised.contains(id.toString())));

        assertEquals(before, DirectSql.query(STATISTICS), "statistics identical after anonymisation");

        for (UUID id : due) {
            Map<String, Object> row = learnerRow(id);
            for (String column : List.of("massar_code", "cin", "first_name", "last_name", "first_name_ar", "last_name_ar",
                    "name_key", "guardian_name", "guardian_phone", "dropout_reason")) {
                assertNull(row.get(column), column + " erased");
            }
            assertNotNull(row.get("anonymised_at"));
            assertEquals(1L, auditedAnonymisations(id));
        }
        assertNull(DirectSql.value("SELECT exit_reason FROM enrollment WHERE id = ?", done), "free-text exit reason erased");
        for (UUID id : due) {
            assertEquals(0L, ((Number) DirectSql.value("SELECT count(*) FROM enrollment WHERE learner_id = ? "
                    + "AND learner_sort_key IS NOT NULL", id)).longValue(), "the name order its enrollments carried erased");
        }
        assertEquals("COMPLETED", DirectSql.value("SELECT status FROM enrollment WHERE id = ?", done));
        Map<String, Object> rowAfter = learnerRow(completedLongAgo);
        for (String column : List.of("birth_date", "sex", "province_of_residence_code", "disability")) {
            assertEquals(rowBefore.get(column), rowAfter.get(column), column + " kept");
        }
        for (UUID id : kept) {
            assertEquals(first, learnerRow(id).get("first_name"));
            assertNull(learnerRow(id).get("anonymised_at"));
        }
        String changes = (String) DirectSql.value("SELECT changes::text FROM audit_event WHERE action = 'ANONYMISE'"
                + " AND entity_id = ?", completedLongAgo.toString());
        assertTrue(changes.contains("firstName") && !changes.contains(first), changes);

        // idempotent: a second run finds nothing more about these learners
        Response again = run(Tokens.admin(), "false");
        assertEquals(200, again.statusCode());
        due.forEach(id -> assertFalse(again.jsonPath().getList("learnerIds").contains(id.toString())));
        due.forEach(id -> assertEquals(1L, auditedAnonymisations(id)));
    }

    @jakarta.inject.Inject
    RetentionSchedule schedule;

    @Test
    void thePeriodicRunAnonymisesUnderItsOwnSubject() {
        UUID due = SqlFixtures.learner("Scheduled" + SqlFixtures.suffix(), "MALE", "MAR", LocalDate.of(2000, 1, 1),
                LocalDate.of(2014, 1, 1));
        schedule.runOnce();
        Object subject = org.awaitility.Awaitility.await("the scheduled run's ANONYMISE event")
                .atMost(java.time.Duration.ofSeconds(30)).until(() -> DirectSql.value(
                        "SELECT subject FROM audit_event WHERE action = 'ANONYMISE' AND entity_id = ?", due.toString()),
                        java.util.Objects::nonNull);
        assertEquals(RetentionSchedule.SUBJECT, subject);
        assertNull(learnerRow(due).get("first_name"));
    }

    @Test
    void onlyAdminRunsTheJob() {
        Response ministry = run(Tokens.ministry(), "true");
        assertEquals(403, ministry.statusCode());
        assertEquals("FORBIDDEN", ministry.jsonPath().getString("code"));
        assertEquals(403, run(Tokens.academyOfficer("MS"), "false").statusCode());
        Response anonymous = run(null, "true");
        assertEquals(401, anonymous.statusCode());
        assertEquals("UNAUTHENTICATED", anonymous.jsonPath().getString("code"));
        assertNotNull(anonymous.jsonPath().getString("message"));
    }

    private static Map<String, Object> learnerRow(UUID id) {
        return DirectSql.query("SELECT * FROM learner WHERE id = ?", id).get(0);
    }

    private static long auditedAnonymisations(UUID id) {
        return ((Number) DirectSql.value("SELECT count(*) FROM audit_event WHERE action = 'ANONYMISE' AND entity = 'Learner'"
                + " AND entity_id = ?", id.toString())).longValue();
    }
}
