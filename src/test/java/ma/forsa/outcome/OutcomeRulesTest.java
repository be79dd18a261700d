package ma.forsa.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import ma.forsa.common.ApiException;
import ma.forsa.common.rules.Checked;
import ma.forsa.common.rules.Violation;
import ma.forsa.enrollment.EnrollmentStatus;

/** The outcome rulebook, table-driven. Plain JUnit. */
@Tag("unit")
class OutcomeRulesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 2);
    static final LocalDate EXIT = LocalDate.of(2026, 6, 30);

    static Stream<Arguments> fields() {
        return Stream.of(
                Arguments.of(OutcomeKind.EMPLOYMENT, LocalDate.of(2026, 7, 1), 0, "Garage", List.of()),
                Arguments.of(OutcomeKind.EMPLOYMENT, LocalDate.of(2026, 7, 1), 12, null, List.of()),
                Arguments.of(null, LocalDate.of(2026, 7, 1), 0, null, List.of("kind outcome.kind.required")),
                Arguments.of(OutcomeKind.UNKNOWN, LocalDate.of(2026, 7, 1), 1, null, List.of("followUpMonth outcome.followUpMonth.values")),
                Arguments.of(OutcomeKind.UNKNOWN, LocalDate.of(2026, 7, 1), null, null, List.of("followUpMonth outcome.followUpMonth.values")),
                Arguments.of(OutcomeKind.UNKNOWN, null, 3, null, List.of("observedOn outcome.observedOn.required")),
                Arguments.of(OutcomeKind.UNKNOWN, TODAY.plusDays(1), 3, null, List.of("observedOn outcome.observedOn.future")),
                Arguments.of(OutcomeKind.VOCATIONAL_TRAINING, TODAY, 6, "x".repeat(201),
                        List.of("organization outcome.organization.tooLong")),
                Arguments.of(null, null, 2, "x".repeat(201), List.of("kind outcome.kind.required",
                        "followUpMonth outcome.followUpMonth.values", "observedOn outcome.observedOn.required",
                        "organization outcome.organization.tooLong")));
    }

    @ParameterizedTest(name = "{0} {1} month {2}")
    @MethodSource("fields")
    void checkFields(OutcomeKind kind, LocalDate observedOn, Integer month, String organization, List<String> violations) {
        Checked.Collector c = new Checked.Collector();
        OutcomeRules.checkFields(c, kind, observedOn, month, organization, TODAY);
        assertEquals(violations, describe(c.list()));
    }

    static Stream<Arguments> records() {
        return Stream.of(
                Arguments.of(EnrollmentStatus.COMPLETED, LocalDate.of(2026, 7, 1), 0, Set.of(), List.of()),
                Arguments.of(EnrollmentStatus.DROPPED_OUT, EXIT, 3, Set.of(0), List.of()),
                Arguments.of(EnrollmentStatus.ACTIVE, LocalDate.of(2026, 7, 1), 0, Set.of(),
                        List.of("enrollmentId outcome.enrollment.notEnded")),
                Arguments.of(EnrollmentStatus.TRANSFERRED, LocalDate.of(2026, 7, 1), 0, Set.of(),
                        List.of("enrollmentId outcome.enrollment.notEnded")),
                Arguments.of(EnrollmentStatus.COMPLETED, EXIT.minusDays(1), 0, Set.of(),
                        List.of("observedOn outcome.observedOn.beforeExit")),
                Arguments.of(EnrollmentStatus.COMPLETED, LocalDate.of(2026, 10, 1), 3, Set.of(0, 3),
                        List.of("followUpMonth outcome.alreadyRecorded")));
    }

    @ParameterizedTest(name = "{0} observed {1} month {2} (recorded {3})")
    @MethodSource("records")
    void checkRecord(EnrollmentStatus status, LocalDate observedOn, int month, Set<Integer> recorded, List<String> violations) {
        assertEquals(violations, describe(OutcomeRules.checkRecord(status, EXIT, observedOn, month, recorded)));
    }

    @Test
    void validateTrimsAndRefusesAMalformedEnrollmentId() {
        UUID id = UUID.randomUUID();
        OutcomeRules.Valid v = OutcomeRules.validate(new OutcomeInput(id.toString(), OutcomeKind.EMPLOYMENT, EXIT, 0, "  OFPPT ",
                null), TODAY).orThrow(java.util.Locale.FRENCH);
        assertEquals(id, v.enrollmentId());
        assertEquals("OFPPT", v.organization());
        assertEquals(false, v.verified());
        ApiException e = assertThrows(ApiException.class, () -> OutcomeRules.validate(new OutcomeInput("x", OutcomeKind.EMPLOYMENT,
                EXIT, 0, null, null), TODAY));
        assertEquals("enrollmentId", e.details().get("field"));
        assertEquals("input", OutcomeRules.validate(null, TODAY).violations().get(0).field());
    }

    static List<String> describe(List<Violation> violations) {
        return violations.stream().map(v -> v.field() + " " + v.key()).toList();
    }
}
