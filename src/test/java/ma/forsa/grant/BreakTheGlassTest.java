package ma.forsa.grant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Break the glass: an ACADEMY_OFFICER sees learners pseudonymised; it reads one learner's identity under a
 * time-limited grant it requested with a reason; the grant and every read under it are audited; ADMIN reviews them.
 */
@QuarkusTest
class BreakTheGlassTest {

    static final String NAMES = "query($id: ID!) { learner(id: $id) { id firstName lastName massarCode guardianPhone } }";
    static final String REQUEST = "mutation($id: ID!, $r: String!) { requestLearnerAccess(learnerId: $id, reason: $r) { id "
            + "officer academyCode learnerId expiresAt live reads learner { firstName } } }";

    @Inject
    AgroalDataSource dataSource;
    RegistryFixtures fx;
    Map<String, Object> input;
    String learner;

    @BeforeEach
    void setUp() {
        fx = new RegistryFixtures(dataSource);
        UUID association = fx.association("MAR"); // academy MS
        UUID center = fx.center(association, "MAR", 30);
        String staff = Tokens.associationStaff(association);
        input = RegistryFixtures.learnerInput();
        input.put("massarCode", RegistryFixtures.massar());
        input.put("guardianPhone", "0612345678");
        learner = RegistryFixtures.register(staff, input);
        RegistryFixtures.enroll(staff, learner, center);
    }

    private long reads(String grant) {
        return fx.count("SELECT count(*) FROM audit_event WHERE action = 'READ_PERSONAL' AND entity_id = ? "
                + "AND changes ->> 'grantId' = ?", learner, grant);
    }

    @Test
    void anOfficerSeesNoIdentityWithoutAGrantThenTheLearnersWithOneUntilItExpires() {
        String officer = Tokens.academyOfficer("MS");
        JsonPath before = GraphQL.ok(officer, NAMES, Map.of("id", learner));
        assertEquals(learner, before.getString("data.learner.id"));
        assertNull(before.get("data.learner.firstName"));
        assertNull(before.get("data.learner.massarCode"));
        assertNull(before.get("data.learner.guardianPhone"));
        assertEquals("withheld for role ACADEMY_OFFICER", before.getString("extensions.withheld.personalData"));
        assertEquals(0, fx.count("SELECT count(*) FROM audit_event WHERE action = 'READ_PERSONAL' AND entity_id = ?", learner));

        JsonPath granted = GraphQL.ok(officer, REQUEST, Map.of("id", learner, "r", "The family asked for a home visit"));
        String grant = granted.getString("data.requestLearnerAccess.id");
        assertEquals("MS", granted.getString("data.requestLearnerAccess.academyCode"));
        assertEquals(true, granted.getBoolean("data.requestLearnerAccess.live"));
        assertEquals(input.get("firstName"), granted.getString("data.requestLearnerAccess.learner.firstName"),
                "the answer that makes the grant already shows the identity");
        var event = fx.query("SELECT role, changes ->> 'reason' AS reason, changes -> 'learnerId' ->> 'new' AS learner "
                + "FROM audit_event WHERE action = 'CREATE' AND entity = 'AccessGrant' AND entity_id = ?", grant).get(0);
        assertEquals("ACADEMY_OFFICER", event.get("role"));
        assertEquals("changed", event.get("reason"), "the reason is free text: recorded by name only");
        assertEquals(learner, event.get("learner"));

        JsonPath during = GraphQL.ok(officer, NAMES, Map.of("id", learner));
        assertEquals(input.get("firstName"), during.getString("data.learner.firstName"));
        assertEquals(input.get("massarCode"), during.getString("data.learner.massarCode"));
        assertEquals("0612345678", during.getString("data.learner.guardianPhone"));
        assertNull(during.get("extensions"));
        assertEquals(2, reads(grant), "the grant's answer and the read, each naming the grant");

        // another officer of the same academy holds no grant: the glass is broken for one officer and one learner
        assertNull(GraphQL.ok(Tokens.academyOfficer("MS"), NAMES, Map.of("id", learner)).get("data.learner.firstName"));

        fx.execute("UPDATE access_grant SET granted_at = granted_at - interval '2 days', expires_at = now() - interval '1 second' "
                + "WHERE id = ?::uuid", grant);
        JsonPath after = GraphQL.ok(officer, NAMES, Map.of("id", learner));
        assertNull(after.get("data.learner.firstName"), "no identity once the grant has expired");
        assertNotNull(after.get("extensions.withheld"));
        assertEquals(2, reads(grant));
    }

    @Test
    void aGrantIsForALearnerOfTheOfficersAcademyWithAReason() {
        String officer = Tokens.academyOfficer("CS");
        assertEquals("NOT_FOUND", GraphQL.errorCode(GraphQL.post(officer, REQUEST,
                Map.of("id", learner, "r", "The family asked for a home visit"))));
        assertEquals("VALIDATION", GraphQL.errorCode(GraphQL.post(Tokens.academyOfficer("MS"), REQUEST,
                Map.of("id", learner, "r", "  why  "))));
        assertEquals("VALIDATION", GraphQL.errorCode(GraphQL.post(Tokens.academyOfficer("MS"), REQUEST,
                Map.of("id", learner, "r", "x".repeat(501)))));
        assertEquals("FORBIDDEN", GraphQL.errorCode(GraphQL.post(Tokens.admin(), REQUEST,
                Map.of("id", learner, "r", "The family asked for a home visit"))), "ADMIN reads directly, audited as before");
        assertEquals(0, fx.count("SELECT count(*) FROM access_grant WHERE learner_id = ?::uuid", learner));
    }

    @Test
    void pseudonymisedOfficersListByIdAndChangeTheIdentityOnlyUnderAGrant() {
        String officer = Tokens.academyOfficer("MS");
        String update = "mutation($id: ID!, $in: LearnerInput!) { updateLearner(id: $id, version: 0, input: $in) { version "
                + "firstName } }";
        Map<String, Object> renamed = new java.util.HashMap<>(input);
        renamed.put("lastName", "Renamed" + RegistryFixtures.letters(5));
        assertEquals("FORBIDDEN", GraphQL.errorCode(GraphQL.post(officer, update, Map.of("id", learner, "in", renamed))));
        RegistryFixtures.grant(officer, learner);
        JsonPath updated = GraphQL.ok(officer, update, Map.of("id", learner, "in", renamed));
        assertEquals(1, updated.getInt("data.updateLearner.version"));
        assertEquals(input.get("firstName"), updated.getString("data.updateLearner.firstName"));
    }

    @Test
    void adminReadsDirectlyAndReviewsTheGrantsByOfficerWithTheirReads() {
        JsonPath admin = GraphQL.ok(Tokens.admin(), NAMES, Map.of("id", learner));
        assertEquals(input.get("firstName"), admin.getString("data.learner.firstName"));
        assertEquals(1, fx.count("SELECT count(*) FROM audit_event WHERE action = 'READ_PERSONAL' AND role = 'ADMIN' "
                + "AND entity_id = ? AND changes IS NULL", learner), "ADMIN's reads are audited, with no grant");

        String officer = Tokens.academyOfficer("MS");
        String grant = RegistryFixtures.grant(officer, learner);
        GraphQL.ok(officer, NAMES, Map.of("id", learner));
        GraphQL.ok(officer, NAMES, Map.of("id", learner));
        String subject = (String) fx.query("SELECT officer_subject FROM access_grant WHERE id = ?::uuid", grant).get(0)
                .get("officer_subject");

        JsonPath list = GraphQL.ok(Tokens.admin(), "query($o: String) { accessGrants(officer: $o) { totalCount edges { node { "
                + "id officer academyCode learnerId reason live reads learner { id } } } } }", Map.of("o", subject));
        assertEquals(1, list.getInt("data.accessGrants.totalCount"));
        assertEquals(grant, list.getString("data.accessGrants.edges[0].node.id"));
        assertEquals(2, list.getInt("data.accessGrants.edges[0].node.reads"));
        assertEquals("Follow-up visit requested by the family", list.getString("data.accessGrants.edges[0].node.reason"));
        assertEquals(learner, list.getString("data.accessGrants.edges[0].node.learner.id"));

        List<Map<String, Object>> byOfficer = GraphQL.ok(Tokens.admin(), "{ accessGrantsByOfficer { officer academyCode grants "
                + "live learners reads } }").getList("data.accessGrantsByOfficer");
        Map<String, Object> row = byOfficer.stream().filter(r -> subject.equals(r.get("officer"))).findFirst().orElseThrow();
        assertEquals(Map.of("officer", subject, "academyCode", "MS", "grants", 1, "live", 1, "learners", 1, "reads", 2), row);
        assertTrue(GraphQL.errorCode(GraphQL.post(officer, "{ accessGrantsByOfficer { officer } }")).equals("FORBIDDEN"));
    }
}
