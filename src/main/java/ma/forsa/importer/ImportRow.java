package ma.forsa.importer;

import java.time.LocalDate;
import java.util.List;

import ma.forsa.enrollment.EnrollmentStatus;
import ma.forsa.enrollment.Strand;
import ma.forsa.learner.LearnerRules;
import ma.forsa.outcome.OutcomeKind;

/** One valid row of an import file: a learner, the enrollment, and optionally an outcome. */
record ImportRow(int line, LearnerRules.Valid learner, boolean notDuplicate, String centerCode, String schoolYear,
        List<Strand> strands, String vocationalField, LocalDate enrolledOn, EnrollmentStatus status, LocalDate exitedOn,
        String exitReason, OutcomeKind outcome, LocalDate observedOn, int followUpMonth, String organization,
        boolean verified) {


}
