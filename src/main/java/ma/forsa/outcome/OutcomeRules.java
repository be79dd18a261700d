package ma.forsa.outcome;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import ma.forsa.common.Ids;
import ma.forsa.common.rules.Checked;
import ma.forsa.common.rules.Violation;
import ma.forsa.enrollment.EnrollmentStatus;

/**
 * The outcome rulebook: what an outcome must be, and when one may be recorded on an enrollment. Shared by
 * {@code recordOutcome} and the bulk import.
 */
public final class OutcomeRules {

    public static final Set<Integer> FOLLOW_UP_MONTHS = Set.of(0, 3, 6, 12);

    private OutcomeRules() {
    }

    /** A checked outcome. */
    public record Valid(UUID enrollmentId, OutcomeKind kind, LocalDate observedOn, int followUpMonth, String organization,
            boolean verified) {
    }

    public static Checked<Valid> validate(OutcomeInput in, LocalDate today) {
        Checked.Collector c = new Checked.Collector();
        if (in == null) {
            return c.add(Violation.invalid("input", "outcome.input.required")).result(null);
        }
        UUID enrollment = Ids.parseInput(in.enrollmentId(), "enrollmentId");
        String organization = in.organization() == null || in.organization().isBlank() ? null : in.organization().strip();
        checkFields(c, in.kind(), in.observedOn(), in.followUpMonth(), organization, today);
        return c.result(new Valid(enrollment, in.kind(), in.observedOn(), in.followUpMonth(), organization,
                Boolean.TRUE.equals(in.verified())));
    }

    /** Kind, observation date, follow-up month and organisation (also the import's checks of those cells). */
    public static void checkFields(Checked.Collector c, OutcomeKind kind, LocalDate observedOn, Integer followUpMonth,
            String organization, LocalDate today) {
        if (kind == null) {
            c.add(Violation.invalid("kind", "outcome.kind.required"));
        }
        if (followUpMonth == null || !FOLLOW_UP_MONTHS.contains(followUpMonth)) {
            c.add(Violation.invalid("followUpMonth", "outcome.followUpMonth.values"));
        }
        if (observedOn == null) {
            c.add(Violation.invalid("observedOn", "outcome.observedOn.required"));
        } else if (observedOn.isAfter(today)) {
            c.add(Violation.invalid("observedOn", "outcome.observedOn.future"));
        }
        if (organization != null && organization.length() > 200) {
            c.add(Violation.invalid("organization", "outcome.organization.tooLong", 200));
        }
    }

    /**
     * An outcome may be recorded on an enrollment that has ended (COMPLETED, DROPPED_OUT), observed on or after the exit
     * date, one per follow-up month ({@code recordedMonths}: the months already recorded).
     */
    public static List<Violation> checkRecord(EnrollmentStatus status, LocalDate exitedOn, LocalDate observedOn,
            int followUpMonth, Set<Integer> recordedMonths) {
        Checked.Collector c = new Checked.Collector();
        if (!status.hasEnded()) {
            c.add(Violation.invalid("enrollmentId", "outcome.enrollment.notEnded", status));
        } else if (observedOn != null && exitedOn != null && observedOn.isBefore(exitedOn)) {
            c.add(Violation.invalid("observedOn", "outcome.observedOn.beforeExit", exitedOn));
        }
        if (recordedMonths.contains(followUpMonth)) {
            c.add(Violation.invalid("followUpMonth", "outcome.alreadyRecorded", followUpMonth));
        }
        return c.list();
    }
}
