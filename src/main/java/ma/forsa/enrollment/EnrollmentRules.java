package ma.forsa.enrollment;

import java.time.LocalDate;
import java.time.Period;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import ma.forsa.agreement.AgreementRules;
import ma.forsa.agreement.AgreementStatus;
import ma.forsa.center.CenterStatus;
import ma.forsa.common.ErrorCode;
import ma.forsa.common.Ids;
import ma.forsa.common.rules.Checked;
import ma.forsa.common.rules.Violation;

/**
 * The enrollment rulebook: pure functions over small fact records, returning every violation. The GraphQL mutations
 * ({@code enroll}, {@code transitionEnrollment}, {@code transferEnrollment}) and the bulk import gather the facts
 * (the import for a whole chunk at once) and call the same functions, so a rule changes in one place.
 */
public final class EnrollmentRules {

    private EnrollmentRules() {
    }

    /** The ages at which a learner may be enrolled (inclusive, on the enrollment date). */
    public record Eligibility(int minAge, int maxAge) {

        public Eligibility {
            if (minAge < 0 || maxAge < minAge) {
                throw new IllegalStateException("forsa.eligibility.min-age (" + minAge + ") must be 0 or more and at most "
                        + "forsa.eligibility.max-age (" + maxAge + ").");
            }
        }

        public static Eligibility of(EligibilityConfig config) {
            return new Eligibility(config.minAge(), config.maxAge());
        }
    }

    /** A checked enroll request. */
    public record Request(UUID learnerId, UUID centerId, String schoolYear, List<Strand> strands, String vocationalField,
            LocalDate enrolledOn, UUID agreementId, boolean overrideCapacity) {
    }

    /** The learner, as the rules need it. {@code openEnrollment}: the learner's open enrollment, if any. */
    public record LearnerFacts(LocalDate birthDate, boolean anonymised, UUID openEnrollment) {
    }

    /** The centre, as the rules need it (read under its row lock). {@code open}: its open enrollments. */
    public record CenterFacts(UUID id, String code, CenterStatus status, int capacity, int open) {
    }

    /** An agreement that names the centre or could count the enrollment. */
    public record AgreementFacts(UUID id, String reference, AgreementStatus storedStatus, LocalDate startsOn, LocalDate endsOn,
            boolean coversCenter) {
    }

    /** What the checks decided: the agreement the enrollment counts towards, and whether capacity was overridden. */
    public record Decision(UUID agreementId, boolean capacityOverridden) {
    }

    /** Reads agreement facts from a row of id, reference, status, starts_on, ends_on, covers. */
    public static AgreementFacts agreementFactsOf(ma.forsa.common.db.DbRow r) {
        return new AgreementFacts(r.uuid("id"), r.string("reference"), AgreementStatus.valueOf(r.string("status")),
                r.date("starts_on"), r.date("ends_on"), r.flag("covers"));
    }

    // ---------------------------------------------------------------- inputs

    public static Checked<Request> validate(EnrollInput in, LocalDate today) {
        Checked.Collector c = new Checked.Collector();
        if (in == null) {
            return c.add(Violation.invalid("input", "enrollment.input.required")).result(null);
        }
        UUID learner = Ids.parseInput(in.learnerId(), "learnerId");
        UUID center = Ids.parseInput(in.centerId(), "centerId");
        UUID agreement = in.agreementId() == null || in.agreementId().isBlank() ? null
                : Ids.parseInput(in.agreementId(), "agreementId");
        String year = in.schoolYear() == null ? null : in.schoolYear().strip();
        List<Strand> strands = in.strands() == null ? List.of() : List.copyOf(new LinkedHashSet<>(in.strands()));
        String field = in.vocationalField() == null || in.vocationalField().isBlank() ? null : in.vocationalField().strip();
        checkCourse(c, year, strands, field, in.enrolledOn(), today);
        return c.result(new Request(learner, center, year, strands, field, in.enrolledOn(), agreement,
                Boolean.TRUE.equals(in.overrideCapacity())));
    }

    /** School year, strands, vocational field and enrollment date (also the import's checks of those cells). */
    public static void checkCourse(Checked.Collector c, String schoolYear, List<Strand> strands, String vocationalField,
            LocalDate enrolledOn, LocalDate today) {
        Integer first = SchoolYears.firstYearOrNull(schoolYear);
        if (first == null) {
            c.add(Violation.invalid("schoolYear", "enrollment.schoolYear.format"));
        }
        if (strands == null || strands.isEmpty()) {
            c.add(Violation.invalid("strands", "enrollment.strands.required"));
        }
        if (vocationalField != null && vocationalField.length() > 120) {
            c.add(Violation.invalid("vocationalField", "enrollment.vocationalField.tooLong", 120));
        }
        if (enrolledOn == null) {
            c.add(Violation.invalid("enrolledOn", "enrollment.enrolledOn.required"));
        } else if (first != null && !SchoolYears.contains(first, enrolledOn)) {
            c.add(Violation.invalid("enrolledOn", "enrollment.enrolledOn.outsideYear", schoolYear, SchoolYears.opens(first),
                    SchoolYears.closes(first)));
        } else if (enrolledOn.isAfter(today)) {
            c.add(Violation.invalid("enrolledOn", "enrollment.enrolledOn.future"));
        }
    }

    // ---------------------------------------------------------------- enroll (and the receiving side of a transfer)

    /**
     * Every check of an enrollment in a centre on a date: the learner is not anonymised and within the eligible ages;
     * an open enrollment is the learner's only one; the centre is OPEN and not full (unless overridden); the
     * enrollment counts towards an agreement SIGNED or ACTIVE that covers the centre on that date ({@code named}: the
     * agreement the caller chose, if any; else the first of {@code covering} that qualifies).
     *
     * @param opens whether the enrollment is open (ENROLLED/ACTIVE): only open ones take a place and must be the
     *        learner's only open enrollment (the import also records finished enrollments)
     * @param namedGiven whether the caller named an agreement ({@code named} is then that agreement, or null when it is
     *        unknown to the caller)
     */
    public static Checked<Decision> checkEnroll(LearnerFacts learner, CenterFacts center, boolean namedGiven,
            AgreementFacts named, List<AgreementFacts> covering, LocalDate on, boolean opens, boolean overrideCapacity,
            Eligibility eligibility) {
        Checked.Collector c = new Checked.Collector();
        if (learner.anonymised()) {
            return c.add(Violation.of(ErrorCode.ANONYMISED, "learnerId", "learner.anonymised")).result(null);
        }
        int age = Period.between(learner.birthDate(), on).getYears();
        if (age < eligibility.minAge() || age > eligibility.maxAge()) {
            c.add(Violation.invalid("enrolledOn", "enrollment.age", age, on, eligibility.minAge(), eligibility.maxAge()));
        }
        if (opens && learner.openEnrollment() != null) {
            c.add(Violation.invalid("learnerId", "enrollment.alreadyOpen"));
        }
        if (center.status() != CenterStatus.OPEN) {
            c.add(Violation.invalid("centerId", "enrollment.center.notOpen", center.code(), center.status()));
        }
        boolean overridden = false;
        if (opens && center.open() >= center.capacity()) {
            if (overrideCapacity) {
                overridden = true;
            } else {
                c.add(Violation.of(ErrorCode.CAPACITY_EXCEEDED, "centerId", "enrollment.center.full", center.code(), center.open(),
                        center.capacity()));
            }
        }
        UUID agreement = null;
        if (namedGiven) {
            if (named == null) {
                c.add(Violation.invalid("agreementId", "enrollment.agreement.unknown"));
            } else {
                Violation refused = agreementRefusal(named, center, on);
                if (refused != null) {
                    c.add(refused);
                } else {
                    agreement = named.id();
                }
            }
        } else {
            agreement = covering.stream().filter(a -> agreementRefusal(a, center, on) == null)
                    .sorted(Comparator.comparing(AgreementFacts::startsOn).reversed().thenComparing(AgreementFacts::reference))
                    .map(AgreementFacts::id).findFirst().orElse(null);
            if (agreement == null) {
                c.add(Violation.invalid("centerId", "enrollment.agreement.none", center.code(), on));
            }
        }
        return c.result(new Decision(agreement, overridden));
    }

    /** Why an agreement cannot count an enrollment in {@code center} on {@code on}, or null when it can. */
    static Violation agreementRefusal(AgreementFacts a, CenterFacts center, LocalDate on) {
        if (a.storedStatus() != AgreementStatus.SIGNED && a.storedStatus() != AgreementStatus.ACTIVE) {
            return Violation.invalid("agreementId", "enrollment.agreement.notInForce", a.reference(),
                    AgreementRules.effectiveStatus(a.storedStatus(), a.endsOn(), on));
        }
        if (!a.coversCenter()) {
            return Violation.invalid("agreementId", "enrollment.agreement.notCovering", a.reference(), center.code());
        }
        if (on.isBefore(a.startsOn()) || on.isAfter(a.endsOn())) {
            return Violation.invalid("enrolledOn", "enrollment.agreement.outsideTerm", on, a.reference(), a.startsOn(),
                    a.endsOn());
        }
        return null;
    }

    // ---------------------------------------------------------------- transitions and transfers

    /** A status change requested through transitionEnrollment (TRANSFERRED only through a transfer). */
    public static List<Violation> checkTransition(EnrollmentStatus from, EnrollmentStatus to, LocalDate on,
            LocalDate enrolledOn, String reason, LocalDate today) {
        Checked.Collector c = new Checked.Collector();
        if (!from.next().contains(to)) {
            List<String> allowed = from.next().stream().map(Enum::name).toList();
            c.add(Violation.of(ErrorCode.INVALID_TRANSITION, "to", "enrollment.transition.refused", from, to,
                    allowed.isEmpty() ? from.name() : String.join(", ", allowed)));
        }
        checkDate(c, on, enrolledOn, today);
        if (reason != null && reason.length() > 500) {
            c.add(Violation.invalid("reason", "enrollment.reason.tooLong", 500));
        }
        return c.list();
    }

    /** The sending side of a transfer: an open enrollment moved to another centre on a date inside its school year. */
    public static List<Violation> checkTransferFrom(EnrollmentStatus from, UUID fromCenter, UUID toCenter, LocalDate on,
            LocalDate enrolledOn, String schoolYear, LocalDate today) {
        Checked.Collector c = new Checked.Collector();
        if (!from.isOpen()) {
            c.add(Violation.of(ErrorCode.INVALID_TRANSITION, "id", "enrollment.transfer.notOpen", from));
        }
        if (fromCenter.equals(toCenter)) {
            c.add(Violation.invalid("toCenterId", "enrollment.transfer.sameCenter"));
        }
        checkDate(c, on, enrolledOn, today);
        Integer first = SchoolYears.firstYearOrNull(schoolYear);
        if (on != null && first != null && !SchoolYears.contains(first, on)) {
            c.add(Violation.invalid("on", "enrollment.enrolledOn.outsideYear", schoolYear, SchoolYears.opens(first),
                    SchoolYears.closes(first)));
        }
        return c.list();
    }

    private static void checkDate(Checked.Collector c, LocalDate on, LocalDate enrolledOn, LocalDate today) {
        if (on == null) {
            c.add(Violation.invalid("on", "enrollment.on.required"));
        } else if (on.isBefore(enrolledOn)) {
            c.add(Violation.invalid("on", "enrollment.on.beforeEnrollment", enrolledOn));
        } else if (on.isAfter(today)) {
            c.add(Violation.invalid("on", "enrollment.on.future"));
        }
    }
}
