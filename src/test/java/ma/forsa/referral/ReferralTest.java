package ma.forsa.referral;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import ma.forsa.learner.RegistryFixtures;
import ma.forsa.security.AccessScope;
import ma.forsa.support.GraphQL;
import ma.forsa.support.ServiceDate;
import ma.forsa.support.Tokens;

/**
 * Referrals between associations: the life cycle (propose, accept, decline, expire, concurrent accepts) and what the
 * receiving side reads before and after accepting.
 */
@QuarkusTest
class ReferralTest {

    static final String FIELDS = "id status reason proposedOn expiresAt declineReason fromCenterCode toCenterCode outgoing "
            + "incoming version summary { firstName age strands } learner { id firstName } fromEnrollment { id } "
            + "newEnrollment { id status center { id } }";
    static final String PROPOSE = "mutation($in: ReferralInput!) { proposeReferral(input: $in) { " + FIELDS + " } }";
    static final String ACCEPT = "mutation($id: ID!, $v: Int!, $on: Date!, $o: Boolean) { acceptReferral(id: $id, version: $v, "
            + "on: $on, overrideCapacity: $o) { " + FIELDS + " } }";
    static final String DECLINE = "mutation($id: ID!, $v: Int!, $r: String!) { declineReferral(id: $id, version: $v, reason: $r) "
            + "{ " + FIELDS + " } }";
    static final String READ = "query($id: ID!) { referral(id: $id) { " + FIELDS + " } }";
    static final String LEARNER = "query($id: ID!) { learner(id: $id) { id firstName } }";
    static final String CONSENT = "mutation($l: ID!) { recordConsent(input: {learnerId: $l, givenBy: GUARDIAN, givenOn: "
            + "\"2025-09-01\", purposes: [REGISTRATION_AND_FOLLOW_UP, SHARING_ON_REFERRAL]}) { id } }";
    static final LocalDate TODAY = ServiceDate.today();

    @Inject
    AgroalDataSource dataSource;
    @Inject
    ReferralService service;
    RegistryFixtures fx;
    UUID sending;
    UUID sendingCenter;
    UUID receiving;
    UUID receivingCenter;
    String sender;
    String receiver;
    Map<String, Object> input;
    String learner;
    String enrollment;

    @BeforeEach
    void setUp() {
        fx = new RegistryFixtures(dataSource);
        sending = fx.association("MAR"); // academy MS
        sendingCenter = fx.center(sending, "MAR", 30);
        receiving = fx.association("CAS"); // academy CS
        receivingCenter = fx.center(receiving, "CAS", 30);
        sender = Tokens.associationStaff(sending);
        receiver = Tokens.associationStaff(receiving);
        input = RegistryFixtures.learnerInput();
        learner = RegistryFixtures.register(sender, input);
        enrollment = RegistryFixtures.enroll(sender, learner, sendingCenter);
        GraphQL.ok(sender, "mutation($id: ID!) { transitionEnrollment(id: $id, version: 0, to: ACTIVE, on: \"2025-09-20\") "
                + "{ id } }", Map.of("id", enrollment));
    }

    private String code(UUID center) {
        return (String) fx.query("SELECT code FROM center WHERE id = ?", center).get(0).get("code");
    }

    private Map<String, Object> proposal(UUID to) {
        return Map.of("enrollmentId", enrollment, "toCenterCode", code(to), "reason", "The family moves to Casablanca in January",
                "proposedOn", "2026-01-05");
    }

    private String propose() {
        GraphQL.ok(sender, CONSENT, Map.of("l", learner));
        return GraphQL.ok(sender, PROPOSE, Map.of("in", proposal(receivingCenter))).getString("data.proposeReferral.id");
    }

    private long events(String action, String id) {
        return fx.count("SELECT count(*) FROM audit_event WHERE entity = 'Referral' AND action = ? AND entity_id = ?", action, id);
    }

    @Test
    void theReceivingSideSeesOnlyTheSummaryUntilItAcceptsThenTheLearnerMovesAllOrNothing() {
        JsonPath noConsent = GraphQL.post(sender, PROPOSE, Map.of("in", proposal(receivingCenter)));
        assertEquals("VALIDATION", GraphQL.errorCode(noConsent));
        assertTrue(noConsent.getString("errors[0].message").contains("SHARING_ON_REFERRAL"), noConsent.prettify());
        String id = propose();
        assertEquals(1, events("CREATE", id));
        assertEquals("changed", fx.query("SELECT changes ->> 'reason' AS r FROM audit_event WHERE entity = 'Referral' AND "
                + "entity_id = ?", id).get(0).get("r"), "free text by name only");
        assertEquals("VALIDATION", GraphQL.errorCode(GraphQL.post(sender, PROPOSE, Map.of("in", proposal(receivingCenter)))),
                "one open proposal per enrollment");
        UUID sibling = fx.center(sending, "MAR", 30);
        assertEquals("toCenterCode", GraphQL.post(sender, PROPOSE, Map.of("in", proposal(sibling)))
                .getString("errors[0].extensions.field"), "within one association a transfer stays one step");

        // before: the receiving side reads the referral's summary, never the learner
        JsonPath before = GraphQL.ok(receiver, READ, Map.of("id", id));
        assertEquals("PROPOSED", before.getString("data.referral.status"));
        assertEquals(true, before.getBoolean("data.referral.incoming"));
        assertEquals(input.get("firstName"), before.getString("data.referral.summary.firstName"));
        assertEquals(Period.between(LocalDate.parse("2010-05-01"), TODAY).getYears(), before.getInt("data.referral.summary.age"));
        assertEquals(List.of("EDUCATIONAL", "LIFE_SKILLS"), before.getList("data.referral.summary.strands"));
        assertEquals("The family moves to Casablanca in January", before.getString("data.referral.reason"));
        assertNull(before.get("data.referral.learner"));
        assertNull(before.get("data.referral.fromEnrollment"));
        assertEquals("NOT_FOUND", GraphQL.errorCode(GraphQL.post(receiver, LEARNER, Map.of("id", learner))));
        assertEquals(id, GraphQL.ok(receiver, "{ referrals(filter: {direction: INCOMING, status: [PROPOSED]}) { totalCount "
                + "edges { node { id } } } }").getString("data.referrals.edges[0].node.id"));
        JsonPath outgoing = GraphQL.ok(sender, READ, Map.of("id", id));
        assertEquals(learner, outgoing.getString("data.referral.learner.id"));
        assertEquals(true, outgoing.getBoolean("data.referral.outgoing"));
        assertEquals("NOT_FOUND", GraphQL.errorCode(GraphQL.post(Tokens.associationStaff(fx.association("MAR")), READ,
                Map.of("id", id))), "a third association knows nothing of it");

        assertEquals("FORBIDDEN", GraphQL.errorCode(GraphQL.post(sender, ACCEPT, Map.of("id", id, "v", 0, "on", "2026-01-05"))),
                "the sending side does not answer");
        assertEquals("CONFLICT", GraphQL.errorCode(GraphQL.post(receiver, ACCEPT, Map.of("id", id, "v", 3, "on", "2026-01-05"))));

        JsonPath accepted = GraphQL.ok(receiver, ACCEPT, Map.of("id", id, "v", 0, "on", "2026-01-05"));
        assertEquals("ACCEPTED", accepted.getString("data.acceptReferral.status"));
        assertEquals("ENROLLED", accepted.getString("data.acceptReferral.newEnrollment.status"));
        assertEquals(receivingCenter.toString(), accepted.getString("data.acceptReferral.newEnrollment.center.id"));
        assertEquals(input.get("firstName"), accepted.getString("data.acceptReferral.learner.firstName"),
                "after: the learner is the receiving association's");
        var old = fx.query("SELECT status, exited_on FROM enrollment WHERE id = ?::uuid", enrollment).get(0);
        assertEquals("TRANSFERRED", old.get("status"));
        assertEquals(input.get("firstName"), GraphQL.ok(receiver, LEARNER, Map.of("id", learner)).getString("data.learner.firstName"));
        assertEquals(1, events("TRANSITION", id));
        String newEnrollment = accepted.getString("data.acceptReferral.newEnrollment.id");
        assertEquals(id, fx.query("SELECT changes ->> 'referralId' AS r FROM audit_event WHERE entity = 'Enrollment' "
                + "AND action = 'CREATE' AND entity_id = ?", newEnrollment).get(0).get("r"));
        assertEquals("INVALID_TRANSITION", GraphQL.errorCode(GraphQL.post(receiver, ACCEPT,
                Map.of("id", id, "v", 1, "on", "2026-01-05"))));
    }

    @Test
    void aDeclinedReferralLeavesTheEnrollmentAndTellsTheSenderWhy() {
        String id = propose();
        assertEquals("VALIDATION", GraphQL.errorCode(GraphQL.post(receiver, DECLINE, Map.of("id", id, "v", 0, "r", "no"))));
        JsonPath declined = GraphQL.ok(receiver, DECLINE, Map.of("id", id, "v", 0, "r", "No place left in the evening group"));
        assertEquals("DECLINED", declined.getString("data.declineReferral.status"));
        assertNull(declined.get("data.declineReferral.summary.firstName"), "a declined referral shares nothing more");
        assertEquals("No place left in the evening group", GraphQL.ok(sender, READ, Map.of("id", id))
                .getString("data.referral.declineReason"));
        assertEquals("ACTIVE", fx.query("SELECT status FROM enrollment WHERE id = ?::uuid", enrollment).get(0).get("status"));
        assertEquals("NOT_FOUND", GraphQL.errorCode(GraphQL.post(receiver, LEARNER, Map.of("id", learner))));
        assertEquals("INVALID_TRANSITION", GraphQL.errorCode(GraphQL.post(receiver, ACCEPT,
                Map.of("id", id, "v", 1, "on", "2026-01-05"))));
        assertEquals(1, events("TRANSITION", id));
        // the sender may propose again
        assertEquals("PROPOSED", GraphQL.ok(sender, PROPOSE, Map.of("in", proposal(receivingCenter)))
                .getString("data.proposeReferral.status"));
    }

    @Test
    void anUnansweredReferralExpiresOnReadAndIsRecordedByTheSweep() {
        String id = propose();
        fx.execute("UPDATE referral SET expires_at = now() - interval '1 minute' WHERE id = ?::uuid", UUID.fromString(id));
        assertEquals("EXPIRED", GraphQL.ok(receiver, READ, Map.of("id", id)).getString("data.referral.status"));
        assertEquals("INVALID_TRANSITION", GraphQL.errorCode(GraphQL.post(receiver, ACCEPT,
                Map.of("id", id, "v", 0, "on", "2026-01-05"))));
        assertEquals("PROPOSED", fx.query("SELECT status FROM referral WHERE id = ?::uuid", UUID.fromString(id)).get(0)
                .get("status"));

        int expired = service.expire(AccessScope.system(ReferralSweep.SUBJECT, "test-sweep"))
                .await().atMost(Duration.ofSeconds(30));
        assertTrue(expired >= 1);
        assertEquals("EXPIRED", fx.query("SELECT status FROM referral WHERE id = ?::uuid", UUID.fromString(id)).get(0)
                .get("status"));
        assertEquals(ReferralSweep.SUBJECT, fx.query("SELECT subject FROM audit_event WHERE entity = 'Referral' "
                + "AND action = 'TRANSITION' AND entity_id = ?", id).get(0).get("subject"));
        assertNull(GraphQL.ok(receiver, READ, Map.of("id", id)).get("data.referral.summary.firstName"));
        String again = GraphQL.ok(sender, PROPOSE, Map.of("in", proposal(receivingCenter))).getString("data.proposeReferral.id");
        assertNotNull(again);

        // a proposal left expired without a sweep gives way to a new one, recorded as EXPIRED then
        fx.execute("UPDATE referral SET expires_at = now() - interval '1 minute' WHERE id = ?::uuid", UUID.fromString(again));
        GraphQL.ok(sender, PROPOSE, Map.of("in", proposal(receivingCenter)));
        assertEquals("EXPIRED", fx.query("SELECT status FROM referral WHERE id = ?::uuid", UUID.fromString(again)).get(0)
                .get("status"));
        assertEquals(1, events("TRANSITION", again));
    }

    @Test
    void ofTwoConcurrentAcceptsOneWins() {
        String id = propose();
        String officer = Tokens.academyOfficer("CS");
        List<CompletableFuture<JsonPath>> answers = List.of(receiver, officer).stream()
                .map(token -> CompletableFuture.supplyAsync(() -> GraphQL.post(token, ACCEPT,
                        Map.of("id", id, "v", 0, "on", "2026-01-05"))))
                .toList();
        List<String> codes = answers.stream().map(CompletableFuture::join).map(GraphQL::errorCode).toList();
        assertEquals(1, codes.stream().filter(c -> c == null).count(), codes.toString());
        assertTrue(Set.of("CONFLICT", "INVALID_TRANSITION").contains(codes.stream().filter(c -> c != null).findFirst()
                .orElseThrow()), codes.toString());
        assertEquals(1, fx.count("SELECT count(*) FROM enrollment WHERE learner_id = ?::uuid AND status IN ('ENROLLED', 'ACTIVE')",
                UUID.fromString(learner)));
        assertEquals(1, fx.count("SELECT count(*) FROM enrollment WHERE learner_id = ?::uuid AND center_id = ?",
                UUID.fromString(learner), receivingCenter));
        assertEquals(1, events("TRANSITION", id));
    }

    @Test
    void acceptanceRunsEveryEnrollmentCheckAndNeedsTheConsentStillInForce() {
        UUID full = fx.center(receiving, "CAS", 1);
        String other = RegistryFixtures.register(receiver, RegistryFixtures.learnerInput());
        RegistryFixtures.enroll(receiver, other, full);
        GraphQL.ok(sender, CONSENT, Map.of("l", learner));
        String id = GraphQL.ok(sender, PROPOSE, Map.of("in", proposal(full))).getString("data.proposeReferral.id");
        assertEquals("CAPACITY_EXCEEDED", GraphQL.errorCode(GraphQL.post(receiver, ACCEPT,
                Map.of("id", id, "v", 0, "on", "2026-01-05"))));
        assertEquals("VALIDATION", GraphQL.errorCode(GraphQL.post(receiver, ACCEPT,
                Map.of("id", id, "v", 0, "on", "2027-01-05"))), "a date outside the school year");
        assertEquals("ACTIVE", fx.query("SELECT status FROM enrollment WHERE id = ?::uuid", enrollment).get(0).get("status"),
                "all or nothing");
        assertEquals("PROPOSED", GraphQL.ok(receiver, READ, Map.of("id", id)).getString("data.referral.status"));

        String consent = (String) fx.query("SELECT id::varchar AS id FROM consent_record WHERE learner_id = ?::uuid",
                UUID.fromString(learner)).get(0).get("id");
        GraphQL.ok(sender, "mutation($id: ID!) { withdrawConsent(id: $id, version: 0, on: \"2025-12-01\") { id } }",
                Map.of("id", consent));
        assertEquals("VALIDATION", GraphQL.errorCode(GraphQL.post(receiver, ACCEPT,
                Map.of("id", id, "v", 0, "on", "2026-01-05", "o", true))), "the consent to sharing was withdrawn");
        assertNull(GraphQL.ok(receiver, READ, Map.of("id", id)).get("data.referral.summary.firstName"));
        GraphQL.ok(sender, CONSENT, Map.of("l", learner));
        assertEquals("ACCEPTED", GraphQL.ok(receiver, ACCEPT, Map.of("id", id, "v", 0, "on", "2026-01-05", "o", true))
                .getString("data.acceptReferral.status"), "over capacity, explicitly");
    }

    @Test
    void aTransferIntoAnotherAssociationsCentrePointsToReferrals() {
        JsonPath refused = GraphQL.post(sender, "mutation($id: ID!, $to: ID!) { transferEnrollment(id: $id, version: 1, "
                + "toCenterId: $to, on: \"2026-01-05\") { id } }", Map.of("id", enrollment, "to", receivingCenter.toString()));
        assertEquals("NOT_FOUND", GraphQL.errorCode(refused));
        assertTrue(refused.getString("errors[0].message").contains("proposeReferral"), refused.prettify());
    }

    @Test
    void anonymisationErasesTheReferralsFreeText() {
        String id = propose();
        GraphQL.ok(receiver, DECLINE, Map.of("id", id, "v", 0, "r", "No place left in the evening group"));
        GraphQL.ok(sender, "mutation($id: ID!) { transitionEnrollment(id: $id, version: 1, to: DROPPED_OUT, on: \"2026-01-10\") "
                + "{ id } }", Map.of("id", enrollment));
        String consent = (String) fx.query("SELECT id::varchar AS id FROM consent_record WHERE learner_id = ?::uuid",
                UUID.fromString(learner)).get(0).get("id");
        GraphQL.ok(sender, "mutation($id: ID!) { withdrawConsent(id: $id, version: 0, on: \"2026-01-10\") { id } }",
                Map.of("id", consent));
        var run = io.restassured.RestAssured.given().header("Authorization", "Bearer " + Tokens.admin())
                .queryParam("dryRun", "false").post("/admin/retention/run");
        assertEquals(200, run.statusCode(), run.asString());
        var row = fx.query("SELECT reason, decline_reason FROM referral WHERE id = ?::uuid", UUID.fromString(id)).get(0);
        assertNull(row.get("reason"));
        assertNull(row.get("decline_reason"));
        assertNull(GraphQL.ok(sender, READ, Map.of("id", id)).get("data.referral.summary.firstName"));
    }
}
