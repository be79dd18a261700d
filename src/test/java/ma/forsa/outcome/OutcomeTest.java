package ma.forsa.outcome;

import static ma.forsa.learner.RegistryFixtures.enroll;
import static ma.forsa.learner.RegistryFixtures.learnerInput;
import static ma.forsa.learner.RegistryFixtures.register;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import ma.forsa.learner.RegistryFixtures;
import ma.forsa.support.GraphQL;
import ma.forsa.support.Tokens;

@QuarkusTest
class OutcomeTest {

    private static final String RECORD = "mutation($in: OutcomeInput!) { recordOutcome(input: $in) { id kind observedOn "
            + "followUpMonth organization verified enrollment { id status } } }";
    private static final String TRANSITION = "mutation($id: ID!, $v: Int!, $to: EnrollmentStatus!, $on: Date!) { "
            + "transitionEnrollment(id: $id, version: $v, to: $to, on: $on) { version } }";

    @Inject
    AgroalDataSource dataSource;
    RegistryFixtures fx;
    String staff;
    UUID center;
    UUID association;

    @BeforeEach
    void setUp() {
        fx = new RegistryFixtures(dataSource);
        association = fx.association("MAR");
        center = fx.center(association, "MAR", 30);
        staff = Tokens.associationStaff(association);
    }

    private String completedEnrollment() {
        String id = enroll(staff, register(staff, learnerInput()), center);
        GraphQL.ok(staff, TRANSITION, Map.of("id", id, "v", 0, "to", "ACTIVE", "on", "2025-09-20"));
        GraphQL.ok(staff, TRANSITION, Map.of("id", id, "v", 1, "to", "COMPLETED", "on", "2026-06-30"));
        return id;
    }

    private static Map<String, Object> input(String enrollment, int month, String observedOn) {
        Map<String, Object> in = new HashMap<>();
        in.put("enrollmentId", enrollment);
        in.put("kind", "VOCATIONAL_TRAINING");
        in.put("observedOn", observedOn);
        in.put("followUpMonth", month);
        in.put("organization", "OFPPT Marrakech");
        in.put("verified", true);
        return in;
    }

    @Test
    void oneOutcomePerFollowUpMonthOfAnEndedEnrollment() {
        String id = completedEnrollment();
        JsonPath r = GraphQL.ok(staff, RECORD, Map.of("in", input(id, 0, "2026-07-01")));
        assertEquals("VOCATIONAL_TRAINING", r.getString("data.recordOutcome.kind"));
        assertEquals(id, r.getString("data.recordOutcome.enrollment.id"));
        GraphQL.ok(staff, RECORD, Map.of("in", input(id, 3, "2026-10-01")));
        JsonPath again = GraphQL.post(staff, RECORD, Map.of("in", input(id, 3, "2026-10-02")));
        assertEquals("VALIDATION", GraphQL.errorCode(again));
        assertEquals("followUpMonth", again.getString("errors[0].extensions.field"));
        assertField(input(id, 5, "2026-10-01"), "followUpMonth");
        assertField(input(id, 6, "2026-06-29"), "observedOn");
        assertField(input(id, 6, "2099-01-01"), "observedOn");
        assertEquals(1, fx.count("SELECT count(*) FROM audit_event WHERE entity = 'Outcome' AND entity_id = ?",
                r.getString("data.recordOutcome.id")));

        JsonPath nested = GraphQL.ok(staff, "query($id: ID!) { learner(id: $id) { enrollments { outcomes { followUpMonth "
                + "organization } } } }", Map.of("id", fx.query("SELECT CAST(learner_id AS varchar) AS l FROM enrollment "
                        + "WHERE id = ?::uuid", id).get(0).get("l")));
        assertEquals(List.of(0, 3), nested.getList("data.learner.enrollments[0].outcomes.followUpMonth"));
    }

    @Test
    void anOpenOrTransferredEnrollmentTakesNoOutcome() {
        String open = enroll(staff, register(staff, learnerInput()), center);
        assertField(input(open, 0, "2025-10-01"), "enrollmentId");
        UUID other = fx.center(association, "MAR", 30);
        JsonPath moved = GraphQL.ok(staff, "mutation($id: ID!) { transferEnrollment(id: $id, version: 0, toCenterId: \""
                + other + "\", on: \"2025-10-01\") { id } }", Map.of("id", open));
        assertEquals(36, moved.getString("data.transferEnrollment.id").length());
        assertField(input(open, 0, "2025-10-02"), "enrollmentId");
    }

    @Test
    void outcomesAreWrittenOnlyByTheCentresAssociationItsAcademyOrAnAdmin() {
        String id = completedEnrollment();
        UUID otherAssociation = fx.association("MAR");
        assertEquals("NOT_FOUND", GraphQL.errorCode(GraphQL.post(Tokens.associationStaff(otherAssociation), RECORD,
                Map.of("in", input(id, 0, "2026-07-01")))));
        assertEquals("NOT_FOUND", GraphQL.errorCode(GraphQL.post(Tokens.academyOfficer("CS"), RECORD,
                Map.of("in", input(id, 0, "2026-07-01")))));
        assertEquals("FORBIDDEN", GraphQL.errorCode(GraphQL.post(Tokens.ministry(), RECORD, Map.of("in", input(id, 0, "2026-07-01")))));
        assertEquals("NOT_FOUND", GraphQL.errorCode(GraphQL.post(Tokens.admin(), RECORD,
                Map.of("in", input(UUID.randomUUID().toString(), 0, "2026-07-01")))));
        GraphQL.ok(Tokens.academyOfficer("MS"), RECORD, Map.of("in", input(id, 6, "2026-07-15")));
        GraphQL.ok(Tokens.admin(), RECORD, Map.of("in", input(id, 12, "2026-07-30")));
    }

    private void assertField(Map<String, Object> in, String field) {
        JsonPath r = GraphQL.post(staff, RECORD, Map.of("in", in));
        assertEquals("VALIDATION", GraphQL.errorCode(r), r.prettify());
        assertEquals(field, r.getString("errors[0].extensions.field"), r.prettify());
    }
}
