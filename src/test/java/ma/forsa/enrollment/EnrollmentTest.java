package ma.forsa.enrollment;

import static ma.forsa.learner.RegistryFixtures.ENROLL;
import static ma.forsa.learner.RegistryFixtures.enroll;
import static ma.forsa.learner.RegistryFixtures.enrollInput;
import static ma.forsa.learner.RegistryFixtures.learnerInput;
import static ma.forsa.learner.RegistryFixtures.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import ma.forsa.learner.RegistryFixtures;
import ma.forsa.support.GraphQL;
import ma.forsa.support.Tokens;

@QuarkusTest
class EnrollmentTest {

    static final String TRANSITION = "mutation($id: ID!, $v: Int!, $to: EnrollmentStatus!, $on: Date!, $r: String) { "
            + "transitionEnrollment(id: $id, version: $v, to: $to, on: $on, reason: $r) { id status exitedOn exitReason version } }";
    static final String TRANSFER = "mutation($id: ID!, $v: Int!, $to: ID!, $on: Date!, $o: Boolean) { transferEnrollment(id: $id, "
            + "version: $v, toCenterId: $to, on: $on, overrideCapacity: $o) { id status enrolledOn transferredFromId "
            + "center { id } learner { id } version } }";
    static final String LEARNER = "query($id: ID!) { learner(id: $id) { id firstName enrollments { id status center { id } } } }";

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

    @Test
    void staffEnrollTheirLearnerInTheirCentre() {
        String learner = register(staff, learnerInput());
        JsonPath r = GraphQL.ok(staff, ENROLL, Map.of("in", enrollInput(learner, center)));
        assertEquals("ENROLLED", r.getString("data.enroll.status"));
        assertEquals(List.of("EDUCATIONAL", "LIFE_SKILLS"), r.getList("data.enroll.strands"));
        assertEquals(center.toString(), r.getString("data.enroll.center.id"));
        assertEquals(learner, r.getString("data.enroll.learner.id"));
        assertFalse(r.getBoolean("data.enroll.capacityOverride"));
        assertEquals(1, fx.count("SELECT count(*) FROM audit_event WHERE entity = 'Enrollment' AND entity_id = ? AND action = 'CREATE'",
                r.getString("data.enroll.id")));
    }

    @Test
    void ageOnTheEnrollmentDateMustBeEligible() {
        var young = learnerInput();
        young.put("birthDate", "2012-09-16"); // 12 on 2025-09-15
        String tooYoung = register(staff, young);
        assertRefused(enrollInput(tooYoung, center), "VALIDATION", "enrolledOn");
        var exactly13 = learnerInput();
        exactly13.put("birthDate", "2012-09-15");
        enroll(staff, register(staff, exactly13), center);
        var old = learnerInput();
        old.put("birthDate", "2002-09-15"); // 23
        assertRefused(enrollInput(register(staff, old), center), "VALIDATION", "enrolledOn");
        var exactly22 = learnerInput();
        exactly22.put("birthDate", "2002-09-16");
        enroll(staff, register(staff, exactly22), center);
    }

    @Test
    void inputsAreCheckedFieldByField() {
        String learner = register(staff, learnerInput());
        var in = enrollInput(learner, center);
        in.put("schoolYear", "2025-2027");
        assertRefused(in, "VALIDATION", "schoolYear");
        in = enrollInput(learner, center);
        in.put("schoolYear", "2025/2026");
        assertRefused(in, "VALIDATION", "schoolYear");
        in = enrollInput(learner, center);
        in.put("enrolledOn", "2024-09-15");
        assertRefused(in, "VALIDATION", "enrolledOn");
        in = enrollInput(learner, center);
        in.put("strands", List.of());
        assertRefused(in, "VALIDATION", "strands");
        in = enrollInput(learner, center);
        in.put("centerId", "not-an-id");
        assertRefused(in, "VALIDATION", "centerId");
    }

    @Test
    void aLearnerHasOneOpenEnrollmentAtATime() {
        String learner = register(staff, learnerInput());
        enroll(staff, learner, center);
        UUID other = fx.center(association, "MAR", 30);
        JsonPath r = assertRefused(enrollInput(learner, other), "VALIDATION", "learnerId");
        assertTrue(r.getString("errors[0].message").contains("transferEnrollment"), r.getString("errors[0].message"));
    }

    @Test
    void twoSimultaneousEnrollmentsLeaveExactlyOneOpen() throws Exception {
        String learner = register(staff, learnerInput());
        UUID other = fx.center(association, "MAR", 30);
        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<JsonPath> a = CompletableFuture.supplyAsync(() -> {
            await(start);
            return GraphQL.post(staff, ENROLL, Map.of("in", enrollInput(learner, center)));
        });
        CompletableFuture<JsonPath> b = CompletableFuture.supplyAsync(() -> {
            await(start);
            return GraphQL.post(staff, ENROLL, Map.of("in", enrollInput(learner, other)));
        });
        start.countDown();
        List<JsonPath> results = List.of(a.get(), b.get());
        long succeeded = results.stream().filter(r -> GraphQL.errorCode(r) == null).count();
        assertEquals(1, succeeded, results.get(0).prettify() + results.get(1).prettify());
        assertTrue(results.stream().anyMatch(r -> "VALIDATION".equals(GraphQL.errorCode(r))));
        assertEquals(1, fx.count("SELECT count(*) FROM enrollment WHERE learner_id = ?::uuid AND status IN ('ENROLLED', 'ACTIVE')",
                learner));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void onlyOpenCentresAcceptEnrollments() {
        UUID suspended = fx.center(association, "MAR", 30, "SUSPENDED");
        assertRefused(enrollInput(register(staff, learnerInput()), suspended), "VALIDATION", "centerId");
    }

    @Test
    void aFullCentreRefusesUnlessTheOverrideIsExplicitAndAudited() {
        UUID small = fx.center(association, "MAR", 1);
        enroll(staff, register(staff, learnerInput()), small);
        String second = register(staff, learnerInput());
        JsonPath refused = GraphQL.post(staff, ENROLL, Map.of("in", enrollInput(second, small)));
        assertEquals("CAPACITY_EXCEEDED", GraphQL.errorCode(refused));
        var in = enrollInput(second, small);
        in.put("overrideCapacity", true);
        JsonPath r = GraphQL.ok(staff, ENROLL, Map.of("in", in));
        assertTrue(r.getBoolean("data.enroll.capacityOverride"));
        String id = r.getString("data.enroll.id");
        assertEquals(1, fx.count("SELECT count(*) FROM enrollment WHERE id = ?::uuid AND capacity_override", id));
        assertEquals(1, fx.count("SELECT count(*) FROM audit_event WHERE entity_id = ? AND changes ->> 'capacityOverride' IS NOT NULL", id));
    }

    @Test
    void anAgreementMustCoverTheCentreOnTheEnrollmentDate() {
        UUID covering = fx.agreement(association, "MS", "ACTIVE", LocalDate.of(2025, 1, 1), LocalDate.of(2027, 12, 31), center);
        UUID elsewhere = fx.agreement(association, "MS", "ACTIVE", LocalDate.of(2025, 1, 1), LocalDate.of(2027, 12, 31));
        UUID later = fx.agreement(association, "MS", "ACTIVE", LocalDate.of(2025, 10, 1), LocalDate.of(2027, 12, 31), center);
        UUID foreign = fx.agreement(fx.association("MAR"), "MS", "ACTIVE", LocalDate.of(2025, 1, 1), LocalDate.of(2027, 12, 31),
                center);

        var in = enrollInput(register(staff, learnerInput()), center);
        in.put("agreementId", elsewhere.toString());
        assertRefused(in, "VALIDATION", "agreementId");
        in.put("agreementId", later.toString());
        assertRefused(in, "VALIDATION", "enrolledOn");
        in.put("agreementId", foreign.toString());
        assertRefused(in, "VALIDATION", "agreementId");
        UUID draft = fx.agreement(association, "MS", "DRAFT", LocalDate.of(2025, 1, 1), LocalDate.of(2027, 12, 31), center);
        in.put("agreementId", draft.toString());
        assertRefused(in, "VALIDATION", "agreementId");
        in.put("agreementId", covering.toString());
        JsonPath ok = GraphQL.ok(staff, "mutation($in: EnrollInput!) { enroll(input: $in) { agreement { id reference } } }",
                Map.of("in", in));
        assertEquals(covering.toString(), ok.getString("data.enroll.agreement.id"));
    }

    @Test
    void enrollmentsFollowTheirLifecycle() {
        String id = enroll(staff, register(staff, learnerInput()), center);
        JsonPath bad = GraphQL.post(staff, TRANSITION, Map.of("id", id, "v", 0, "to", "COMPLETED", "on", "2026-06-30"));
        assertEquals("INVALID_TRANSITION", GraphQL.errorCode(bad));
        assertEquals(List.of("ACTIVE", "DROPPED_OUT"), bad.getList("errors[0].extensions.allowed"));
        assertEquals("INVALID_TRANSITION", GraphQL.errorCode(GraphQL.post(staff, TRANSITION,
                Map.of("id", id, "v", 0, "to", "TRANSFERRED", "on", "2026-06-30"))));

        JsonPath active = GraphQL.ok(staff, TRANSITION, Map.of("id", id, "v", 0, "to", "ACTIVE", "on", "2025-09-20"));
        assertEquals("ACTIVE", active.getString("data.transitionEnrollment.status"));
        assertEquals(1, active.getInt("data.transitionEnrollment.version"));
        assertEquals("CONFLICT", GraphQL.errorCode(GraphQL.post(staff, TRANSITION,
                Map.of("id", id, "v", 0, "to", "COMPLETED", "on", "2026-06-30"))));
        assertEquals("VALIDATION", GraphQL.errorCode(GraphQL.post(staff, TRANSITION,
                Map.of("id", id, "v", 1, "to", "COMPLETED", "on", "2025-01-01"))));

        JsonPath done = GraphQL.ok(staff, TRANSITION, Map.of("id", id, "v", 1, "to", "COMPLETED", "on", "2026-06-30",
                "r", "Programme completed"));
        assertEquals("COMPLETED", done.getString("data.transitionEnrollment.status"));
        assertEquals("2026-06-30", done.getString("data.transitionEnrollment.exitedOn"));
        assertEquals("Programme completed", done.getString("data.transitionEnrollment.exitReason"));
        JsonPath terminal = GraphQL.post(staff, TRANSITION, Map.of("id", id, "v", 2, "to", "ACTIVE", "on", "2026-07-01"));
        assertEquals("INVALID_TRANSITION", GraphQL.errorCode(terminal));
        assertEquals(List.of(), terminal.getList("errors[0].extensions.allowed"));
        assertEquals(2, fx.count("SELECT count(*) FROM audit_event WHERE entity_id = ? AND action = 'TRANSITION'", id));

        String other = enroll(staff, register(staff, learnerInput()), center);
        JsonPath dropped = GraphQL.ok(staff, TRANSITION, Map.of("id", other, "v", 0, "to", "DROPPED_OUT", "on", "2025-10-01",
                "r", "never came"));
        assertEquals("DROPPED_OUT", dropped.getString("data.transitionEnrollment.status"));
    }

    @Test
    void aTransferClosesTheEnrollmentAndOpensOneInTheReceivingCentre() {
        UUID receiving = fx.association("CAS");
        UUID target = fx.center(receiving, "CAS", 30);
        var registered = learnerInput();
        registered.put("disability", true);
        registered.put("dropoutReason", "family reasons");
        String learner = register(staff, registered);
        String id = enroll(staff, learner, center);
        GraphQL.ok(staff, TRANSITION, Map.of("id", id, "v", 0, "to", "ACTIVE", "on", "2025-09-20"));
        UUID suspended = fx.center(receiving, "CAS", 30, "SUSPENDED");
        // Another association's centre is out of the staff's sight: unknown, whatever its state (no code, no occupancy).
        JsonPath outOfSight = GraphQL.post(staff, TRANSFER, Map.of("id", id, "v", 1, "to", suspended.toString(), "on", "2026-01-10"));
        assertEquals("NOT_FOUND", GraphQL.errorCode(outOfSight));
        assertFalse(outOfSight.prettify().contains("SUSPENDED"), outOfSight::prettify);
        assertEquals("NOT_FOUND", GraphQL.errorCode(GraphQL.post(staff, TRANSFER,
                Map.of("id", id, "v", 1, "to", target.toString(), "on", "2026-01-10"))));
        assertEquals("NOT_FOUND", GraphQL.errorCode(GraphQL.post(staff, TRANSFER,
                Map.of("id", id, "v", 1, "to", UUID.randomUUID().toString(), "on", "2026-01-10"))));
        assertEquals("NOT_FOUND", GraphQL.errorCode(GraphQL.post(Tokens.academyOfficer("MS"), TRANSFER,
                Map.of("id", id, "v", 1, "to", target.toString(), "on", "2026-01-10"))));

        // Across associations and academies, an administrator moves the learner (every enrollment check applies).
        String admin = Tokens.admin();
        assertEquals("VALIDATION", GraphQL.errorCode(GraphQL.post(admin, TRANSFER,
                Map.of("id", id, "v", 1, "to", suspended.toString(), "on", "2026-01-10"))));
        assertEquals("CONFLICT", GraphQL.errorCode(GraphQL.post(admin, TRANSFER,
                Map.of("id", id, "v", 0, "to", target.toString(), "on", "2026-01-10"))));
        assertEquals("VALIDATION", GraphQL.errorCode(GraphQL.post(admin, TRANSFER,
                Map.of("id", id, "v", 1, "to", center.toString(), "on", "2026-01-10"))));
        JsonPath r = GraphQL.ok(admin, TRANSFER, Map.of("id", id, "v", 1, "to", target.toString(), "on", "2026-01-10"));
        assertEquals("ENROLLED", r.getString("data.transferEnrollment.status"));
        assertEquals(id, r.getString("data.transferEnrollment.transferredFromId"));
        assertEquals(target.toString(), r.getString("data.transferEnrollment.center.id"));
        assertEquals("2026-01-10", r.getString("data.transferEnrollment.enrolledOn"));
        var old = fx.query("SELECT status, exited_on FROM enrollment WHERE id = ?::uuid", id).get(0);
        assertEquals("TRANSFERRED", old.get("status"));
        assertEquals(java.sql.Date.valueOf("2026-01-10"), old.get("exited_on"));

        // The sending association keeps read-only access to the history it recorded...
        JsonPath sender = GraphQL.ok(staff, LEARNER, Map.of("id", learner));
        assertEquals(List.of(id), sender.getList("data.learner.enrollments.id"));
        JsonPath sensitive = GraphQL.ok(staff, "query($id: ID!) { learner(id: $id) { disability dropoutReason } }",
                Map.of("id", learner));
        assertNull(sensitive.get("data.learner.disability"));
        assertNull(sensitive.get("data.learner.dropoutReason"));
        var in = learnerInput();
        assertEquals("FORBIDDEN", GraphQL.errorCode(GraphQL.post(staff, "mutation($id: ID!, $in: LearnerInput!) { "
                + "updateLearner(id: $id, version: 0, input: $in) { id } }", Map.of("id", learner, "in", in))));
        assertEquals("INVALID_TRANSITION", GraphQL.errorCode(GraphQL.post(staff, TRANSFER,
                Map.of("id", id, "v", 2, "to", target.toString(), "on", "2026-01-10"))));
        // ...and the receiving association now follows the learner.
        String receiver = Tokens.associationStaff(receiving);
        assertEquals(true, GraphQL.ok(receiver, "query($id: ID!) { learner(id: $id) { disability } }",
                Map.of("id", learner)).getBoolean("data.learner.disability"));
        JsonPath followed = GraphQL.ok(receiver, LEARNER, Map.of("id", learner));
        assertEquals(List.of(r.getString("data.transferEnrollment.id")), followed.getList("data.learner.enrollments.id"));
        GraphQL.ok(receiver, TRANSITION, Map.of("id", r.getString("data.transferEnrollment.id"), "v", 0, "to", "ACTIVE",
                "on", "2026-01-11"));
    }

    @Test
    void aTransferRefusedHalfWayChangesNothing() {
        UUID full = fx.center(association, "MAR", 1);
        enroll(staff, register(staff, learnerInput()), full);
        String learner = register(staff, learnerInput());
        String id = enroll(staff, learner, center);
        long auditBefore = fx.count("SELECT count(*) FROM audit_event WHERE entity = 'Enrollment'");

        JsonPath r = GraphQL.post(staff, TRANSFER, Map.of("id", id, "v", 0, "to", full.toString(), "on", "2026-01-10"));
        assertEquals("CAPACITY_EXCEEDED", GraphQL.errorCode(r));
        var row = fx.query("SELECT status, exited_on, exit_reason, version FROM enrollment WHERE id = ?::uuid", id).get(0);
        assertEquals("ENROLLED", row.get("status"));
        assertNull(row.get("exited_on"));
        assertNull(row.get("exit_reason"));
        assertEquals(0, row.get("version"));
        assertEquals(1, fx.count("SELECT count(*) FROM enrollment WHERE learner_id = ?::uuid", learner));
        assertEquals(auditBefore, fx.count("SELECT count(*) FROM audit_event WHERE entity = 'Enrollment'"));

        JsonPath overridden = GraphQL.ok(staff, TRANSFER, Map.of("id", id, "v", 0, "to", full.toString(), "on", "2026-01-10",
                "o", true));
        assertEquals(id, overridden.getString("data.transferEnrollment.transferredFromId"));
    }

    @Test
    void scopeAppliesToEveryEnrollmentWrite() {
        UUID otherAssociation = fx.association("MAR");
        UUID otherCenter = fx.center(otherAssociation, "MAR", 30);
        String otherStaff = Tokens.associationStaff(otherAssociation);
        String learner = register(staff, learnerInput());

        assertEquals("NOT_FOUND", GraphQL.errorCode(GraphQL.post(otherStaff, ENROLL, Map.of("in", enrollInput(learner, otherCenter)))));
        assertEquals("NOT_FOUND", GraphQL.errorCode(GraphQL.post(staff, ENROLL, Map.of("in", enrollInput(learner, otherCenter)))));
        // an officer of another academy does not see the learner; the ministry never writes
        assertEquals("NOT_FOUND", GraphQL.errorCode(GraphQL.post(Tokens.academyOfficer("CS"), ENROLL,
                Map.of("in", enrollInput(learner, center)))));
        assertEquals("FORBIDDEN", GraphQL.errorCode(GraphQL.post(Tokens.ministry(), ENROLL, Map.of("in", enrollInput(learner, center)))));
        assertEquals("NOT_FOUND", GraphQL.errorCode(GraphQL.post(staff, ENROLL,
                Map.of("in", enrollInput(UUID.randomUUID().toString(), center)))));

        String id = enroll(staff, learner, center);
        assertEquals("NOT_FOUND", GraphQL.errorCode(GraphQL.post(otherStaff, TRANSITION,
                Map.of("id", id, "v", 0, "to", "ACTIVE", "on", "2025-09-20"))));
        assertEquals("NOT_FOUND", GraphQL.errorCode(GraphQL.post(otherStaff, TRANSFER,
                Map.of("id", id, "v", 0, "to", otherCenter.toString(), "on", "2025-10-01"))));
        assertEquals("NOT_FOUND", GraphQL.errorCode(GraphQL.post(Tokens.academyOfficer("CS"), TRANSITION,
                Map.of("id", id, "v", 0, "to", "ACTIVE", "on", "2025-09-20"))));

        // Reads: the officer of the centre's academy sees the learner, another academy does not.
        assertEquals(learner, GraphQL.ok(Tokens.academyOfficer("MS"), LEARNER, Map.of("id", learner)).getString("data.learner.id"));
        assertEquals("NOT_FOUND", GraphQL.errorCode(GraphQL.post(Tokens.academyOfficer("CS"), LEARNER, Map.of("id", learner))));
        assertEquals("FORBIDDEN", GraphQL.errorCode(GraphQL.post(Tokens.ministry(), "query($id: ID!) { learner(id: $id) { "
                + "firstName enrollments { learner { firstName massarCode } } } }", Map.of("id", learner))),
                "MINISTRY reads learners as figures only");
    }

    @Test
    void aCentreListsItsEnrollmentsByPage() {
        for (int i = 0; i < 3; i++) {
            enroll(staff, register(staff, learnerInput()), center);
        }
        String learner = register(staff, learnerInput());
        String id = enroll(staff, learner, center);
        GraphQL.ok(staff, TRANSITION, Map.of("id", id, "v", 0, "to", "ACTIVE", "on", "2025-09-20"));
        String query = "query($id: ID!, $after: String, $f: EnrollmentFilter) { learner(id: $id) { enrollments { center { "
                + "enrollments(first: 2, after: $after, filter: $f) { totalCount edges { cursor node { id status } } "
                + "pageInfo { hasNextPage endCursor } } } } } }";
        JsonPath p1 = GraphQL.ok(staff, query, Map.of("id", learner));
        String base = "data.learner.enrollments[0].center.enrollments.";
        assertEquals(4, p1.getInt(base + "totalCount"));
        assertTrue(p1.getBoolean(base + "pageInfo.hasNextPage"));
        JsonPath p2 = GraphQL.ok(staff, query, Map.of("id", learner, "after", p1.getString(base + "pageInfo.endCursor")));
        assertEquals(2, p2.getList(base + "edges").size());
        assertFalse(p2.getBoolean(base + "pageInfo.hasNextPage"));
        JsonPath active = GraphQL.ok(staff, query, Map.of("id", learner, "f", Map.of("status", List.of("ACTIVE"),
                "schoolYear", "2025-2026")));
        assertEquals(1, active.getInt(base + "totalCount"));
        assertEquals(id, active.getString(base + "edges[0].node.id"));
    }

    /** Centres asked together (one batch) each get their own page, newest first, and their own cursors. */
    @Test
    void centresAskedTogetherEachListTheirOwnEnrollmentsNewestFirst() {
        UUID other = fx.center(association, "MAR", 30);
        UUID learner = ma.forsa.support.SqlFixtures.learner("Paged", "FEMALE", "MAR", LocalDate.of(2011, 3, 4),
                LocalDate.of(2025, 1, 1));
        ma.forsa.support.SqlFixtures.enrollment(learner, center, "COMPLETED", LocalDate.of(2023, 9, 15),
                LocalDate.of(2024, 6, 30));
        ma.forsa.support.SqlFixtures.enrollment(learner, other, "ACTIVE", LocalDate.of(2025, 9, 15), null);
        for (String day : List.of("2024-09-20", "2025-09-16", "2022-09-20")) {
            UUID someone = ma.forsa.support.SqlFixtures.learner("Paged", "MALE", "MAR", LocalDate.of(2011, 3, 4),
                    LocalDate.of(2025, 1, 1));
            ma.forsa.support.SqlFixtures.enrollment(someone, center, "ACTIVE", LocalDate.parse(day), null);
        }
        UUID someone = ma.forsa.support.SqlFixtures.learner("Paged", "MALE", "MAR", LocalDate.of(2011, 3, 4),
                LocalDate.of(2025, 1, 1));
        ma.forsa.support.SqlFixtures.enrollment(someone, other, "ACTIVE", LocalDate.of(2024, 10, 1), null);
        String query = "query($id: ID!, $after: String) { learner(id: $id) { enrollments { center { id enrollments(first: 2, "
                + "after: $after) { edges { node { enrolledOn } } pageInfo { hasNextPage endCursor } } } } } }";
        JsonPath page = GraphQL.ok(staff, query, Map.of("id", learner.toString()));
        Map<String, List<String>> byCentre = new java.util.HashMap<>();
        for (int i = 0; i < 2; i++) {
            byCentre.put(page.getString("data.learner.enrollments[" + i + "].center.id"),
                    page.getList("data.learner.enrollments[" + i + "].center.enrollments.edges.node.enrolledOn"));
        }
        assertEquals(List.of("2025-09-16", "2024-09-20"), byCentre.get(center.toString()));
        assertEquals(List.of("2025-09-15", "2024-10-01"), byCentre.get(other.toString()));
        String base = "data.learner.enrollments[0].center.enrollments.";
        assertEquals(center.toString(), page.getString("data.learner.enrollments[0].center.id"), "oldest enrollment first");
        assertTrue(page.getBoolean(base + "pageInfo.hasNextPage"));
        JsonPath next = GraphQL.ok(staff, query, Map.of("id", learner.toString(), "after",
                page.getString(base + "pageInfo.endCursor")));
        assertEquals(List.of("2023-09-15", "2022-09-20"), next.getList(base + "edges.node.enrolledOn"));
        assertFalse(next.getBoolean(base + "pageInfo.hasNextPage"));
    }

    private JsonPath assertRefused(Map<String, Object> in, String code, String field) {
        JsonPath r = GraphQL.post(staff, ENROLL, Map.of("in", in));
        assertEquals(code, GraphQL.errorCode(r), r.prettify());
        assertEquals(field, r.getString("errors[0].extensions.field"), r.prettify());
        return r;
    }
}
