package ma.forsa.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import ma.forsa.learner.RegistryFixtures;
import ma.forsa.support.GraphQL;
import ma.forsa.support.Tokens;

/**
 * The leaks found by the attack on the first version (issue "One access policy"), each as a test: every path obeys
 * the same who-sees-what rules (the policy table, the scope module, the personal-data rule).
 */
@QuarkusTest
class AccessLeaksTest {

    static final String LEARNER = "query($id: ID!) { learner(id: $id) { id firstName guardianPhone } }";
    static final String LEARNERS = "query($c: ID) { learners(first: 100, filter: {centerId: $c}) { edges { node { id } } } }";
    static final String UPDATE = "mutation($id: ID!, $v: Int!, $in: LearnerInput!) { updateLearner(id: $id, version: $v, "
            + "input: $in) { id version } }";
    static final String REGISTER = "mutation($in: LearnerInput!, $c: Boolean) { registerLearner(input: $in, "
            + "confirmNotDuplicate: $c) { id } }";
    static final String EXIT = "query($id: ID!) { learner(id: $id) { enrollments { id status exitReason } } }";

    @Inject
    AgroalDataSource dataSource;

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

    private static Map<String, Object> input(String first, String last, String birthDate) {
        return new java.util.HashMap<>(Map.of("firstName", first, "lastName", last, "birthDate", birthDate, "sex", "FEMALE",
                "guardianPhone", "0612345678"));
    }

    private String learnerIn(UUID centerId, String token) {
        var in = RegistryFixtures.learnerInput();
        in.put("guardianPhone", "0612345678");
        String id = RegistryFixtures.register(token, in);
        RegistryFixtures.enroll(token, id, centerId);
        return id;
    }

    private static byte[] csv(String massar, String centerCode) {
        String header = "Code MASSAR;Prénom;Nom;Date de naissance;Sexe;Code du centre;Année scolaire;Volets;Date d'inscription";
        String row = String.join(";", massar, "Intrus" + RegistryFixtures.letters(5), "Import", "2010-05-01", "F", centerCode,
                "2025-2026", "EDUCATIF", "2025-09-15");
        return ("\uFEFF" + header + "\r\n" + row + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static JsonPath importAs(String token, byte[] file, String query) {
        return given().header("Authorization", "Bearer " + token).multiPart("file", "liste.csv", file, "text/csv")
                .post("/imports" + query).then().extract().jsonPath();
    }

    private String code(UUID centerId) {
        return (String) fx.query("SELECT code FROM center WHERE id = ?", centerId).get(0).get("code");
    }

    @Test
    void anImportByAnOfficerOfAnotherAcademyNeitherLinksNorRevealsTheLearner() {
        String massar = RegistryFixtures.massar();
        var in = RegistryFixtures.learnerInput();
        in.put("massarCode", massar);
        String learner = RegistryFixtures.register(staff, in);
        RegistryFixtures.enroll(staff, learner, center);
        // an officer of Casablanca-Settat imports a row carrying the MASSAR code, into a centre of its own academy
        UUID casa = fx.association("CAS");
        UUID casaCenter = fx.center(casa, "CAS", 30);
        String officer = Tokens.academyOfficer("CS");
        for (String query : List.of("?dryRun=true", "")) {
            JsonPath report = importAs(officer, csv(massar, code(casaCenter)), query);
            assertEquals(1, report.getInt("totals.rejected"), report.prettify());
            assertEquals(0, report.getInt("totals.learnersLinked"), report.prettify());
            assertFalse(report.prettify().contains(massar), "the code is not repeated: " + report.prettify());
            assertFalse(report.prettify().contains(learner), "the learner is not named: " + report.prettify());
        }
        assertEquals("NOT_FOUND", GraphQL.errorCode(GraphQL.post(officer, LEARNER, Map.of("id", learner))));
        assertEquals("NOT_FOUND", GraphQL.errorCode(GraphQL.post(Tokens.associationStaff(casa), LEARNER, Map.of("id", learner))));
        assertEquals(1L, fx.count("SELECT count(*) FROM enrollment WHERE learner_id = ?::uuid", learner), "nothing was written");
        assertEquals(0L, fx.count("SELECT count(*) FROM enrollment WHERE center_id = ?", casaCenter));
    }

    @Test
    void anImportIntoACentreOutsideTheScopeIsRefusedRowByRow() {
        UUID other = fx.association("TNG");
        UUID otherCenter = fx.center(other, "TNG", 30);
        JsonPath report = importAs(staff, csv("", code(otherCenter)), "");
        assertEquals(1, report.getInt("totals.rejected"), report.prettify());
        assertEquals(0L, fx.count("SELECT count(*) FROM enrollment WHERE center_id = ?", otherCenter));
        JsonPath officer = importAs(Tokens.academyOfficer("MS"), csv("", code(otherCenter)), "?dryRun=true");
        assertEquals(1, officer.getInt("totals.rejected"), officer.prettify());
    }

    @Test
    void staffOfADissolvedAssociationHaveNoAccessToLearnersAndSuspendedOnesOnlyRead() {
        String learner = learnerIn(center, staff);
        // changed through the API: the replica forgets the cached standing at once
        GraphQL.ok(Tokens.admin(), "mutation($id: ID!) { transitionAssociation(id: $id, version: 0, to: SUSPENDED, "
                + "reason: \"audit\") { status } }", Map.of("id", association.toString()));
        String suspended = Tokens.associationStaff(association);
        assertEquals("0612345678", GraphQL.ok(suspended, LEARNER, Map.of("id", learner)).getString("data.learner.guardianPhone"));
        assertEquals("FORBIDDEN", GraphQL.errorCode(GraphQL.post(suspended, UPDATE,
                Map.of("id", learner, "v", 0, "in", RegistryFixtures.learnerInput()))));
        assertEquals("FORBIDDEN", GraphQL.errorCode(GraphQL.post(suspended, REGISTER, Map.of("in", RegistryFixtures.learnerInput()))));

        // changed behind the service's back (another replica): read again after at most AccessResolver.STANDING_TTL
        fx.execute("UPDATE association SET status = 'DISSOLVED' WHERE id = ?", association);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                "FORBIDDEN".equals(GraphQL.errorCode(GraphQL.post(Tokens.associationStaff(association), LEARNER, Map.of("id", learner)))));
        String dissolved = Tokens.associationStaff(association);
        assertEquals("FORBIDDEN", GraphQL.errorCode(GraphQL.post(dissolved, LEARNERS, Map.of())));
        assertEquals("FORBIDDEN", GraphQL.errorCode(GraphQL.post(dissolved, UPDATE,
                Map.of("id", learner, "v", 0, "in", RegistryFixtures.learnerInput()))));
        // partners stay readable: the association may still see its own record
        assertEquals(association.toString(), GraphQL.ok(dissolved, "query($id: ID!) { association(id: $id) { id } }",
                Map.of("id", association.toString())).getString("data.association.id"));
    }

    @Test
    void exitReasonsAreReadOnlyByTheFollowingAssociationAndAdminAndAuditedByName() {
        String learner = learnerIn(center, staff);
        String enrollment = fx.query("SELECT id FROM enrollment WHERE learner_id = ?::uuid", learner).get(0).get("id").toString();
        GraphQL.ok(staff, "mutation($id: ID!) { transitionEnrollment(id: $id, version: 0, to: DROPPED_OUT, on: \"2025-10-01\", "
                + "reason: \"Grossesse\") { id } }", Map.of("id", enrollment));
        Map<String, Object> vars = Map.of("id", learner);
        assertEquals("Grossesse", GraphQL.ok(staff, EXIT, vars).getString("data.learner.enrollments[0].exitReason"));
        JsonPath admin = GraphQL.ok(Tokens.admin(), EXIT, vars);
        assertEquals("Grossesse", admin.getString("data.learner.enrollments[0].exitReason"));
        JsonPath r = GraphQL.ok(Tokens.academyOfficer("MS"), EXIT, vars);
        assertNull(r.get("data.learner.enrollments[0].exitReason"), r.prettify());
        assertTrue(r.getList("extensions.withheld.fields").contains("Enrollment.exitReason"), r.prettify());
        JsonPath ministry = GraphQL.post(Tokens.ministry(), EXIT, vars);
        assertEquals("FORBIDDEN", GraphQL.errorCode(ministry), "MINISTRY reads no learner record");
        assertFalse(ministry.prettify().contains("Grossesse"), ministry.prettify());
        String changes = fx.query("SELECT string_agg(changes::text, ' ') AS c FROM audit_event WHERE entity = 'Enrollment' "
                + "AND entity_id = ?", enrollment).get(0).get("c").toString();
        assertFalse(changes.contains("Grossesse"), "the audit trail records the field name only: " + changes);
        assertTrue(changes.contains("exitReason"), changes);
    }

    @Test
    void aDuplicateOutsideTheScopeIsReportedWithoutItsId() {
        var original = input("Zineb", "Outscope" + RegistryFixtures.letters(6), "2010-03-14");
        RegistryFixtures.register(staff, original);
        UUID other = fx.association("MAR");
        JsonPath refused = GraphQL.post(Tokens.associationStaff(other), REGISTER, Map.of("in", original));
        assertEquals("DUPLICATE_SUSPECTED", GraphQL.errorCode(refused), refused.prettify());
        assertEquals(List.of(), refused.getList("errors[0].extensions.candidates"), refused.prettify());
        assertTrue(refused.getString("errors[0].message").contains("outside your scope"), refused.prettify());
        // the association that sees it gets the id
        JsonPath mine = GraphQL.post(staff, REGISTER, Map.of("in", original));
        assertEquals(1, mine.getList("errors[0].extensions.candidates").size(), mine.prettify());
    }

    @Test
    void aCentreFilterOutsideTheScopeRevealsNothing() {
        // a learner of ours who once passed through another association's centre
        UUID other = fx.association("MAR");
        UUID otherCenter = fx.center(other, "MAR", 30);
        String learner = learnerIn(center, staff);
        fx.execute("INSERT INTO enrollment (learner_id, center_id, school_year, strands, status, enrolled_on, exited_on) "
                + "VALUES (?::uuid, ?, '2023-2024', ARRAY['EDUCATIONAL']::varchar(20)[], 'COMPLETED', DATE '2023-09-15', "
                + "DATE '2024-06-30')", learner, otherCenter);
        assertEquals(List.of(), GraphQL.ok(staff, LEARNERS, Map.of("c", otherCenter.toString()))
                .getList("data.learners.edges"), "no learner of ours 'passed through' a centre we cannot see");
        assertEquals(List.of(learner), GraphQL.ok(staff, LEARNERS, Map.of("c", center.toString()))
                .getList("data.learners.edges.node.id"));
    }

    @Test
    void officersWriteLearnersOnBothPathsAndTheFollowerRegistersThem() {
        String officer = Tokens.academyOfficer("MS");
        String viaGraphql = GraphQL.ok(officer, "mutation($in: LearnerInput!, $a: ID) { registerLearner(input: $in, "
                + "associationId: $a) { id } }", Map.of("in", RegistryFixtures.learnerInput(), "a", association.toString()))
                .getString("data.registerLearner.id");
        JsonPath imported = importAs(officer, csv("", code(center)), "");
        assertEquals(1, imported.getInt("totals.learnersCreated"), imported.prettify());
        List<Map<String, Object>> followers = fx.query("SELECT registered_by_association_id AS a FROM learner WHERE id = ?::uuid "
                + "OR id IN (SELECT learner_id FROM enrollment WHERE center_id = ?)", viaGraphql, center);
        assertEquals(2, followers.size());
        followers.forEach(row -> assertEquals(association, row.get("a"), "registered_by is the association that follows"));
        assertEquals(1L, fx.count("SELECT count(*) FROM audit_event WHERE entity = 'Learner' AND entity_id = ? AND "
                + "role = 'ACADEMY_OFFICER'", viaGraphql));
    }

    @Test
    void retentionLeavesNoTraceOfWhatIdentifiedTheLearner() {
        String phone = "0699" + (100000 + new java.util.Random().nextInt(899999));
        String first = "Retenue" + RegistryFixtures.letters(6);
        String massar = RegistryFixtures.massar();
        var in = input(first, "Effacee" + RegistryFixtures.letters(6), "2004-02-03");
        in.put("massarCode", massar);
        in.put("guardianPhone", phone);
        in.put("dropoutReason", "Mariage précoce");
        in.put("firstNameAr", "فاطمة");
        String learner = RegistryFixtures.register(staff, in);
        fx.execute("INSERT INTO enrollment (learner_id, center_id, school_year, strands, status, enrolled_on, exited_on, "
                + "exit_reason) VALUES (?::uuid, ?, '2016-2017', ARRAY['EDUCATIONAL']::varchar(20)[], 'DROPPED_OUT', "
                + "DATE '2016-09-15', DATE '2017-01-10', 'Grossesse')", learner, center);
        fx.execute("INSERT INTO audit_event (subject, role, action, entity, entity_id, changes) SELECT 'old', 'ADMIN', 'UPDATE', "
                + "'Enrollment', e.id::varchar, '{\"exitReason\": {\"old\": null, \"new\": \"Grossesse\"}}'::jsonb FROM enrollment e "
                + "WHERE e.learner_id = ?::uuid", learner);
        fx.execute("INSERT INTO import_learner_key (natural_key, learner_id, import_id) VALUES (?, ?::uuid, ?)",
                "k" + UUID.randomUUID(), learner, UUID.randomUUID());
        fx.execute("UPDATE learner SET created_at = now() - interval '8 years', updated_at = now() - interval '8 years' "
                + "WHERE id = ?::uuid", learner);

        given().header("Authorization", "Bearer " + Tokens.admin()).post("/admin/retention/run").then().statusCode(200);

        String row = fx.query("SELECT to_jsonb(l)::text AS r FROM learner l WHERE id = ?::uuid", learner).get(0).get("r").toString();
        String enrollments = fx.query("SELECT string_agg(to_jsonb(e)::text, ' ') AS r FROM enrollment e WHERE learner_id = ?::uuid",
                learner).get(0).get("r").toString();
        String audit = fx.query("SELECT coalesce(string_agg(changes::text, ' '), '') AS r FROM audit_event WHERE entity_id = ? "
                + "OR entity_id IN (SELECT id::varchar FROM enrollment WHERE learner_id = ?::uuid)", learner, learner)
                .get(0).get("r").toString();
        long keys = fx.count("SELECT count(*) FROM import_learner_key WHERE learner_id = ?::uuid", learner);
        String everything = row + " " + enrollments + " " + audit;
        for (String trace : List.of(first, first.toLowerCase(), massar, phone, "Mariage", "Grossesse", "فاطمة", "Effacee",
                "effacee")) {
            assertFalse(everything.contains(trace), "'" + trace + "' survived the anonymisation: " + everything);
        }
        assertEquals(0L, keys, "the learner's import keys are removed");
        assertTrue(row.contains("\"anonymised_at\": \"") || row.contains("\"anonymised_at\":\""), row);
        // an anonymised learner refuses every write
        JsonPath refused = GraphQL.post(Tokens.admin(), UPDATE, Map.of("id", learner, "v",
                fx.query("SELECT version FROM learner WHERE id = ?::uuid", learner).get(0).get("version"), "in",
                RegistryFixtures.learnerInput()));
        assertEquals("ANONYMISED", GraphQL.errorCode(refused), refused.prettify());
    }
}
