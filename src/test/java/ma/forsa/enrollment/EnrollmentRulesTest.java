package ma.forsa.enrollment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import ma.forsa.agreement.AgreementStatus;
import ma.forsa.center.CenterStatus;
import ma.forsa.common.ApiException;
import ma.forsa.common.ErrorCode;
import ma.forsa.common.rules.Checked;
import ma.forsa.common.rules.Violation;

/** The enrollment rulebook over fact records, table-driven: each case gives exactly its violations. Plain JUnit. */
@Tag("unit")
class EnrollmentRulesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 2);
    static final LocalDate ON = LocalDate.of(2025, 9, 15);
    static final EnrollmentRules.Eligibility AGES = new EnrollmentRules.Eligibility(13, 22);
    static final UUID CENTER = UUID.randomUUID();

    record Case(String name, EnrollmentRules.LearnerFacts learner, EnrollmentRules.CenterFacts center, boolean namedGiven,
            EnrollmentRules.AgreementFacts named, List<EnrollmentRules.AgreementFacts> covering, boolean opens,
            boolean override, List<String> violations) {
        @Override
        public String toString() {
            return name;
        }
    }

    static EnrollmentRules.LearnerFacts learner(LocalDate born) {
        return new EnrollmentRules.LearnerFacts(born, false, null);
    }

    static EnrollmentRules.CenterFacts center(CenterStatus status, int capacity, int open) {
        return new EnrollmentRules.CenterFacts(CENTER, "E2C-RAB-00001", status, capacity, open);
    }

    static EnrollmentRules.AgreementFacts agreement(String reference, AgreementStatus status, boolean covers, LocalDate starts,
            LocalDate ends) {
        return new EnrollmentRules.AgreementFacts(UUID.nameUUIDFromBytes(reference.getBytes()), reference, status, starts, ends,
                covers);
    }

    static final EnrollmentRules.LearnerFacts BORN_2010 = learner(LocalDate.of(2010, 5, 1));
    static final EnrollmentRules.CenterFacts OPEN = center(CenterStatus.OPEN, 10, 3);
    static final EnrollmentRules.AgreementFacts ACTIVE = agreement("CONV-1", AgreementStatus.ACTIVE, true,
            LocalDate.of(2024, 9, 1), LocalDate.of(2027, 8, 31));

    static Stream<Case> enrollCases() {
        return Stream.of(
                new Case("all good", BORN_2010, OPEN, false, null, List.of(ACTIVE), true, false, List.of()),
                new Case("anonymised learner: that alone", new EnrollmentRules.LearnerFacts(LocalDate.of(2010, 5, 1), true, null),
                        center(CenterStatus.CLOSED, 0, 0), false, null, List.of(), true, false,
                        List.of("ANONYMISED learnerId learner.anonymised")),
                new Case("too young", learner(LocalDate.of(2013, 1, 1)), OPEN, false, null, List.of(ACTIVE), true, false,
                        List.of("VALIDATION enrolledOn enrollment.age")),
                new Case("13 on the day", learner(LocalDate.of(2012, 9, 15)), OPEN, false, null, List.of(ACTIVE), true, false,
                        List.of()),
                new Case("23 on the day", learner(LocalDate.of(2002, 9, 15)), OPEN, false, null, List.of(ACTIVE), true, false,
                        List.of("VALIDATION enrolledOn enrollment.age")),
                new Case("already open", new EnrollmentRules.LearnerFacts(LocalDate.of(2010, 5, 1), false, UUID.randomUUID()),
                        OPEN, false, null, List.of(ACTIVE), true, false, List.of("VALIDATION learnerId enrollment.alreadyOpen")),
                new Case("already open, finished enrollment (import of past years)",
                        new EnrollmentRules.LearnerFacts(LocalDate.of(2010, 5, 1), false, UUID.randomUUID()), OPEN, false, null,
                        List.of(ACTIVE), false, false, List.of()),
                new Case("centre suspended", BORN_2010, center(CenterStatus.SUSPENDED, 10, 3), false, null, List.of(ACTIVE), true,
                        false, List.of("VALIDATION centerId enrollment.center.notOpen")),
                new Case("centre full", BORN_2010, center(CenterStatus.OPEN, 10, 10), false, null, List.of(ACTIVE), true, false,
                        List.of("CAPACITY_EXCEEDED centerId enrollment.center.full")),
                new Case("centre full, overridden", BORN_2010, center(CenterStatus.OPEN, 10, 10), false, null, List.of(ACTIVE),
                        true, true, List.of()),
                new Case("centre full, finished enrollment", BORN_2010, center(CenterStatus.OPEN, 10, 10), false, null,
                        List.of(ACTIVE), false, false, List.of()),
                new Case("no agreement covers the centre", BORN_2010, OPEN, false, null, List.of(), true, false,
                        List.of("VALIDATION centerId enrollment.agreement.none")),
                new Case("only a suspended one covers it", BORN_2010, OPEN, false, null,
                        List.of(agreement("CONV-2", AgreementStatus.SUSPENDED, true, LocalDate.of(2024, 9, 1), LocalDate.of(2027, 8, 31))),
                        true, false, List.of("VALIDATION centerId enrollment.agreement.none")),
                new Case("named agreement unknown", BORN_2010, OPEN, true, null, List.of(ACTIVE), true, false,
                        List.of("VALIDATION agreementId enrollment.agreement.unknown")),
                new Case("named agreement a draft", BORN_2010, OPEN, true,
                        agreement("CONV-3", AgreementStatus.DRAFT, true, LocalDate.of(2024, 9, 1), LocalDate.of(2027, 8, 31)),
                        List.of(ACTIVE), true, false, List.of("VALIDATION agreementId enrollment.agreement.notInForce")),
                new Case("named agreement terminated", BORN_2010, OPEN, true,
                        agreement("CONV-4", AgreementStatus.TERMINATED, true, LocalDate.of(2024, 9, 1), LocalDate.of(2027, 8, 31)),
                        List.of(ACTIVE), true, false, List.of("VALIDATION agreementId enrollment.agreement.notInForce")),
                new Case("named agreement does not cover the centre", BORN_2010, OPEN, true,
                        agreement("CONV-5", AgreementStatus.ACTIVE, false, LocalDate.of(2024, 9, 1), LocalDate.of(2027, 8, 31)),
                        List.of(ACTIVE), true, false, List.of("VALIDATION agreementId enrollment.agreement.notCovering")),
                new Case("named agreement over before the date", BORN_2010, OPEN, true,
                        agreement("CONV-6", AgreementStatus.SIGNED, true, LocalDate.of(2021, 9, 1), LocalDate.of(2024, 8, 31)),
                        List.of(ACTIVE), true, false, List.of("VALIDATION enrolledOn enrollment.agreement.outsideTerm")),
                new Case("every broken rule at once", new EnrollmentRules.LearnerFacts(LocalDate.of(2015, 1, 1), false,
                        UUID.randomUUID()), center(CenterStatus.CLOSED, 1, 1), false, null, List.of(), true, false,
                        List.of("VALIDATION enrolledOn enrollment.age", "VALIDATION learnerId enrollment.alreadyOpen",
                                "VALIDATION centerId enrollment.center.notOpen",
                                "CAPACITY_EXCEEDED centerId enrollment.center.full",
                                "VALIDATION centerId enrollment.agreement.none")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("enrollCases")
    void checkEnrollGivesEveryViolationOfTheCase(Case c) {
        Checked<EnrollmentRules.Decision> checked = EnrollmentRules.checkEnroll(c.learner(), c.center(), c.namedGiven(), c.named(),
                c.covering(), ON, c.opens(), c.override(), AGES);
        assertEquals(c.violations(), describe(checked.violations()));
    }

    @Test
    void theAgreementPickedIsTheLatestInForceThatCoversTheCentre() {
        var older = agreement("CONV-A", AgreementStatus.ACTIVE, true, LocalDate.of(2023, 9, 1), LocalDate.of(2026, 8, 31));
        var newer = agreement("CONV-B", AgreementStatus.SIGNED, true, LocalDate.of(2025, 6, 1), LocalDate.of(2028, 8, 31));
        var notCovering = agreement("CONV-C", AgreementStatus.ACTIVE, false, LocalDate.of(2025, 9, 1), LocalDate.of(2028, 8, 31));
        var decision = EnrollmentRules.checkEnroll(BORN_2010, OPEN, false, null, List.of(older, notCovering, newer), ON, true,
                false, AGES).value();
        assertEquals(newer.id(), decision.agreementId());
        assertFalse(decision.capacityOverridden());
        assertTrue(EnrollmentRules.checkEnroll(BORN_2010, center(CenterStatus.OPEN, 1, 1), false, null, List.of(older), ON, true,
                true, AGES).value().capacityOverridden());
    }

    static Stream<Arguments> courseCases() {
        return Stream.of(
                Arguments.of("2025-2026", List.of(Strand.EDUCATIONAL), null, ON, List.of()),
                Arguments.of("2025/2026", List.of(Strand.EDUCATIONAL), null, ON,
                        List.of("VALIDATION schoolYear enrollment.schoolYear.format")),
                Arguments.of("2025-2026", List.of(), null, ON, List.of("VALIDATION strands enrollment.strands.required")),
                Arguments.of("2025-2026", List.of(Strand.PRE_VOCATIONAL), "x".repeat(121), ON,
                        List.of("VALIDATION vocationalField enrollment.vocationalField.tooLong")),
                Arguments.of("2025-2026", List.of(Strand.EDUCATIONAL), null, null,
                        List.of("VALIDATION enrolledOn enrollment.enrolledOn.required")),
                Arguments.of("2025-2026", List.of(Strand.EDUCATIONAL), null, LocalDate.of(2025, 5, 31),
                        List.of("VALIDATION enrolledOn enrollment.enrolledOn.outsideYear")),
                Arguments.of("2026-2027", List.of(Strand.EDUCATIONAL), null, TODAY.plusDays(1),
                        List.of("VALIDATION enrolledOn enrollment.enrolledOn.future")));
    }

    @ParameterizedTest(name = "{0} {1} {3}")
    @MethodSource("courseCases")
    void checkCourse(String year, List<Strand> strands, String field, LocalDate on, List<String> violations) {
        Checked.Collector c = new Checked.Collector();
        EnrollmentRules.checkCourse(c, year, strands, field, on, TODAY);
        assertEquals(violations, describe(c.list()));
    }

    @Test
    void malformedIdsInTheInputAreValidationErrorsOnTheirField() {
        EnrollInput bad = new EnrollInput("not-an-id", UUID.randomUUID().toString(), "2025-2026", List.of(Strand.EDUCATIONAL),
                null, ON, null, null);
        ApiException e = assertThrows(ApiException.class, () -> EnrollmentRules.validate(bad, TODAY));
        assertEquals("learnerId", e.details().get("field"));
        EnrollInput good = new EnrollInput(UUID.randomUUID().toString(), UUID.randomUUID().toString(), " 2025-2026 ",
                List.of(Strand.EDUCATIONAL, Strand.EDUCATIONAL, Strand.LIFE_SKILLS), "  ", ON, " ", true);
        EnrollmentRules.Request request = EnrollmentRules.validate(good, TODAY).orThrow(java.util.Locale.ENGLISH);
        assertEquals("2025-2026", request.schoolYear());
        assertEquals(List.of(Strand.EDUCATIONAL, Strand.LIFE_SKILLS), request.strands());
        assertEquals(null, request.vocationalField());
        assertEquals(null, request.agreementId());
        assertTrue(request.overrideCapacity());
    }

    static Stream<Arguments> transitions() {
        LocalDate enrolled = LocalDate.of(2025, 9, 15);
        LocalDate on = LocalDate.of(2026, 6, 30);
        return Stream.of(
                Arguments.of(EnrollmentStatus.ENROLLED, EnrollmentStatus.ACTIVE, on, null, List.of()),
                Arguments.of(EnrollmentStatus.ENROLLED, EnrollmentStatus.DROPPED_OUT, on, "Travail", List.of()),
                Arguments.of(EnrollmentStatus.ACTIVE, EnrollmentStatus.COMPLETED, on, null, List.of()),
                Arguments.of(EnrollmentStatus.ACTIVE, EnrollmentStatus.DROPPED_OUT, on, null, List.of()),
                Arguments.of(EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED, on, null,
                        List.of("INVALID_TRANSITION to enrollment.transition.refused")),
                Arguments.of(EnrollmentStatus.ACTIVE, EnrollmentStatus.TRANSFERRED, on, null,
                        List.of("INVALID_TRANSITION to enrollment.transition.refused")),
                Arguments.of(EnrollmentStatus.COMPLETED, EnrollmentStatus.ACTIVE, on, null,
                        List.of("INVALID_TRANSITION to enrollment.transition.refused")),
                Arguments.of(EnrollmentStatus.ACTIVE, EnrollmentStatus.COMPLETED, null, null,
                        List.of("VALIDATION on enrollment.on.required")),
                Arguments.of(EnrollmentStatus.ACTIVE, EnrollmentStatus.COMPLETED, enrolled.minusDays(1), null,
                        List.of("VALIDATION on enrollment.on.beforeEnrollment")),
                Arguments.of(EnrollmentStatus.ACTIVE, EnrollmentStatus.COMPLETED, TODAY.plusDays(1), null,
                        List.of("VALIDATION on enrollment.on.future")),
                Arguments.of(EnrollmentStatus.ACTIVE, EnrollmentStatus.DROPPED_OUT, on, "x".repeat(501),
                        List.of("VALIDATION reason enrollment.reason.tooLong")));
    }

    @ParameterizedTest(name = "{0} -> {1} on {2}")
    @MethodSource("transitions")
    void checkTransition(EnrollmentStatus from, EnrollmentStatus to, LocalDate on, String reason, List<String> violations) {
        assertEquals(violations, describe(EnrollmentRules.checkTransition(from, to, on, LocalDate.of(2025, 9, 15), reason, TODAY)));
    }

    @Test
    void checkTransferFrom() {
        UUID other = UUID.randomUUID();
        LocalDate enrolled = LocalDate.of(2025, 9, 15);
        assertEquals(List.of(), describe(EnrollmentRules.checkTransferFrom(EnrollmentStatus.ACTIVE, CENTER, other,
                LocalDate.of(2026, 1, 10), enrolled, "2025-2026", TODAY)));
        assertEquals(List.of("INVALID_TRANSITION id enrollment.transfer.notOpen", "VALIDATION toCenterId enrollment.transfer.sameCenter"),
                describe(EnrollmentRules.checkTransferFrom(EnrollmentStatus.COMPLETED, CENTER, CENTER, LocalDate.of(2026, 1, 10),
                        enrolled, "2025-2026", TODAY)));
        assertEquals(List.of("VALIDATION on enrollment.enrolledOn.outsideYear"), describe(EnrollmentRules.checkTransferFrom(
                EnrollmentStatus.ENROLLED, CENTER, other, LocalDate.of(2026, 9, 1), enrolled, "2025-2026", TODAY)));
    }

    static List<String> describe(List<Violation> violations) {
        return violations.stream().map(v -> v.code() + " " + v.field() + " " + v.key()).toList();
    }

    @Test
    void eligibilityBoundsAreChecked() {
        assertThrows(IllegalStateException.class, () -> new EnrollmentRules.Eligibility(20, 13));
        assertThrows(IllegalStateException.class, () -> new EnrollmentRules.Eligibility(-1, 13));
        assertEquals(ErrorCode.VALIDATION, Violation.invalid("x", "y").code());
    }
}
