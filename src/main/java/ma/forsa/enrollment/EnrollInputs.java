package ma.forsa.enrollment;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;

import ma.forsa.common.ApiException;
import ma.forsa.common.Ids;

/** Field-by-field validation of {@link EnrollInput}, before any database access. */
public final class EnrollInputs {

    private EnrollInputs() {
    }

    public static EnrollmentService.NewEnrollment validate(EnrollInput in) {
        if (in == null) {
            throw ApiException.validation("input", "input is required.");
        }
        var learner = Ids.parseInput(in.learnerId(), "learnerId");
        var center = Ids.parseInput(in.centerId(), "centerId");
        var agreement = in.agreementId() == null || in.agreementId().isBlank() ? null
                : Ids.parseInput(in.agreementId(), "agreementId");
        int year = SchoolYears.firstYear(in.schoolYear(), "schoolYear");
        if (in.strands() == null || in.strands().isEmpty()) {
            throw ApiException.validation("strands", "strands must list at least one of EDUCATIONAL, PRE_VOCATIONAL, "
                    + "LIFE_SKILLS.");
        }
        List<Strand> strands = List.copyOf(new LinkedHashSet<>(in.strands()));
        String field = in.vocationalField() == null || in.vocationalField().isBlank() ? null : in.vocationalField().strip();
        if (field != null && field.length() > 120) {
            throw ApiException.validation("vocationalField", "vocationalField must be at most 120 characters.");
        }
        LocalDate on = in.enrolledOn();
        if (on == null) {
            throw ApiException.validation("enrolledOn", "enrolledOn is required.");
        }
        if (on.isBefore(SchoolYears.opens(year)) || on.isAfter(SchoolYears.closes(year))) {
            throw ApiException.validation("enrolledOn", "enrolledOn " + on + " does not fall in school year "
                    + in.schoolYear().strip() + " (enrollments from " + SchoolYears.opens(year) + " to "
                    + SchoolYears.closes(year) + ").");
        }
        return new EnrollmentService.NewEnrollment(learner, center, in.schoolYear().strip(), strands, field, on, agreement,
                Boolean.TRUE.equals(in.overrideCapacity()));
    }
}
