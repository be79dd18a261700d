package ma.forsa.privacy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import ma.forsa.support.DirectSql;
import ma.forsa.support.ServiceDate;
import ma.forsa.support.SqlFixtures;
import ma.forsa.support.Tokens;

@QuarkusTest
class SubjectAccessExportTest {

    private static Response export(String token, Object id) {
        var request = given();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.get("/admin/learners/" + id + "/export");
    }

    private static long exports(UUID learner) {
        return ((Number) DirectSql.value("SELECT count(*) FROM audit_event WHERE action = 'EXPORT' AND entity = 'Learner'"
                + " AND entity_id = ?", learner.toString())).longValue();
    }


    @Test
    void adminExportsEverythingHeldAboutOneLearnerAndTheExportIsAudited() {
        UUID association = SqlFixtures.association("MAR");
        UUID center = SqlFixtures.center(association, "MAR");
        String first = "Export" + SqlFixtures.suffix();
        UUID learner = SqlFixtures.learner(first, "FEMALE", "MAR", LocalDate.of(2009, 2, 3), ServiceDate.today());
        UUID enrollment = SqlFixtures.enrollment(learner, center, "COMPLETED", LocalDate.of(2023, 9, 10), LocalDate.of(2024, 6, 30));
        UUID outcome = SqlFixtures.outcome(enrollment, "APPRENTICESHIP", LocalDate.of(2024, 12, 30), 6);
        DirectSql.update("INSERT INTO audit_event (subject, role, action, entity, entity_id) VALUES ('x', 'ADMIN', 'CREATE', 'Learner', ?)",
                learner.toString());
        DirectSql.update("INSERT INTO audit_event (subject, role, action, entity, entity_id) VALUES ('x', 'ADMIN', 'CREATE', 'Outcome', ?)",
                outcome.toString());
        UUID consent = UUID.randomUUID();
        DirectSql.update("INSERT INTO consent_record (id, learner_id, given_by, given_on, purposes) VALUES (?, ?, 'GUARDIAN', "
                + "DATE '2023-09-01', ARRAY['CONTACT_AFTER_EXIT']::varchar(32)[])", consent, learner);
        DirectSql.update("INSERT INTO audit_event (subject, role, action, entity, entity_id) VALUES ('x', 'ADMIN', 'CREATE', 'Consent', ?)",
                consent.toString());
        DirectSql.update("INSERT INTO access_grant (officer_subject, academy_code, learner_id, reason, granted_at, expires_at) "
                + "VALUES ('officer-1', 'MS', ?, 'Family visit planned', now(), now() + interval '1 day')", learner);
        SqlFixtures.learner("Other" + SqlFixtures.suffix(), "MALE", "MAR", LocalDate.of(2009, 2, 3), ServiceDate.today());

        Response response = export(Tokens.admin(), learner);
        assertEquals(200, response.statusCode(), response.asString());
        JsonPath json = response.jsonPath();
        assertEquals(learner.toString(), json.getString("learnerId"));
        assertEquals(first, json.getString("learner.first_name"));
        assertEquals("+212600000000", json.getString("learner.guardian_phone"));
        assertEquals(List.of(enrollment.toString()), json.getList("enrollments.id"));
        assertEquals(List.of(outcome.toString()), json.getList("outcomes.id"));
        assertTrue(json.getList("consents.id").contains(consent.toString()), "consents: " + json.getList("consents"));
        assertEquals(List.of("officer-1"), json.getList("accessGrants.officer_subject"), "who read the identity, and why");
        assertEquals(List.of("Family visit planned"), json.getList("accessGrants.reason"));
        assertEquals(List.of(), json.getList("referrals"));
        assertEquals(List.of("Consent", "Learner", "Outcome"), json.getList("auditTrail.entity").stream().sorted().toList());
        assertEquals(1L, exports(learner));
        String audit = (String) DirectSql.value("SELECT changes::text FROM audit_event WHERE action = 'EXPORT' AND entity_id = ?",
                learner.toString());
        assertTrue(!audit.contains(first), "the EXPORT event holds no personal data");
    }

    @Test
    void otherRolesAndUnknownIdsAreRefused() {
        UUID learner = SqlFixtures.learner("Refused" + SqlFixtures.suffix(), "MALE", "MAR", LocalDate.of(2009, 2, 3), ServiceDate.today());
        Response officer = export(Tokens.academyOfficer("MS"), learner);
        assertEquals(403, officer.statusCode());
        assertEquals("FORBIDDEN", officer.jsonPath().getString("code"));
        assertEquals(403, export(Tokens.ministry(), learner).statusCode());
        assertEquals(401, export(null, learner).statusCode());
        assertEquals(0L, exports(learner));
        String request = "export-refused-" + UUID.randomUUID();
        given().header("Authorization", "Bearer " + Tokens.academyOfficer("MS")).header("X-Request-Id", request)
                .get("/admin/learners/" + learner + "/export").then().statusCode(403);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> DirectSql.value(
                "SELECT changes->>'action' FROM audit_event WHERE action = 'REFUSED' AND request_id = ? AND role = 'ACADEMY_OFFICER'",
                request) != null);
        assertEquals("EXPORT_SUBJECT_ACCESS", DirectSql.value("SELECT changes->>'action' FROM audit_event WHERE action = 'REFUSED' "
                + "AND request_id = ? AND role = 'ACADEMY_OFFICER'", request));

        Response unknown = export(Tokens.admin(), UUID.randomUUID());
        assertEquals(404, unknown.statusCode());
        assertEquals("NOT_FOUND", unknown.jsonPath().getString("code"));
        assertEquals(404, export(Tokens.admin(), "not-a-uuid").statusCode());
    }
}
