package ma.forsa.consent;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import ma.forsa.common.db.Db;
import ma.forsa.learner.RegistryFixtures;
import ma.forsa.support.GraphQL;
import ma.forsa.support.ServiceDate;
import ma.forsa.support.Tokens;

/**
 * Guardian consent: records per learner, the purposes they put in force, what they gate (contact data after exit;
 * referrals: see ReferralTest) and withdrawal feeding the retention rule; the learner form's and the import's consent
 * date map onto records.
 */
@QuarkusTest
class ConsentTest {

    static final String RECORD = "mutation($in: ConsentInput!) { recordConsent(input: $in) { id givenBy givenOn purposes "
            + "withdrawnOn inForce version } }";
    static final String WITHDRAW = "mutation($id: ID!, $v: Int!, $on: Date!) { withdrawConsent(id: $id, version: $v, on: $on) "
            + "{ id withdrawnOn inForce version } }";
    static final String LEARNER = "query($id: ID!) { learner(id: $id) { id guardianPhone guardianName consentRecordedOn "
            + "consents { id givenBy givenOn purposes inForce } } }";
    static final LocalDate TODAY = ServiceDate.today();

    @Inject
    AgroalDataSource dataSource;
    @Inject
    Db db;
    RegistryFixtures fx;
    UUID association;
    UUID center;
    String staff;

    @BeforeEach
    void setUp() {
        fx = new RegistryFixtures(dataSource);
        association = fx.association("MAR");
        center = fx.center(association, "MAR", 30);
        staff = Tokens.associationStaff(association);
    }

    private String learner() {
        Map<String, Object> in = RegistryFixtures.learnerInput();
        in.put("guardianName", "Guardian " + RegistryFixtures.letters(6));
        in.put("guardianPhone", "0612345678");
        return RegistryFixtures.register(staff, in);
    }

    static Map<String, Object> consent(String learner, String by, String on, String... purposes) {
        return Map.of("learnerId", learner, "givenBy", by, "givenOn", on, "purposes", List.of(purposes));
    }

    private JsonPath record(String token, Map<String, Object> in) {
        return GraphQL.post(token, RECORD, Map.of("in", in));
    }

    @Test
    void consentsAreRecordedPerLearnerAndTheLatestDateIsTheLearnersConsentDate() {
        String learner = learner();
        JsonPath r = record(staff, consent(learner, "GUARDIAN", "2025-09-01", "REGISTRATION_AND_FOLLOW_UP", "SHARING_ON_REFERRAL",
                "SHARING_ON_REFERRAL"));
        assertNull(r.get("errors"), r.prettify());
        assertEquals(List.of("REGISTRATION_AND_FOLLOW_UP", "SHARING_ON_REFERRAL"), r.getList("data.recordConsent.purposes"));
        assertEquals(true, r.getBoolean("data.recordConsent.inForce"));
        GraphQL.ok(staff, RECORD, Map.of("in", consent(learner, "GUARDIAN", "2025-10-15", "CONTACT_AFTER_EXIT")));

        JsonPath read = GraphQL.ok(staff, LEARNER, Map.of("id", learner));
        assertEquals("2025-10-15", read.getString("data.learner.consentRecordedOn"), "the latest consent");
        assertEquals(List.of("2025-10-15", "2025-09-01"), read.getList("data.learner.consents.givenOn"));
        assertEquals(1, fx.count("SELECT count(*) FROM audit_event WHERE action = 'CREATE' AND entity = 'Consent' "
                + "AND entity_id = ?", r.getString("data.recordConsent.id")));

        // refusals: a minor does not consent for itself; dates; purposes; another association's learner
        assertEquals("VALIDATION", GraphQL.errorCode(record(staff, consent(learner, "LEARNER", "2025-09-01",
                "REGISTRATION_AND_FOLLOW_UP"))));
        assertEquals("givenBy", record(staff, consent(learner, "LEARNER", "2025-09-01", "CONTACT_AFTER_EXIT"))
                .getString("errors[0].extensions.field"));
        assertEquals("VALIDATION", GraphQL.errorCode(record(staff, consent(learner, "GUARDIAN", TODAY.plusDays(1).toString(),
                "CONTACT_AFTER_EXIT"))));
        assertEquals("VALIDATION", GraphQL.errorCode(record(staff, consent(learner, "GUARDIAN", "2009-01-01",
                "CONTACT_AFTER_EXIT"))), "before birth");
        assertEquals("VALIDATION", GraphQL.errorCode(record(staff, consent(learner, "GUARDIAN", "2025-09-01"))));
        assertEquals("NOT_FOUND", GraphQL.errorCode(record(Tokens.associationStaff(fx.association("MAR")),
                consent(learner, "GUARDIAN", "2025-09-01", "CONTACT_AFTER_EXIT"))));
        assertEquals("FORBIDDEN", GraphQL.errorCode(record(Tokens.ministry(),
                consent(learner, "GUARDIAN", "2025-09-01", "CONTACT_AFTER_EXIT"))));
    }

    @Test
    void aLearnerOfAgeConsentsForItself() {
        Map<String, Object> in = RegistryFixtures.learnerInput();
        in.put("birthDate", "2005-03-01"); // 20 when enrolled in 2025
        String learner = RegistryFixtures.register(staff, in);
        assertEquals("VALIDATION", GraphQL.errorCode(record(staff, consent(learner, "LEARNER", "2023-02-28",
                "REGISTRATION_AND_FOLLOW_UP"))), "the day before its 18th birthday");
        JsonPath ok = record(staff, consent(learner, "LEARNER", "2023-03-01", "REGISTRATION_AND_FOLLOW_UP"));
        assertEquals("LEARNER", ok.getString("data.recordConsent.givenBy"), ok.prettify());
    }

    @Test
    void theLearnerFormsConsentDateIsAConsentForRegistrationAndIsNotErasedByAFormWithoutIt() {
        Map<String, Object> in = RegistryFixtures.learnerInput();
        in.put("consentRecordedOn", "2025-09-01");
        String learner = RegistryFixtures.register(staff, in);
        JsonPath read = GraphQL.ok(staff, LEARNER, Map.of("id", learner));
        assertEquals(List.of("REGISTRATION_AND_FOLLOW_UP"), read.getList("data.learner.consents[0].purposes"));
        assertEquals("GUARDIAN", read.getString("data.learner.consents[0].givenBy"));

        Map<String, Object> without = new HashMap<>(in);
        without.remove("consentRecordedOn");
        GraphQL.ok(staff, "mutation($id: ID!, $in: LearnerInput!) { updateLearner(id: $id, version: 0, input: $in) { id } }",
                Map.of("id", learner, "in", without));
        JsonPath after = GraphQL.ok(staff, LEARNER, Map.of("id", learner));
        assertEquals("2025-09-01", after.getString("data.learner.consentRecordedOn"));
        assertEquals(1, after.getList("data.learner.consents").size());
    }

    /** The learner as a list of learners ({@code filter}) shows them to {@code token}. */
    private static Map<String, Object> inList(String token, String learner, Map<String, Object> filter) {
        List<Map<String, Object>> nodes = GraphQL.ok(token, "query($f: LearnerFilter) { learners(first: 100, filter: $f) { "
                + "edges { node { id guardianPhone guardianName disability } } } }", Map.of("f", filter))
                .getList("data.learners.edges.node");
        return nodes.stream().filter(n -> learner.equals(n.get("id"))).findFirst().orElseThrow();
    }

    @Test
    void contactDataOfALearnerWhoLeftNeedsTheContactPurpose() {
        String learner = learner();
        String enrollment = RegistryFixtures.enroll(staff, learner, center);
        JsonPath enrolled = GraphQL.ok(staff, LEARNER, Map.of("id", learner));
        assertEquals("0612345678", enrolled.getString("data.learner.guardianPhone"), "in the programme: shown");
        Map<String, Object> byCentre = Map.of("centerId", center.toString());
        assertEquals("0612345678", inList(staff, learner, Map.of()).get("guardianPhone"), "in the association's list too");
        assertEquals("0612345678", inList(Tokens.admin(), learner, byCentre).get("guardianPhone"), "and in the centre's");
        assertNotNull(inList(staff, learner, Map.of()).get("disability"), "a sensitive field, to the following association");

        GraphQL.ok(staff, "mutation($id: ID!) { transitionEnrollment(id: $id, version: 0, to: DROPPED_OUT, on: \"2025-12-01\") "
                + "{ id } }", Map.of("id", enrollment));
        JsonPath left = GraphQL.ok(staff, LEARNER, Map.of("id", learner));
        assertNull(left.get("data.learner.guardianPhone"), "left, no consent to contact: withheld even from its association");
        assertNull(left.get("data.learner.guardianName"));
        assertEquals(List.of("Learner.guardianName", "Learner.guardianPhone"), left.getList("extensions.withheld.fields"));
        assertNull(GraphQL.ok(Tokens.admin(), LEARNER, Map.of("id", learner)).get("data.learner.guardianPhone"),
                "whoever asks");
        assertNull(inList(staff, learner, Map.of()).get("guardianPhone"), "in every list");
        assertNull(inList(Tokens.admin(), learner, byCentre).get("guardianPhone"));
        assertNull(inList(Tokens.admin(), learner, byCentre).get("guardianName"));

        String consent = GraphQL.ok(staff, RECORD, Map.of("in", consent(learner, "GUARDIAN", "2025-12-01",
                "REGISTRATION_AND_FOLLOW_UP", "CONTACT_AFTER_EXIT"))).getString("data.recordConsent.id");
        assertEquals("0612345678", GraphQL.ok(staff, LEARNER, Map.of("id", learner)).getString("data.learner.guardianPhone"));
        assertEquals("0612345678", inList(staff, learner, Map.of()).get("guardianPhone"));
        assertEquals("0612345678", inList(Tokens.admin(), learner, byCentre).get("guardianPhone"));

        JsonPath withdrawn = GraphQL.ok(staff, WITHDRAW, Map.of("id", consent, "v", 0, "on", "2026-01-05"));
        assertEquals(false, withdrawn.getBoolean("data.withdrawConsent.inForce"));
        assertNull(GraphQL.ok(staff, LEARNER, Map.of("id", learner)).get("data.learner.guardianPhone"));
        assertEquals("INVALID_TRANSITION", GraphQL.errorCode(GraphQL.post(staff, WITHDRAW,
                Map.of("id", consent, "v", 1, "on", "2026-01-05"))));
        assertEquals("CONFLICT", GraphQL.errorCode(GraphQL.post(staff, WITHDRAW,
                Map.of("id", consent, "v", 0, "on", "2026-01-05"))));
        assertEquals(1, fx.count("SELECT count(*) FROM audit_event WHERE action = 'TRANSITION' AND entity = 'Consent' "
                + "AND entity_id = ?", consent));
    }

    @Test
    void anUpdateByACallerWhoCannotSeeTheContactDataKeepsIt() {
        Map<String, Object> in = RegistryFixtures.learnerInput();
        in.put("guardianName", "Guardian " + RegistryFixtures.letters(6));
        in.put("guardianPhone", "0612345678");
        String learner = RegistryFixtures.register(staff, in);
        String enrollment = RegistryFixtures.enroll(staff, learner, center);
        GraphQL.ok(staff, "mutation($id: ID!) { transitionEnrollment(id: $id, version: 0, to: DROPPED_OUT, on: \"2025-12-01\") "
                + "{ id } }", Map.of("id", enrollment));

        // the form as the association reads it now: contact data withheld, so sent back empty, with one real change
        Map<String, Object> form = new HashMap<>(in);
        form.remove("guardianName");
        form.remove("guardianPhone");
        form.put("lastGradeCompleted", "6AP");
        GraphQL.ok(staff, "mutation($id: ID!, $in: LearnerInput!) { updateLearner(id: $id, version: 0, input: $in) { id } }",
                Map.of("id", learner, "in", form));

        GraphQL.ok(staff, RECORD, Map.of("in", consent(learner, "GUARDIAN", "2025-12-02", "CONTACT_AFTER_EXIT")));
        JsonPath after = GraphQL.ok(staff, LEARNER, Map.of("id", learner));
        assertEquals("0612345678", after.getString("data.learner.guardianPhone"), "not erased by a form that could not show it");
        assertEquals(in.get("guardianName"), after.getString("data.learner.guardianName"));
    }

    @Test
    void withdrawingEveryConsentMakesALearnerWithoutOpenEnrollmentDueForAnonymisation() {
        String left = learner();
        String enrollment = RegistryFixtures.enroll(staff, left, center);
        GraphQL.ok(staff, "mutation($id: ID!) { transitionEnrollment(id: $id, version: 0, to: DROPPED_OUT, on: \"2025-12-01\") "
                + "{ id } }", Map.of("id", enrollment));
        String both = GraphQL.ok(staff, RECORD, Map.of("in", consent(left, "GUARDIAN", "2025-09-01",
                "REGISTRATION_AND_FOLLOW_UP"))).getString("data.recordConsent.id");
        String contact = GraphQL.ok(staff, RECORD, Map.of("in", consent(left, "GUARDIAN", "2025-09-02",
                "CONTACT_AFTER_EXIT"))).getString("data.recordConsent.id");
        String stillIn = learner();
        RegistryFixtures.enroll(staff, stillIn, center);
        String stillInConsent = GraphQL.ok(staff, RECORD, Map.of("in", consent(stillIn, "GUARDIAN", "2025-09-01",
                "REGISTRATION_AND_FOLLOW_UP"))).getString("data.recordConsent.id");

        GraphQL.ok(staff, WITHDRAW, Map.of("id", both, "v", 0, "on", "2026-01-05"));
        assertFalse(dueForRetention().contains(left), "one consent still in force");
        GraphQL.ok(staff, WITHDRAW, Map.of("id", contact, "v", 0, "on", "2026-01-05"));
        GraphQL.ok(staff, WITHDRAW, Map.of("id", stillInConsent, "v", 0, "on", "2026-01-05"));
        List<String> due = dueForRetention();
        assertTrue(due.contains(left), "every consent withdrawn, no open enrollment: due now");
        assertFalse(due.contains(stillIn), "an open enrollment keeps the learner until it ends");

        var run = given().header("Authorization", "Bearer " + Tokens.admin()).queryParam("dryRun", "false")
                .post("/admin/retention/run");
        assertEquals(200, run.statusCode(), run.asString());
        assertNotNull(fx.query("SELECT anonymised_at FROM learner WHERE id = ?::uuid", left).get(0).get("anonymised_at"));
        assertNull(fx.query("SELECT first_name FROM learner WHERE id = ?::uuid", left).get(0).get("first_name"));
        assertNull(fx.query("SELECT anonymised_at FROM learner WHERE id = ?::uuid", stillIn).get(0).get("anonymised_at"));
    }

    private static List<String> dueForRetention() {
        var dry = given().header("Authorization", "Bearer " + Tokens.admin()).queryParam("dryRun", "true")
                .post("/admin/retention/run");
        assertEquals(200, dry.statusCode(), dry.asString());
        return dry.jsonPath().getList("learnerIds");
    }

    @Test
    void consentsAreWithheldLikeTheIdentityAndMinistryAndOfficersWithoutAGrantSeeNone() {
        String learner = learner();
        RegistryFixtures.enroll(staff, learner, center);
        GraphQL.ok(staff, RECORD, Map.of("in", consent(learner, "GUARDIAN", "2025-09-01", "REGISTRATION_AND_FOLLOW_UP")));
        String query = "query($id: ID!) { learner(id: $id) { id consents { id } } }";
        assertEquals("FORBIDDEN", GraphQL.errorCode(GraphQL.post(Tokens.ministry(), query, Map.of("id", learner))),
                "MINISTRY reads no learner record");
        JsonPath r = GraphQL.ok(Tokens.academyOfficer("MS"), query, Map.of("id", learner));
        assertEquals(List.of(), r.getList("data.learner.consents"));
        assertEquals(List.of("Learner.consents"), r.getList("extensions.withheld.fields"));
        String officer = Tokens.academyOfficer("MS");
        RegistryFixtures.grant(officer, learner);
        assertEquals(1, GraphQL.ok(officer, query, Map.of("id", learner)).getList("data.learner.consents").size());
    }

    @Test
    void theImportMapsItsConsentDatesOntoRecordsInOneStatement() {
        String a = learner();
        String b = learner();
        List<UUID> ids = List.of(UUID.fromString(a), UUID.fromString(b), UUID.fromString(b));
        List<LocalDate> dates = java.util.Arrays.asList(LocalDate.of(2025, 9, 1), LocalDate.of(2025, 9, 2), null);
        int made = db.transaction(tx -> ConsentImport.record(tx, ids, dates)).await().atMost(Duration.ofSeconds(10));
        assertEquals(2, made);
        assertEquals(0, db.transaction(tx -> ConsentImport.record(tx, ids, dates)).await().atMost(Duration.ofSeconds(10)),
                "the same rows sent again make no second record");
        var rows = fx.query("SELECT given_by, given_on, purposes::text AS purposes FROM consent_record WHERE learner_id = ?::uuid", b);
        assertEquals(1, rows.size());
        assertEquals("GUARDIAN", rows.get(0).get("given_by"));
        assertEquals("{REGISTRATION_AND_FOLLOW_UP}", rows.get(0).get("purposes"));
    }
}
